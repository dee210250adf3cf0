// SPDX-License-Identifier: Apache-2.0
// The rating flow over the fake tablet: where the prompt goes, how it moves to the screen,
// one rating per case, and what reaches the queue.
#include "base/manual_clock.h"
#include "drivers/fake/fake_review_tablet.h"
#include "kiosk/core/rating_flow.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

Catalog ratingCatalog()
{
    Catalog catalog;
    catalog.reasons = {{"R01", "办事指南不清楚"}, {"R02", "等候时间过长"}};
    CatalogItem item;
    item.code = "11510703060000000X400000079";
    item.name = "失业保险金申领";
    catalog.items.push_back(item);
    return catalog;
}

queue::CaseInput someCase()
{
    queue::CaseInput input;
    input.body = {{"kioskId", "SC-510703-0042"}, {"itemCode", "11510703060000000X400000079"}};
    return input;
}

class RatingFlowTest : public testing::Test {
protected:
    void SetUp() override
    {
        queue::StoreOptions options;
        options.clock = &clock_;
        auto store = queue::Store::open(dir_ / "queue.db", options);
        ASSERT_TRUE(store);
        store_ = std::move(*store);
        service_ =
            std::make_unique<ApplicationService>(catalog_, *store_, "SC-510703-0042", clock_);
        tablet_ = std::make_shared<drivers::fake::FakeReviewTablet>();
        ASSERT_TRUE(tablet_->open());
        flow_ = std::make_unique<RatingFlow>(*service_, catalog_, tablet_);
        connections_.push_back(flow_->screenPrompt.connect(
            [this](const ScreenRatingPrompt& prompt) { prompts_.push_back(prompt); }));
        connections_.push_back(
            flow_->stored.connect([this](const RatingStored& done) { stored_.push_back(done); }));
        connections_.push_back(
            flow_->timedOut.connect([this](const std::string& id) { timedOut_.push_back(id); }));
    }
    void TearDown() override { connections_.clear(); }

    std::string submitCase()
    {
        auto ref = store_->enqueueCase(someCase());
        EXPECT_TRUE(ref);
        return ref ? ref->submissionId : std::string{};
    }
    /// The evaluation records in the queue, as their bodies (sealed in the store: read as the
    /// sync loop would, once their cases count as delivered).
    std::vector<nlohmann::json> evaluations()
    {
        const auto records = store_->list();
        EXPECT_TRUE(records);
        for (const auto& record : *records) {
            if (record.kind == queue::RecordKind::Case &&
                record.state == queue::RecordState::Pending) {
                EXPECT_TRUE(
                    store_->markDelivered(record.id, "510703-20261123-000001", clock_.now()));
            }
        }
        const auto due = store_->due(clock_.now(), 100);
        EXPECT_TRUE(due);
        std::vector<nlohmann::json> bodies;
        for (const auto& record : *due) {
            if (record.kind == queue::RecordKind::Evaluation)
                bodies.push_back(nlohmann::json::parse(record.body));
        }
        return bodies;
    }
    const CatalogItem& item() const { return catalog_.items[0]; }

    test_support::TempDir dir_;
    base::ManualClock clock_;
    Catalog catalog_ = ratingCatalog();
    std::unique_ptr<queue::Store> store_;
    std::unique_ptr<ApplicationService> service_;
    std::shared_ptr<drivers::fake::FakeReviewTablet> tablet_;
    std::unique_ptr<RatingFlow> flow_;
    std::vector<ScreenRatingPrompt> prompts_;
    std::vector<RatingStored> stored_;
    std::vector<std::string> timedOut_;
    std::vector<base::Connection> connections_;
};

