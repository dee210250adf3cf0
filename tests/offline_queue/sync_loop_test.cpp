// SPDX-License-Identifier: Apache-2.0
// The sync loop against platform-sim over loopback HTTP: exactly once through dropped
// responses, transient failures and a platform that goes away, checked against the
// simulator's own record of what it accepted.
#include "offline_queue/curl_uplink.h"
#include "offline_queue/sync_loop.h"
#include "platform_sim/server.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

using namespace queue;
using namespace std::chrono_literals;

namespace {

constexpr const char* kioskId = "SC-510703-0042";

platform_sim::Options simOptions(int port = 0)
{
    platform_sim::Options options;
    options.port = port;
    options.kioskId = kioskId;
    return options;
}

platform_sim::Faults faults(int failNext, int dropNext, std::string pathPrefix = {})
{
    platform_sim::Faults faults;
    faults.failNext = failNext;
    faults.failStatus = 503;
    faults.retryAfter = "0";
    faults.dropNext = dropNext;
    faults.pathPrefix = std::move(pathPrefix);
    return faults;
}

CaseInput sampleCase(int materials)
{
    CaseInput input;
    input.body = {{"kioskId", kioskId},
                  {"itemCode", "11510703060000000X400000079"},
                  {"catalogVersion", 2026112401},
                  {"applicant",
                   {{"idType", "resident"},
                    {"idNumber", "51070319520308002X"},
                    {"name", "李秀英"},
                    {"phone", "13808161234"}}},
                  {"form", {{"phone", "13808161234"}}},
                  {"delivery", {{"method", "pickup"}}},
                  {"createdAt", "2026-11-24T10:15:00+08:00"}};
    for (int i = 0; i < materials; ++i)
        input.materials.push_back(
            {"材料" + std::to_string(i), "image/jpeg",
             std::vector<std::uint8_t>(2048, static_cast<std::uint8_t>(i + 1))});
    return input;
}

nlohmann::json sampleRating(int level)
{
    return {{"kioskId", kioskId},
            {"itemCode", "11510703060000000X400000079"},
            {"channel", "tablet"},
            {"level", level},
            {"reasons", level <= 2 ? nlohmann::json::array({"R01"}) : nlohmann::json::array()},
            {"comment", ""},
            {"evaluatedAt", "2026-11-24T10:16:40+08:00"}};
}

class SyncLoopTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto sim = platform_sim::Server::start(simOptions());
        ASSERT_TRUE(sim) << sim.error().describe();
        sim_ = std::move(*sim);
        auto store = Store::open(dir_ / "queue.db");
        ASSERT_TRUE(store) << store.error().message;
        store_ = std::move(*store);
        uplink_ = makeUplink(sim_->baseUrl());
        loop_ = std::make_unique<SyncLoop>(*store_, *uplink_, clock_, options());
    }

    static SyncOptions options()
    {
        SyncOptions options;
        options.backoffBase = 5ms;
        options.backoffCap = 20ms;
        options.idlePoll = 50ms;
        return options;
    }

    static std::unique_ptr<CurlUplink> makeUplink(const std::string& url,
                                                  const std::string& id = kioskId)
    {
        UplinkOptions options;
        options.baseUrl = url;
        options.kioskId = id;
        options.userAgent = "kiosk-test/1";
        options.allowInsecureLoopback = true;
        options.requestTimeout = 5s;
        auto uplink = CurlUplink::create(options);
        EXPECT_TRUE(uplink) << uplink.error().message;
        return std::move(*uplink);
    }

    /// Runs passes until nothing is pending or `limit` passes, waiting out backoffs.
    void drain(int limit = 200)
    {
        for (int i = 0; i < limit && store_->counts()->pending > 0; ++i) {
            ASSERT_TRUE(loop_->runPass());
            std::this_thread::sleep_for(5ms);
        }
    }

    QueueCounts counts() { return *store_->counts(); }

    test_support::TempDir dir_;
    base::SystemClock clock_;
    std::unique_ptr<platform_sim::Server> sim_;
    std::unique_ptr<Store> store_;
    std::unique_ptr<CurlUplink> uplink_;
    std::unique_ptr<SyncLoop> loop_;
};

} // namespace

TEST_F(SyncLoopTest, DeliversMaterialsThenTheCaseThenItsRating)
{
    auto ref = store_->enqueueCase(sampleCase(2));
    ASSERT_TRUE(ref);
    ASSERT_TRUE(store_->enqueueEvaluation({ref->submissionId, sampleRating(5)}));
    drain();
    EXPECT_EQ(counts().delivered, 4);
    EXPECT_EQ(loop_->linkState(), LinkState::Up);

    const auto snapshot = sim_->snapshot();
    ASSERT_EQ(snapshot.cases.size(), 1u);
    EXPECT_EQ(snapshot.cases[0].submissionId, ref->submissionId);
    EXPECT_EQ(snapshot.materials.size(), 2u);
    ASSERT_EQ(snapshot.evaluations.size(), 1u);
    EXPECT_EQ(snapshot.evaluations[0].caseNo, snapshot.cases[0].caseNo);
    // The platform's case number is kept for the citizen's receipt lookup.
    const auto records = *store_->list();
    EXPECT_EQ(records[2].caseNo, snapshot.cases[0].caseNo);
}

