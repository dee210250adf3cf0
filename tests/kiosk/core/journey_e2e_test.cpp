// SPDX-License-Identifier: Apache-2.0
// End to end through the journey (issues 14 and 17): two citizens apply at the kiosk as the
// screens drive it. The first rates on the review tablet (the real link driver over TCP to the
// tablet simulator), the second on the kiosk's screen because the tablet was switched off
// meanwhile. The queue delivers both cases and both ratings to platform-sim over loopback HTTP:
// each exactly once, each rating after its case.
#include "drivers/fake/fake_card_reader.h"
#include "drivers/review_tablet/link_review_tablet.h"
#include "kiosk/core/journey.h"
#include "tests/offline_queue/queue_fixture.h"
#include "tests/support/owner_thread.h"
#include "tests/support/poll_until.h"
#include "tests/support/tablet_sim/tablet_sim.h"

#include <gtest/gtest.h>

using namespace kiosk::core;
using namespace queue_test;

namespace {

constexpr auto catalogJson = R"({
  "schemaVersion": 1, "catalogVersion": 7, "region": "510703", "regionName": "绵阳市涪城区",
  "issuedAt": "2026-11-23T08:00:00+08:00",
  "reasons": [ { "code": "R01", "text": "办事指南不清楚" } ],
  "items": [ {
    "code": "X1", "name": "失业保险金申领", "department": "区人力资源和社会保障局", "theme": "社会保险",
    "kind": "apply", "auth": "idcard", "online": "preferred",
    "guide": { "legalBasis": "《失业保险条例》第十四条", "timeLimitDays": 5, "fee": "不收费",
               "materials": [], "process": [ "a" ] },
    "form": { "fields": [
      { "id": "name", "label": "姓名", "type": "text", "required": true, "prefill": "card.name" },
      { "id": "idNumber", "label": "公民身份号码", "type": "idnumber", "required": true, "prefill": "card.idNumber" },
      { "id": "phone", "label": "联系电话", "type": "phone", "required": true } ] } } ]
})";

class JourneyEndToEnd : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto catalog = parseCatalog(catalogJson);
        ASSERT_TRUE(catalog) << catalog.error().message;
        snapshot = CatalogSnapshot::prepare(std::make_shared<const Catalog>(std::move(*catalog)));
        auto started = platform_sim::Server::start(simOptions());
        ASSERT_TRUE(started) << started.error().describe();
        sim = std::move(*started);
        store = openStore(dir / "queue.db", clock);
        uplink = makeSimUplink(sim->baseUrl());
        loop = std::make_unique<SyncLoop>(*store, *uplink, clock, quickOptions());

        drivers::review_tablet::TabletOptions options;
        options.reconnectFirst = 10ms;
        options.reconnectMax = 40ms;
        options.pollSlice = 10ms;
        auto made = drivers::review_tablet::makeReviewTablet(tabletSim->spec(), options);
        ASSERT_TRUE(made);
        tablet = std::move(*made);
        ASSERT_TRUE(tablet->open());
        ASSERT_TRUE(test_support::pollUntil(
            [&] { return tablet->status().state == hal::DeviceState::Ready; }));

        JourneyOptions journeyOptions;
        journeyOptions.kioskId = kioskId;
        journey = std::make_unique<Journey>(clock, journeyOptions, owner.post());
        journey->setStore(store.get());
        journey->setTablet(tablet);
    }

    void TearDown() override
    {
        journey.reset(); // withdraws a prompt still on the tablet before the tablet goes
        if (tablet)
            tablet->close();
    }

    /// A citizen applies with their card up to the rating prompt (no receipt printer here).
    std::string applyUpToRating(const hal::CardData& card)
    {
        EXPECT_TRUE(journey->chooseItem(snapshot, "X1"));
        EXPECT_TRUE(journey->startApplying());
        journey->cardRead(card);
        journey->setField("phone", "13800000000");
        EXPECT_TRUE(journey->completeForm());
        EXPECT_TRUE(journey->confirm());
        EXPECT_TRUE(owner.runPosted()); // stored on the journey's I/O worker
        EXPECT_EQ(journey->receiptState(), ReceiptState::NoPrinter);
        EXPECT_TRUE(journey->toRating());
        return journey->submissionId();
    }

    test_support::TempDir dir;
    base::ManualClock clock;
    std::shared_ptr<const CatalogSnapshot> snapshot;
    std::unique_ptr<platform_sim::Server> sim;
    std::unique_ptr<Store> store;
    std::unique_ptr<CurlUplink> uplink;
    std::unique_ptr<SyncLoop> loop;
    std::unique_ptr<test_support::TabletSim> tabletSim = test_support::TabletSim::onTcp();
    std::shared_ptr<hal::ReviewTablet> tablet;
    test_support::OwnerThread owner;
    std::unique_ptr<Journey> journey;
};

} // namespace

TEST_F(JourneyEndToEnd, ATabletRatingAndAScreenRatingEachArriveOnceAfterTheirCases)
{
    const auto cards = drivers::fake::sampleCards();

    // The first citizen: 不满意 on the tablet, because the guide was unclear.
    const auto first = applyUpToRating(cards.at(0));
    ASSERT_EQ(journey->ratingPlace(), RatingPlace::Tablet);
    ASSERT_TRUE(tabletSim->waitForShown());
    EXPECT_EQ((*tabletSim->shown())["caseRef"], first);
    ASSERT_TRUE(tabletSim->rate(2, {"R01"}));
    ASSERT_TRUE(owner.runPosted()) << "the tablet's answer reaches the journey";
    ASSERT_EQ(journey->state(), SessionState::Finished);
    journey->end();

    // The tablet is switched off; the second citizen rates on the screen.
    tabletSim->unplug();
    ASSERT_TRUE(test_support::pollUntil(
        [&] { return tablet->status().state == hal::DeviceState::Disconnected; }));
    const auto second = applyUpToRating(cards.at(1));
    ASSERT_EQ(journey->ratingPlace(), RatingPlace::Screen);
    ASSERT_TRUE(journey->rate(4, {}));
    journey->end();

    ASSERT_TRUE(drain(*loop, *store, clock));
    const auto delivered = sim->snapshot();
    expectExactlyOnce(*store, delivered);
    ASSERT_EQ(delivered.cases.size(), 2u);
    ASSERT_EQ(delivered.evaluations.size(), 2u);
    std::map<std::string, std::string> caseNos;
    for (const auto& accepted : delivered.cases)
        caseNos[accepted.submissionId] = accepted.caseNo;
    std::map<std::string, platform_sim::EvaluationRecord> bySubmission;
    for (const auto& evaluation : delivered.evaluations) {
        EXPECT_EQ(evaluation.caseNo, caseNos[evaluation.submissionId])
            << "a rating is sent only once its case has its number";
        EXPECT_TRUE(bySubmission.emplace(evaluation.submissionId, evaluation).second);
    }
    EXPECT_EQ(bySubmission[first].level, 2);
    EXPECT_EQ(bySubmission[first].reasons, std::vector<std::string>{"R01"});
    EXPECT_EQ(bySubmission[first].channel, "tablet");
    EXPECT_EQ(bySubmission[second].level, 4);
    EXPECT_EQ(bySubmission[second].channel, "kiosk");
}