TEST_F(RatingFlowTest, WithATabletConnectedThePromptGoesToTheTablet)
{
    const auto id = submitCase();
    auto place = flow_->begin(id, item());
    ASSERT_TRUE(place);
    EXPECT_EQ(*place, RatingPlace::Tablet);
    ASSERT_EQ(tablet_->requests().size(), 1u);
    EXPECT_EQ(tablet_->requests()[0].itemName, "失业保险金申领");
    EXPECT_EQ(tablet_->requests()[0].caseRef, id);
    EXPECT_EQ(tablet_->requests()[0].reasons.size(), 2u) << "the catalog's reasons are offered";
    EXPECT_TRUE(prompts_.empty());

    tablet_->rate({2, {"R02"}, ""});
    ASSERT_EQ(stored_.size(), 1u);
    EXPECT_EQ(stored_[0].submissionId, id);
    EXPECT_EQ(stored_[0].channel, "tablet");
    EXPECT_EQ(flow_->place(), RatingPlace::None);
    const auto bodies = evaluations();
    ASSERT_EQ(bodies.size(), 1u);
    EXPECT_EQ(bodies[0]["level"], 2);
    EXPECT_EQ(bodies[0]["reasons"], nlohmann::json::array({"R02"}));
    EXPECT_EQ(bodies[0]["channel"], "tablet");
}

TEST_F(RatingFlowTest, WithoutATabletThePromptGoesToTheScreen)
{
    tablet_->unplug();
    const auto id = submitCase();
    EXPECT_EQ(flow_->begin(id, item()), RatingPlace::Screen);
    ASSERT_EQ(prompts_.size(), 1u);
    EXPECT_EQ(prompts_[0].why, ScreenReason::NoTablet);
    EXPECT_EQ(prompts_[0].submissionId, id);
    EXPECT_FALSE(prompts_[0].level);
    EXPECT_TRUE(tablet_->requests().empty());
    ASSERT_TRUE(flow_->rateOnScreen({4, {}, ""}));
    ASSERT_EQ(evaluations().size(), 1u);
    EXPECT_EQ(evaluations()[0]["channel"], "kiosk");
}

TEST_F(RatingFlowTest, NoTabletConfiguredRatesOnTheScreen)
{
    RatingFlow flow(*service_, catalog_, nullptr);
    EXPECT_EQ(flow.begin(submitCase(), item()), RatingPlace::Screen);
    EXPECT_TRUE(flow.rateOnScreen({5, {}, ""}));
}

TEST_F(RatingFlowTest, ABadRatingOnTheScreenNeedsAReason)
{
    tablet_->unplug();
    ASSERT_TRUE(flow_->begin(submitCase(), item()));
    auto refused = flow_->rateOnScreen({1, {}, ""});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, make_error_code(ApplicationErrc::invalid_rating));
    EXPECT_EQ(refused.error().message, "请至少选择一项不满意的原因");
    EXPECT_EQ(flow_->place(), RatingPlace::Screen) << "the prompt stays";
    EXPECT_TRUE(flow_->rateOnScreen({1, {"R01"}, ""}));
    EXPECT_EQ(evaluations().size(), 1u);
}

TEST_F(RatingFlowTest, OneRatingPerCase)
{
    const auto id = submitCase();
    ASSERT_TRUE(flow_->begin(id, item()));
    tablet_->rate({5, {}, ""});
    auto again = flow_->begin(id, item());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, make_error_code(ApplicationErrc::already_rated));
    EXPECT_TRUE(flow_->isRated(id));
    EXPECT_EQ(evaluations().size(), 1u);
    EXPECT_EQ(tablet_->requests().size(), 1u);
}

TEST_F(RatingFlowTest, ACaseRatedBeforeARestartIsNotRatedAgain)
{
    const auto id = submitCase();
    ASSERT_TRUE(flow_->begin(id, item()));
    tablet_->rate({4, {}, ""});
    RatingFlow afterRestart(*service_, catalog_, tablet_); // a new flow: nothing in memory
    auto again = afterRestart.begin(id, item());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, make_error_code(ApplicationErrc::already_rated));
    EXPECT_EQ(evaluations().size(), 1u);
}

