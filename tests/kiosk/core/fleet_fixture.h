// SPDX-License-Identifier: Apache-2.0
// FleetTest: a real mosquitto on loopback for the fleet's tests (kiosk_fleet_test and
// kioskctl's fleet tests): TLS with required client certificates (the CN is the user name), a
// per-kiosk ACL, certificates for kiosks SC-A and SC-B and an administrator, and kiosks with a
// fleet link and a "ping" command.
#pragma once

#include "base/clock.h"
#include "base/log.h"
#include "kiosk/core/fleet_link.h"
#include "tests/platform_sim/test_certificates.h"
#include "tests/support/mosquitto_broker.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace fleet_test {

using namespace kiosk::core;
using test_support::MqttMessage;
using test_support::MqttTestClient;

inline constexpr const char* prefix = "kiosk/test";
inline constexpr const char* kioskA = "SC-A";
inline constexpr const char* kioskB = "SC-B";

/// Never used: the fleet link carries the heartbeat instead of HTTP.
class NoUplink final : public queue::Uplink {
public:
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest&, std::stop_token) override
    {
        return base::fail(queue::UplinkErrc::link, "no HTTP in this test");
    }
};

/// The link's warnings and errors, captured (base::log forwards to a plain function).
inline std::mutex logMutex;
inline std::vector<std::string> logLines;
inline void captureLog(base::log::Level level, std::string_view category, std::string_view message)
{
    if (level != base::log::Level::Error && level != base::log::Level::Warning)
        return;
    std::lock_guard lock(logMutex);
    logLines.push_back(std::string(category) + ": " + std::string(message));
}

/// One kiosk's side: its queue, heartbeat client with a "ping" command, and fleet link.
struct Kiosk {
    Kiosk(const std::filesystem::path& dir, FleetLinkOptions options)
    {
        auto opened = queue::Store::open(dir / (options.kioskId + ".db"), {});
        EXPECT_TRUE(opened) << opened.error().describe();
        store = std::move(*opened);
        registry.add("ping", [this](const nlohmann::json&) -> base::Result<void> {
            ++pings;
            return {};
        });
        heartbeat =
            std::make_unique<HeartbeatClient>(uplink, *store, options.kioskId, "9.9.9",
                                              base::systemClock(), registry, HeartbeatSources{});
        link = std::make_unique<FleetLink>(std::move(options), *heartbeat, base::systemClock());
    }
    ~Kiosk() { link.reset(); }

    std::unique_ptr<queue::Store> store;
    NoUplink uplink;
    CommandRegistry registry;
    std::atomic<int> pings{0};
    std::unique_ptr<HeartbeatClient> heartbeat;
    std::unique_ptr<FleetLink> link;
};

class FleetTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (test_support::MosquittoBroker::program().empty())
            GTEST_SKIP() << "mosquitto is not installed (Debian package mosquitto, listed in "
                            "scripts/packages.txt): the MQTT tests need a real broker";
        certs_ = sim_test::writeTestCertificates(dir_.path().string());
        a_ = sim_test::issueClientCertificate(certs_, dir_.file("a"), kioskA);
        b_ = sim_test::issueClientCertificate(certs_, dir_.file("b"), kioskB);
        admin_ = sim_test::issueClientCertificate(certs_, dir_.file("admin"), "fleet-admin");
        test_support::MosquittoOptions options{
            .dir = dir_.path().string(),
            .caFile = certs_.caCert,
            .certFile = certs_.serverCert,
            .keyFile = certs_.serverKey,
            // A kiosk (user = its certificate's CN) publishes only its own status and
            // heartbeat and reads only its own commands; the administrator does anything.
            .acl = "pattern write kiosk/test/%u/status\n"
                   "pattern write kiosk/test/%u/heartbeat\n"
                   "pattern read kiosk/test/%u/commands\n"
                   "user fleet-admin\n"
                   "topic readwrite kiosk/test/#\n"};
        std::string error;
        broker_ = test_support::MosquittoBroker::start(options, error);
        ASSERT_TRUE(broker_) << error;
        base::log::forwardTo(&captureLog);
    }
    void TearDown() override
    {
        base::log::forwardTo(nullptr);
        std::lock_guard lock(logMutex);
        logLines.clear();
    }

    FleetLinkOptions optionsFor(const std::string& kioskId,
                                const std::pair<std::string, std::string>& cert) const
    {
        FleetLinkOptions options;
        options.fleet.mqttUrl = broker_->url();
        options.fleet.topicPrefix = prefix;
        options.fleet.caFile = certs_.caCert;
        options.fleet.certFile = cert.first;
        options.fleet.keyFile = cert.second;
        options.fleet.sessionExpiryS = 3600;
        options.kioskId = kioskId;
        options.firstBackoff = std::chrono::milliseconds(20);
        options.maxBackoff = std::chrono::milliseconds(200);
        return options;
    }
    std::unique_ptr<Kiosk> kiosk(const std::string& id,
                                 const std::pair<std::string, std::string>& cert)
    {
        return std::make_unique<Kiosk>(dir_.path(), optionsFor(id, cert));
    }
    std::unique_ptr<MqttTestClient> client(const std::string& id,
                                           const std::pair<std::string, std::string>& cert)
    {
        auto made = std::make_unique<MqttTestClient>(id, certs_.caCert, cert.first, cert.second);
        EXPECT_TRUE(made->connect(broker_->port())) << id << " could not connect";
        return made;
    }
    std::unique_ptr<MqttTestClient> admin() { return client("admin", admin_); }

    static std::string topic(const std::string& kioskId, const std::string& leaf)
    {
        return std::string(prefix) + "/" + kioskId + "/" + leaf;
    }

    test_support::TempDir dir_;
    sim_test::CertificateFiles certs_;
    std::pair<std::string, std::string> a_, b_, admin_;
    std::unique_ptr<test_support::MosquittoBroker> broker_;
};

} // namespace fleet_test