TEST_F(SyncLoopTest, ALostResponseIsRetriedHarmlessly)
{
    ASSERT_TRUE(sim_->setFaults(faults(0, 1, "/v1/cases")));
    ASSERT_TRUE(store_->enqueueCase(sampleCase(1)));
    drain();
    EXPECT_EQ(counts().delivered, 2);
    const auto snapshot = sim_->snapshot();
    EXPECT_EQ(snapshot.cases.size(), 1u);
    EXPECT_EQ(snapshot.counters.droppedResponses, 1u);
    EXPECT_GE(snapshot.counters.replays, 1u);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);
}

TEST_F(SyncLoopTest, TransientFailuresAreRetriedHonouringRetryAfter)
{
    ASSERT_TRUE(sim_->setFaults(faults(3, 0)));
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(store_->enqueueCase(sampleCase(0)));
    drain();
    EXPECT_EQ(counts().delivered, 3);
    EXPECT_EQ(sim_->snapshot().cases.size(), 3u);
    EXPECT_EQ(sim_->snapshot().counters.injectedFaults, 3u);
}

TEST_F(SyncLoopTest, APermanentRejectionIsADeadLetterAndTheRestGoOn)
{
    auto bad = sampleCase(0);
    bad.body.erase("itemCode");
    ASSERT_TRUE(store_->enqueueCase(std::move(bad)));
    ASSERT_TRUE(store_->enqueueCase(sampleCase(0)));
    drain();
    EXPECT_EQ(counts().deadLetter, 1);
    EXPECT_EQ(counts().delivered, 1);
    const auto records = *store_->list();
    EXPECT_EQ(records[0].state, RecordState::DeadLetter);
    EXPECT_EQ(records[0].lastError.substr(0, 3), "422");
}

TEST_F(SyncLoopTest, RefusedCredentialsHoldTheWholeQueue)
{
    uplink_ = makeUplink(sim_->baseUrl(), "SC-000000-9999");
    loop_ = std::make_unique<SyncLoop>(*store_, *uplink_, clock_, options());
    ASSERT_TRUE(store_->enqueueCase(sampleCase(1)));
    std::vector<LinkState> alarms;
    auto connection =
        loop_->linkStateChanged.connect([&](LinkState state) { alarms.push_back(state); });
    ASSERT_TRUE(loop_->runPass());
    EXPECT_EQ(loop_->linkState(), LinkState::Unauthorized);
    EXPECT_EQ(alarms, std::vector<LinkState>{LinkState::Unauthorized});
    EXPECT_EQ(counts().pending, 2);
    EXPECT_EQ((*store_->list())[0].attempts, 0); // nothing was marked
    EXPECT_TRUE(sim_->snapshot().materials.empty());
}

TEST_F(SyncLoopTest, QueuedWhileThePlatformIsAwayAndDeliveredWhenItReturns)
{
    const int port = sim_->port();
    sim_.reset();
    for (int i = 0; i < 5; ++i) {
        auto ref = store_->enqueueCase(sampleCase(1));
        ASSERT_TRUE(ref);
        ASSERT_TRUE(store_->enqueueEvaluation({ref->submissionId, sampleRating(i % 5 + 1)}));
    }
    ASSERT_TRUE(loop_->runPass());
    EXPECT_EQ(loop_->linkState(), LinkState::Down);
    EXPECT_EQ(counts().pending, 15);

    loop_->start();
    auto sim = platform_sim::Server::start(simOptions(port));
    ASSERT_TRUE(sim) << sim.error().describe();
    sim_ = std::move(*sim);
    loop_->notify();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (counts().pending > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    loop_->stop();
    EXPECT_EQ(counts().delivered, 15);
    const auto snapshot = sim_->snapshot();
    EXPECT_EQ(snapshot.cases.size(), 5u);
    EXPECT_EQ(snapshot.evaluations.size(), 5u);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);
}

TEST(CurlUplinkTest, SendsIfNoneMatchAndReadsTheETag)
{
    test_support::TempDir dir;
    const std::string envelope =
        R"({"alg":"ed25519","keyId":"k","payload":"e30=","signature":"AA=="})";
    {
        std::ofstream(dir.file("catalog.json")) << envelope;
    }
    auto options = simOptions();
    options.catalogFile = dir.file("catalog.json");
    auto sim = platform_sim::Server::start(options);
    ASSERT_TRUE(sim) << sim.error().describe();
    UplinkOptions uplinkOptions;
    uplinkOptions.baseUrl = (*sim)->baseUrl();
    uplinkOptions.kioskId = kioskId;
    uplinkOptions.allowInsecureLoopback = true;
    auto uplink = CurlUplink::create(uplinkOptions);
    ASSERT_TRUE(uplink) << uplink.error().message;

    UplinkRequest request;
    request.method = "GET";
    request.path = "/v1/catalog";
    auto first = (*uplink)->send(request);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(first->body, envelope);
    ASSERT_FALSE(first->etag.empty());

    request.ifNoneMatch = first->etag;
    auto again = (*uplink)->send(request);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->status, 304);
}