TEST_F(RatingFlowTest, TabletLostMidRatingMovesThePromptToTheScreen)
{
    const auto id = submitCase();
    ASSERT_EQ(flow_->begin(id, item()), RatingPlace::Tablet);
    tablet_->unplug();
    EXPECT_EQ(flow_->place(), RatingPlace::Screen);
    ASSERT_EQ(prompts_.size(), 1u);
    EXPECT_EQ(prompts_[0].why, ScreenReason::TabletLost);
    tablet_->plug(); // back, but the prompt stays where the citizen now looks
    ASSERT_TRUE(flow_->rateOnScreen({3, {}, ""}));
    ASSERT_EQ(evaluations().size(), 1u);
    EXPECT_EQ(evaluations()[0]["channel"], "kiosk");
}

TEST_F(RatingFlowTest, TabletRefusingThePromptMovesItToTheScreen)
{
    ASSERT_EQ(flow_->begin(submitCase(), item()), RatingPlace::Tablet);
    tablet_->refuse("busy");
    ASSERT_EQ(prompts_.size(), 1u);
    EXPECT_EQ(prompts_[0].why, ScreenReason::TabletRefused);
}

TEST_F(RatingFlowTest, FourKeyEvaluatorsBadRatingGetsItsReasonOnTheScreen)
{
    tablet_->setInfo({"K4", "1.0", hal::TabletInput::Keys, 4});
    ASSERT_EQ(flow_->begin(submitCase(), item()), RatingPlace::Tablet);
    tablet_->rate({1, {}, ""});
    ASSERT_EQ(prompts_.size(), 1u);
    EXPECT_EQ(prompts_[0].why, ScreenReason::ReasonRequired);
    EXPECT_EQ(prompts_[0].level, 1);
    ASSERT_TRUE(flow_->rateOnScreen({5, {"R01"}, ""})) << "the screen adds only the reasons";
    ASSERT_EQ(evaluations().size(), 1u);
    EXPECT_EQ(evaluations()[0]["level"], 1) << "the evaluator's level stands";
    EXPECT_EQ(evaluations()[0]["reasons"], nlohmann::json::array({"R01"}));
    EXPECT_EQ(evaluations()[0]["channel"], "tablet");
}

TEST_F(RatingFlowTest, CitizenLeavingTheTabletUnratedSendsNothing)
{
    const auto id = submitCase();
    ASSERT_TRUE(flow_->begin(id, item()));
    tablet_->walkAway();
    EXPECT_EQ(timedOut_, std::vector<std::string>{id});
    EXPECT_EQ(flow_->place(), RatingPlace::None);
    EXPECT_TRUE(evaluations().empty());
    EXPECT_FALSE(flow_->isRated(id)) << "the receipt's QR code still allows a rating";
}

TEST_F(RatingFlowTest, ACitizenWhoLeftCanRateLaterByTheReceiptOnce)
{
    const auto id = submitCase();
    ASSERT_TRUE(flow_->begin(id, item()));
    tablet_->walkAway();
    // Later the receipt's QR code names the case again (kiosk/core/scanned_payload.h).
    ASSERT_EQ(flow_->begin(id, item()), RatingPlace::Tablet);
    tablet_->rate({5, {}, ""});
    EXPECT_EQ(evaluations().size(), 1u);
    EXPECT_EQ(flow_->begin(id, item()).error().code,
              make_error_code(ApplicationErrc::already_rated));
}

TEST_F(RatingFlowTest, AbandonWithdrawsThePromptFromTheTablet)
{
    ASSERT_TRUE(flow_->begin(submitCase(), item()));
    const auto shown = tablet_->pendingRequest();
    ASSERT_TRUE(shown);
    flow_->abandon();
    EXPECT_EQ(tablet_->cancelled(), std::vector<std::string>{*shown});
    EXPECT_FALSE(tablet_->rate({5, {}, ""})) << "nothing is shown any more";
    EXPECT_TRUE(evaluations().empty());
    EXPECT_TRUE(flow_->begin(submitCase(), item())) << "the next case can be rated";
}

TEST_F(RatingFlowTest, RatingOnTheScreenWithoutAPromptIsRefused)
{
    EXPECT_EQ(flow_->rateOnScreen({5, {}, ""}).error().code,
              make_error_code(ApplicationErrc::no_rating_prompt));
}

} // namespace
