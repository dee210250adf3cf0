// SPDX-License-Identifier: Apache-2.0
// Catalog distribution against platform-sim over loopback HTTP: GET /v1/catalog with
// If-None-Match, install of a newer signed catalog, refusal of a bad one (audited, not
// downloaded again), and the periodic scheduler.
#include "base/manual_clock.h"
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/catalog_sync.h"
#include "kiosk/core/session.h"
#include "offline_queue/curl_uplink.h"
#include "platform_sim/server.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <thread>

using kiosk::core::CatalogHolder;
using kiosk::core::CatalogStore;
using kiosk::core::CatalogSync;
using Kind = kiosk::core::CatalogSyncOutcome::Kind;
using namespace std::chrono_literals;

namespace {

/// Counts the requests it forwards, to see what was downloaded.
class CountingUplink final : public queue::Uplink {
public:
    explicit CountingUplink(queue::Uplink& inner) : inner_(inner) {}
    base::Result<queue::UplinkResponse> send(const queue::UplinkRequest& request,
                                             std::stop_token stop = {}) override
    {
        ++started;
        auto response = inner_.send(request, std::move(stop));
        if (response) {
            ++requests;
            bodies += response->body.empty() ? 0 : 1;
        }
        return response;
    }
    std::atomic<int> started = 0;  ///< sent, answered or not
    std::atomic<int> requests = 0; ///< answered
    std::atomic<int> bodies = 0;

private:
    queue::Uplink& inner_;
};

class CatalogSyncTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        key_ = test_support::makeKey(dir_.path(), "province-2026-01", "sm2");
        publish(2026120101);
        platform_sim::Options options;
        options.kioskId = "SC-510703-0042";
        options.catalogFile = dir_.file("published.json");
        auto sim = platform_sim::Server::start(options);
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        queue::UplinkOptions uplinkOptions;
        uplinkOptions.baseUrl = sim_->baseUrl();
        uplinkOptions.kioskId = "SC-510703-0042";
        uplinkOptions.userAgent = "kiosk-test";
        uplinkOptions.allowInsecureLoopback = true;
        auto uplink = queue::CurlUplink::create(uplinkOptions);
        ASSERT_TRUE(uplink) << uplink.error().message;
        curl_ = std::move(*uplink);
        counting_ = std::make_unique<CountingUplink>(*curl_);
        auto trail = kiosk::core::AuditTrail::open(dir_ / "data", {}, clock_);
        ASSERT_TRUE(trail);
        trail_ = std::move(*trail);
        store_ =
            std::make_unique<CatalogStore>(dir_ / "data", std::vector{key_.trusted}, trail_.get());
        auto shipped = kiosk::core::loadCatalogFile(kiosk::core::shippedCatalogPath().string());
        ASSERT_TRUE(shipped);
        holder_ = std::make_unique<CatalogHolder>(std::move(*shipped));
        sync_ = std::make_unique<CatalogSync>(*counting_, *store_, *holder_, clock_);
    }

    void publish(std::int64_t version, bool tamper = false)
    {
        auto envelope =
            test_support::signedEnvelope(test_support::shippedCatalogJson(version), key_);
        if (tamper) {
            auto json = nlohmann::json::parse(envelope);
            auto signature =
                kiosk::core::base64Decode(json["signature"].get<std::string>()).value();
            signature[10] ^= 1;
            json["signature"] = kiosk::core::base64Encode(signature);
            envelope = json.dump();
        }
        std::ofstream(dir_ / "published.json", std::ios::trunc) << envelope;
    }

    base::ManualClock clock_;
    test_support::TempDir dir_;
    test_support::TestKey key_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<queue::CurlUplink> curl_;
    std::unique_ptr<CountingUplink> counting_;
    std::unique_ptr<kiosk::core::AuditTrail> trail_; ///< before the store, which uses it
    std::unique_ptr<CatalogStore> store_;
    std::unique_ptr<CatalogHolder> holder_;
    std::unique_ptr<CatalogSync> sync_;
};

} // namespace

