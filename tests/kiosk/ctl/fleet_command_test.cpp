// SPDX-License-Identifier: Apache-2.0
// kioskctl fleet status|command through the real binary against a real mosquitto on loopback
// (the fleet fixture: TLS, client certificates, per-kiosk ACL) with kiosks running the fleet
// link: status lists each kiosk's status and last heartbeat; a command reaches its kiosk; a
// kiosk's certificate cannot command another kiosk; unknown options and bad input are refused.
#include "tests/kiosk/core/fleet_fixture.h"
#include "tests/support/poll_until.h"
#include "tests/support/run_command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <sys/wait.h>

namespace {

using namespace fleet_test;

using Outcome = kiosk::test::CommandOutcome;

Outcome kioskctl(const std::string& arguments)
{
    return kiosk::test::runCommand(std::string(KIOSKCTL_PATH) + " " + arguments);
}

class FleetCommand : public FleetTest {
protected:
    /// --broker, --prefix and the TLS files of `cert` (default: the administrator's).
    std::string connection(const std::pair<std::string, std::string>* cert = nullptr) const
    {
        const auto& use = cert != nullptr ? *cert : admin_;
        return "--broker " + broker_->url() + " --prefix " + prefix + " --ca " + certs_.caCert +
               " --cert " + use.first + " --key " + use.second;
    }
};

TEST_F(FleetCommand, StatusListsEachKiosksStatusAndLastHeartbeat)
{
    auto a = kiosk(kioskA, a_);
    auto b = kiosk(kioskB, b_);
    ASSERT_TRUE(a->link->start());
    ASSERT_TRUE(b->link->start());
    ASSERT_TRUE(test_support::pollUntil([&] {
        return a->link->heartbeatsDelivered() >= 1 && b->link->heartbeatsDelivered() >= 1;
    }));
    b.reset(); // B is switched off: its will says so

    const auto status = kioskctl("fleet status --json " + connection());
    ASSERT_EQ(status.exitCode, 0) << status.out;
    const auto document = nlohmann::json::parse(status.out);
    const auto& kiosks = document.at("kiosks");
    ASSERT_EQ(kiosks.size(), 2u) << status.out;
    EXPECT_EQ(kiosks.at(kioskA).at("status"), "online");
    EXPECT_EQ(kiosks.at(kioskB).at("status"), "offline");
    for (const char* id : {kioskA, kioskB}) {
        const auto& beat = kiosks.at(id).at("heartbeat");
        EXPECT_EQ(beat.at("softwareVersion"), "9.9.9");
        EXPECT_TRUE(beat.at("queue").contains("pending"));
    }

    const auto text = kioskctl("fleet status " + connection());
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_NE(text.out.find("SC-A  online"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("2 kiosks"), std::string::npos) << text.out;
}

TEST_F(FleetCommand, CommandReachesItsKioskAndItsResultComesBack)
{
    auto a = kiosk(kioskA, a_);
    ASSERT_TRUE(a->link->start());
    ASSERT_TRUE(test_support::pollUntil([&] { return a->link->heartbeatsDelivered() >= 1; }));

    const auto sent =
        kioskctl("fleet command SC-A ping '{\"n\": 1}' --id cmd-42 --json " + connection());
    ASSERT_EQ(sent.exitCode, 0) << sent.out;
    EXPECT_EQ(nlohmann::json::parse(sent.out).at("id"), "cmd-42");
    ASSERT_TRUE(test_support::pollUntil([&] { return a->pings == 1; }));

    // The result, in the retained heartbeat, is what fleet status shows.
    ASSERT_TRUE(test_support::pollUntil([&] {
        const auto status = kioskctl("fleet status --json " + connection());
        if (status.exitCode != 0)
            return false;
        const auto beat = nlohmann::json::parse(status.out)["kiosks"][kioskA]["heartbeat"];
        return beat.contains("results") && beat["results"].contains("cmd-42");
    }));
}

TEST_F(FleetCommand, AKiosksCertificateCannotCommandAnotherKiosk)
{
    const auto forged = kioskctl("fleet command SC-A ping --json " + connection(&b_));
    EXPECT_EQ(forged.exitCode, 1) << "the broker took a command from kiosk B for kiosk A";
    EXPECT_NE(forged.out.find("refused the command"), std::string::npos) << forged.out;
    // B's certificate is good for B's own topics: it is the ACL that refused.
    EXPECT_EQ(kioskctl("fleet status " + connection(&b_)).exitCode, 0);
}

TEST_F(FleetCommand, UnknownOptionsAndBadInputAreRefused)
{
    EXPECT_EQ(kioskctl("fleet status --bogus " + connection()).exitCode, 2);
    EXPECT_EQ(kioskctl("fleet frob " + connection()).exitCode, 2);
    EXPECT_EQ(kioskctl("fleet status --prefix kiosk/test").exitCode, 2); // no --broker
    EXPECT_EQ(kioskctl("fleet command SC-A ping 'not json' " + connection()).exitCode, 2);
    EXPECT_EQ(kioskctl("fleet command 'SC/A' ping " + connection()).exitCode, 2);
    EXPECT_EQ(kioskctl("fleet command SC-A 'a b' " + connection()).exitCode, 2);
    EXPECT_EQ(kioskctl("fleet status --broker http://x --prefix p").exitCode, 1);
}

} // namespace
