// SPDX-License-Identifier: Apache-2.0
// End to end (issue 17): two applications, one rated on the simulated review tablet (the real
// driver over TCP), one on the kiosk's screen because the tablet was switched off; both
// ratings reach platform-sim exactly once, each after its case.
#include "drivers/review_tablet/link_review_tablet.h"
#include "kiosk/core/rating_flow.h"
#include "tests/offline_queue/queue_fixture.h"
#include "tests/support/poll_until.h"
#include "tests/support/tablet_sim/tablet_sim.h"

#include <gtest/gtest.h>

#include <mutex>

using namespace kiosk::core;
using namespace queue_test;

namespace {

Catalog e2eCatalog()
{
    Catalog catalog;
    catalog.reasons = {{"R01", "办事指南不清楚"}};
    CatalogItem item;
    item.code = "11510703060000000X400000079"; // sampleCase()'s
    item.name = "失业保险金申领";
    catalog.items.push_back(item);
    return catalog;
}

TEST(RatingEndToEnd, TabletAndScreenRatingsArriveOnceAfterTheirCases)
{
    test_support::TempDir dir;
    base::ManualClock clock;
    auto sim = platform_sim::Server::start(simOptions());
    ASSERT_TRUE(sim) << sim.error().describe();
    auto store = openStore(dir / "queue.db", clock);
    auto uplink = makeSimUplink((*sim)->baseUrl());
    SyncLoop loop(*store, *uplink, clock, quickOptions());
    const auto catalog = e2eCatalog();
    ApplicationService service(catalog, *store, kioskId, clock);

    auto tabletSim = test_support::TabletSim::onTcp();
    drivers::review_tablet::TabletOptions options;
    options.reconnectFirst = 10ms;
    options.reconnectMax = 40ms;
    options.pollSlice = 10ms;
    auto made = drivers::review_tablet::makeReviewTablet(tabletSim->spec(), options);
    ASSERT_TRUE(made);
    std::shared_ptr<hal::ReviewTablet> tablet = std::move(*made);
    ASSERT_TRUE(tablet->open());
    RatingFlow flow(service, catalog, tablet);
    std::mutex mutex;
    std::vector<RatingStored> stored;
    auto connection = flow.stored.connect([&](const RatingStored& done) {
        std::lock_guard lock(mutex);
        stored.push_back(done);
    });
    auto storedCount = [&] {
        std::lock_guard lock(mutex);
        return stored.size();
    };

    // The first citizen rates on the tablet: 不满意, because the guide was unclear.
    auto first = store->enqueueCase(sampleCase(1));
    ASSERT_TRUE(first);
    ASSERT_EQ(flow.begin(first->submissionId, catalog.items[0]), RatingPlace::Tablet);
    ASSERT_TRUE(tabletSim->waitForShown());
    EXPECT_EQ((*tabletSim->shown())["caseRef"], first->submissionId);
    ASSERT_TRUE(tabletSim->rate(2, {"R01"}));
    ASSERT_TRUE(test_support::pollUntil([&] { return storedCount() == 1; }));

    // The tablet is switched off; the second citizen rates on the screen.
    tabletSim->unplug();
    ASSERT_TRUE(test_support::pollUntil(
        [&] { return tablet->status().state == hal::DeviceState::Disconnected; }));
    auto second = store->enqueueCase(sampleCase(0));
    ASSERT_TRUE(second);
    ASSERT_EQ(flow.begin(second->submissionId, catalog.items[0]), RatingPlace::Screen);
    ASSERT_TRUE(flow.rateOnScreen({4, {}, ""}));

    ASSERT_TRUE(drain(loop, *store, clock));
    const auto snapshot = (*sim)->snapshot();
    expectExactlyOnce(*store, snapshot);
    ASSERT_EQ(snapshot.cases.size(), 2u);
    ASSERT_EQ(snapshot.evaluations.size(), 2u);
    std::map<std::string, std::string> caseNos;
    for (const auto& accepted : snapshot.cases)
        caseNos[accepted.submissionId] = accepted.caseNo;
    std::map<std::string, platform_sim::EvaluationRecord> bySubmission;
    for (const auto& evaluation : snapshot.evaluations) {
        EXPECT_EQ(evaluation.caseNo, caseNos[evaluation.submissionId])
            << "an evaluation is sent only once its case has its number";
        EXPECT_TRUE(bySubmission.emplace(evaluation.submissionId, evaluation).second);
    }
    EXPECT_EQ(bySubmission[first->submissionId].level, 2);
    EXPECT_EQ(bySubmission[first->submissionId].reasons, std::vector<std::string>{"R01"});
    EXPECT_EQ(bySubmission[second->submissionId].level, 4);
    connection.reset();
}

} // namespace