TEST_F(CatalogSyncTest, InstallsANewerCatalogThenAsksWithIfNoneMatch)
{
    auto outcome = sync_->syncNow();
    ASSERT_TRUE(outcome) << outcome.error().message;
    EXPECT_EQ(outcome->kind, Kind::Installed);
    EXPECT_EQ(outcome->catalogVersion, 2026120101);
    EXPECT_TRUE(holder_->hasStaged());
    EXPECT_EQ(holder_->current()->catalogVersion, 2026112401); // the shipped one until idle
    EXPECT_EQ(store_->installed()->catalog.catalogVersion, 2026120101);

    outcome = sync_->syncNow(); // 304: nothing downloaded
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, Kind::Unchanged);
    EXPECT_EQ(counting_->requests, 2);
    EXPECT_EQ(counting_->bodies, 1);

    publish(2026120201);
    outcome = sync_->syncNow();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, Kind::Installed);
    EXPECT_EQ(outcome->catalogVersion, 2026120201);
    EXPECT_TRUE(holder_->switchIfIdle(kiosk::core::SessionState::Idle));
    EXPECT_EQ(holder_->current()->catalogVersion, 2026120201);
}

TEST_F(CatalogSyncTest, ABadCatalogIsRefusedOnceAndTheInstalledOneStays)
{
    ASSERT_EQ(sync_->syncNow()->kind, Kind::Installed);
    publish(2026120201, /*tamper=*/true);
    auto outcome = sync_->syncNow();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, Kind::Refused);
    EXPECT_NE(outcome->reason.find("does not verify"), std::string::npos) << outcome->reason;
    EXPECT_EQ(store_->installed()->catalog.catalogVersion, 2026120101);
    EXPECT_EQ(sync_->syncNow()->kind, Kind::Unchanged); // same ETag: not refused again
    EXPECT_EQ(counting_->bodies, 2);

    publish(2026110101); // older: a rollback is never taken from the platform
    outcome = sync_->syncNow();
    EXPECT_EQ(outcome->kind, Kind::Refused);
    EXPECT_NE(outcome->reason.find("older"), std::string::npos);
}

TEST_F(CatalogSyncTest, TheCatalogInServiceFetchedAgainIsUnchangedAndNotAudited)
{
    ASSERT_EQ(sync_->syncNow()->kind, Kind::Installed);
    // A restarted kiosk has no ETag yet: it downloads the catalog it already runs.
    CatalogSync restarted(*counting_, *store_, *holder_, clock_);
    auto outcome = restarted.syncNow();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, Kind::Unchanged);
    const auto records = kiosk::core::readAuditRecords(dir_ / "data", "");
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 1u); // the install only
    EXPECT_EQ(records->front()["event"], "catalog.installed");
}

TEST_F(CatalogSyncTest, ThePeriodicSchedulerSyncsOnceAPeriodAndWhenTriggered)
{
    auto waits = clock_.waitsBegun();
    sync_->start(15min);
    ASSERT_TRUE(clock_.awaitWaits(++waits)); // the first exchange ran at once
    EXPECT_TRUE(holder_->hasStaged());
    EXPECT_EQ(counting_->requests, 1);
    clock_.advance(14min);
    EXPECT_EQ(counting_->requests, 1);
    clock_.advance(1min);
    ASSERT_TRUE(clock_.awaitWaits(++waits));
    EXPECT_EQ(counting_->requests, 2);
    sync_->trigger(); // the heartbeat's sync_catalog command
    ASSERT_TRUE(clock_.awaitWaits(++waits));
    EXPECT_EQ(counting_->requests, 3);
    sync_->stop();
}

TEST_F(CatalogSyncTest, StopReturnsPromptlyInTheMiddleOfADownload)
{
    platform_sim::Faults slow;
    slow.latencyMs = 2000; // the platform takes 2 s to answer
    ASSERT_TRUE(sim_->setFaults(slow));
    sync_->start(15min);
    // The request reached the platform, which now sits on it: curl waits for the answer.
    ASSERT_TRUE(test_support::pollUntil([&] { return sim_->snapshot().counters.requests == 1; }));
    const auto took = test_support::timeToStop([&] { sync_->stop(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
    EXPECT_FALSE(holder_->hasStaged());
}
