// SPDX-License-Identifier: Apache-2.0
// The sync loop against platform-sim over loopback HTTP: exactly once through dropped
// responses, transient failures and a platform that goes away, checked against the
// simulator's own record of what it accepted.
#include "tests/offline_queue/queue_fixture.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace queue;
using namespace std::chrono_literals;

using namespace queue_test;

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
    uplink_ = makeSimUplink(sim_->baseUrl(), "SC-000000-9999");
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

    // Started while the platform is away: its probe fails, and it sleeps a probe interval.
    ASSERT_TRUE(test_support::startAndSettle(clock_, [&] { loop_->start(); }));
    EXPECT_EQ(loop_->linkState(), LinkState::Down);
    auto sim = platform_sim::Server::start(simOptions(port));
    ASSERT_TRUE(sim) << sim.error().describe();
    sim_ = std::move(*sim);
    EXPECT_EQ(counts().pending, 15) << "nothing is sent before the next probe is due";
    // The next probe finds the platform; the records that waited for it go out at once.
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, options().probeInterval));
    loop_->stop();
    EXPECT_EQ(counts().delivered, 15);
    EXPECT_EQ(loop_->linkState(), LinkState::Up);
    const auto snapshot = sim_->snapshot();
    EXPECT_EQ(snapshot.cases.size(), 5u);
    EXPECT_EQ(snapshot.evaluations.size(), 5u);
    EXPECT_EQ(snapshot.counters.conflicts, 0u);
}

TEST_F(SyncLoopTest, StopReturnsPromptlyInTheMiddleOfAPassAndLeavesTheRecordsPending)
{
    platform_sim::Faults slow;
    slow.latencyMs = 2000; // every answer takes 2 s
    ASSERT_TRUE(sim_->setFaults(slow));
    ASSERT_TRUE(store_->enqueueCase(sampleCase(0)));
    loop_->start();
    // The request reached the platform, which now sits on it.
    ASSERT_TRUE(test_support::pollUntil([&] { return sim_->snapshot().counters.requests == 1; }));
    const auto took = test_support::timeToStop([&] { loop_->stop(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";

    // Abandoned, not failed: nothing is marked, and the link state is not guessed from it.
    const auto records = store_->list();
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 1u);
    for (const auto& record : *records) {
        EXPECT_EQ(record.state, RecordState::Pending);
        EXPECT_EQ(record.attempts, 0);
        EXPECT_EQ(record.lastError, "");
    }
    EXPECT_EQ(loop_->linkState(), LinkState::Unknown);

    // Restarted with the platform quick again: delivered under the same idempotency keys.
    ASSERT_TRUE(sim_->setFaults(platform_sim::Faults{}));
    ASSERT_TRUE(test_support::startAndSettle(clock_, [&] { loop_->start(); }));
    loop_->stop();
    EXPECT_EQ(counts().delivered, 1);
    // The platform finishes the abandoned request too, and answers it as a replay.
    ASSERT_TRUE(test_support::pollUntil([&] { return sim_->snapshot().counters.replays == 1; }));
    expectExactlyOnce(*store_, sim_->snapshot());
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
