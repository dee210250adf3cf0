// SPDX-License-Identifier: Apache-2.0
// Contracts of hal::CodeScanner and hal::ReviewTablet over every backend (the receipt printer's
// is in receipt_printer_contract_test.cpp).
#include "code_scanner_harnesses.h"
#include "fake_harnesses.h"
#include "lifecycle_contract.h"
#include "review_tablet_harnesses.h"

#include <mutex>

using namespace std::chrono_literals;

namespace {

using contract::CodeScannerHarness;
using contract::ReviewTabletHarness;

// --- Code scanner ---------------------------------------------------------------------------

class CodeScannerContract : public testing::TestWithParam<contract::Backend<CodeScannerHarness>> {
protected:
    void SetUp() override { harness_ = GetParam().create(); }
    std::unique_ptr<CodeScannerHarness> harness_;
};

auto scanQuickly = [](hal::CodeScanner& scanner) {
    return scanner.scan(10ms);
};

TEST_P(CodeScannerContract, ScanBeforeOpenFailsNotOpen)
{
    contract::expectOperationBeforeOpenFailsNotOpen(*harness_, scanQuickly);
}

TEST_P(CodeScannerContract, OpenMakesReadyAndCloseCloses)
{
    contract::expectOpenMakesReadyAndCloseCloses(*harness_);
}

TEST_P(CodeScannerContract, UnplugGivesNoDeviceAndReplugRecovers)
{
    contract::expectUnplugGivesNoDeviceAndReplugRecovers(*harness_, scanQuickly);
}

TEST_P(CodeScannerContract, ShownCodeIsScannedOnceWithFormatAndText)
{
    ASSERT_TRUE(harness_->device().open());
    harness_->showCode({"QRCode", "https://zwfw.example.gov.cn/r/510703-20261123-000123"});
    auto code = harness_->device().scan(2s);
    ASSERT_TRUE(code && *code);
    EXPECT_EQ((*code)->format, "QRCode");
    EXPECT_EQ((*code)->text, "https://zwfw.example.gov.cn/r/510703-20261123-000123");
    auto nothing = harness_->device().scan(20ms);
    ASSERT_TRUE(nothing);
    EXPECT_FALSE(*nothing);
}

INSTANTIATE_TEST_SUITE_P(Backends, CodeScannerContract,
                         testing::Values(
                             contract::Backend<CodeScannerHarness>{
                                 "fake",
                                 [] {
                                     return std::make_unique<contract::FakeCodeScannerHarness>();
                                 }},
                             contract::Backend<CodeScannerHarness>{
                                 "camera_image",
                                 [] {
                                     return std::make_unique<contract::CameraFileHarness>(
                                         drivers::CameraSourceKind::Image);
                                 }},
                             contract::Backend<CodeScannerHarness>{
                                 "camera_video",
                                 [] {
                                     return std::make_unique<contract::CameraFileHarness>(
                                         drivers::CameraSourceKind::Video);
                                 }},
                             contract::Backend<CodeScannerHarness>{
                                 "serial",
                                 [] {
                                     return std::make_unique<contract::SerialScannerHarness>();
                                 }},
                             contract::Backend<CodeScannerHarness>{
                                 "evdev",
                                 [] {
                                     return std::make_unique<contract::EvdevScannerHarness>();
                                 }}),
                         contract::backendName<CodeScannerHarness>);

// --- Review tablet --------------------------------------------------------------------------

/// Collects the outcomes a tablet publishes (from its own thread).
class OutcomeRecorder {
public:
    explicit OutcomeRecorder(hal::ReviewTablet& tablet)
        : connection_(tablet.outcome.connect([this](const hal::RatingOutcome& outcome) {
              std::lock_guard lock(mutex_);
              outcomes_.push_back(outcome);
          }))
    {
    }
    std::vector<hal::RatingOutcome> outcomes() const
    {
        std::lock_guard lock(mutex_);
        return outcomes_;
    }
    /// Waits until `count` outcomes arrived; the last one.
    std::optional<hal::RatingOutcome> await(std::size_t count = 1) const
    {
        if (!test_support::pollUntil([&] { return outcomes().size() >= count; }))
            return std::nullopt;
        return outcomes().back();
    }

private:
    mutable std::mutex mutex_;
    std::vector<hal::RatingOutcome> outcomes_;
    base::Connection connection_; ///< last: disconnected before the list goes
};

class ReviewTabletContract : public testing::TestWithParam<contract::Backend<ReviewTabletHarness>> {
protected:
    void SetUp() override { harness_ = GetParam().create(); }
    static hal::RatingRequest request()
    {
        return {"社保参保证明打印",
                "510703-20261123-000123",
                {{"R01", "办事指南不清楚"}, {"R03", "等候时间过长"}}};
    }
    hal::ReviewTablet& tablet() { return harness_->device(); }
    std::unique_ptr<ReviewTabletHarness> harness_;
};

/// One operation for the lifecycle contract: show a prompt and withdraw it again.
auto showAndCancel = [](hal::ReviewTablet& tablet) {
    auto id = tablet.show({"社保查询", "S-1", {}});
    if (id)
        tablet.cancel(*id);
    return id;
};

TEST_P(ReviewTabletContract, ShowBeforeOpenFailsNotOpen)
{
    contract::expectOperationBeforeOpenFailsNotOpen(*harness_, showAndCancel);
}

TEST_P(ReviewTabletContract, OpenMakesReadyAndCloseCloses)
{
    contract::expectOpenMakesReadyAndCloseCloses(*harness_);
}

TEST_P(ReviewTabletContract, UnplugGivesNoDeviceAndReplugRecovers)
{
    contract::expectUnplugGivesNoDeviceAndReplugRecovers(*harness_, showAndCancel);
}

TEST_P(ReviewTabletContract, ShowReturnsAtOnceAndTheRatingArrivesAsItsOutcome)
{
    ASSERT_TRUE(tablet().open());
    OutcomeRecorder recorder(tablet());
    auto id = tablet().show(request());
    ASSERT_TRUE(id);
    EXPECT_EQ(tablet().pendingRequest(), *id);
    EXPECT_TRUE(recorder.outcomes().empty()) << "nobody has rated yet";
    harness_->citizenRates({4, {}, ""});
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->requestId, *id);
    EXPECT_EQ(outcome->kind, hal::RatingOutcomeKind::Rated);
    EXPECT_EQ(outcome->rating.level, 4);
    EXPECT_FALSE(tablet().pendingRequest());
    EXPECT_EQ(tablet().status().state, hal::DeviceState::Ready);
}

TEST_P(ReviewTabletContract, BadRatingKeepsTheChosenReason)
{
    ASSERT_TRUE(tablet().open());
    OutcomeRecorder recorder(tablet());
    ASSERT_TRUE(tablet().show(request()));
    harness_->citizenRates({2, {"R03"}, ""});
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, hal::RatingOutcomeKind::Rated);
    EXPECT_EQ(outcome->rating.level, 2);
    EXPECT_EQ(outcome->rating.reasons, std::vector<std::string>{"R03"});
}

TEST_P(ReviewTabletContract, TouchTabletIsAskedAgainForAMissingReason)
{
    ASSERT_TRUE(tablet().open());
    // The hello follows the connection: wait for it.
    ASSERT_TRUE(
        test_support::pollUntil([&] { return tablet().info().input == hal::TabletInput::Touch; }));
    OutcomeRecorder recorder(tablet());
    auto id = tablet().show(request());
    ASSERT_TRUE(id);
    harness_->citizenRates({1, {}, ""});
    EXPECT_EQ(harness_->reasonRequests(), 1);
    EXPECT_TRUE(recorder.outcomes().empty()) << "the kiosk keeps waiting";
    EXPECT_EQ(tablet().pendingRequest(), *id);
    harness_->citizenRates({1, {"R01"}, ""});
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, hal::RatingOutcomeKind::Rated);
    EXPECT_EQ(outcome->rating.reasons, std::vector<std::string>{"R01"});
}

TEST_P(ReviewTabletContract, FourKeyEvaluatorsBadRatingAsksForTheReasonOnTheKiosk)
{
    ASSERT_TRUE(tablet().open());
    harness_->becomeFourKeyEvaluator();
    EXPECT_EQ(tablet().info().input, hal::TabletInput::Keys);
    EXPECT_EQ(tablet().info().keys, 4);
    OutcomeRecorder recorder(tablet());
    ASSERT_TRUE(tablet().show(request()));
    harness_->citizenRates({1, {}, ""});
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->kind, hal::RatingOutcomeKind::ReasonRequired);
    EXPECT_EQ(outcome->rating.level, 1);
    EXPECT_EQ(harness_->reasonRequests(), 0) << "a key evaluator cannot show reasons";
}

TEST_P(ReviewTabletContract, CitizenWalkingAwayIsANormalTimeout)
{
    ASSERT_TRUE(tablet().open());
    OutcomeRecorder recorder(tablet());
    auto id = tablet().show(request());
    ASSERT_TRUE(id);
    harness_->citizenWalksAway();
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->requestId, *id);
    EXPECT_EQ(outcome->kind, hal::RatingOutcomeKind::TimedOut);
}

TEST_P(ReviewTabletContract, OneRequestAtATimeAndACancelledOneHasNoOutcome)
{
    ASSERT_TRUE(tablet().open());
    OutcomeRecorder recorder(tablet());
    auto first = tablet().show(request());
    ASSERT_TRUE(first);
    auto second = tablet().show(request());
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, hal::errc::busy);
    tablet().cancel(*first);
    EXPECT_FALSE(tablet().pendingRequest());
    auto third = tablet().show(request());
    ASSERT_TRUE(third);
    EXPECT_NE(*third, *first);
    harness_->citizenRates({5, {}, ""});
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->requestId, *third);
    EXPECT_EQ(recorder.outcomes().size(), 1u);
}

TEST_P(ReviewTabletContract, TabletLostMidRatingFailsTheRequestWithNoDevice)
{
    ASSERT_TRUE(tablet().open());
    OutcomeRecorder recorder(tablet());
    auto id = tablet().show(request());
    ASSERT_TRUE(id);
    harness_->unplug();
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->requestId, *id);
    EXPECT_EQ(outcome->kind, hal::RatingOutcomeKind::Failed);
    EXPECT_EQ(outcome->error.code, hal::errc::no_device);
    EXPECT_EQ(tablet().status().state, hal::DeviceState::Disconnected);
    EXPECT_FALSE(tablet().pendingRequest());
}

TEST_P(ReviewTabletContract, AnswerForAnotherRequestIsIgnored)
{
    ASSERT_TRUE(tablet().open());
    OutcomeRecorder recorder(tablet());
    auto id = tablet().show(request());
    ASSERT_TRUE(id);
    harness_->rateAnotherRequest(1);
    EXPECT_TRUE(recorder.outcomes().empty());
    EXPECT_EQ(tablet().pendingRequest(), *id);
    harness_->citizenRates({3, {}, ""});
    auto outcome = recorder.await();
    ASSERT_TRUE(outcome);
    EXPECT_EQ(outcome->rating.level, 3);
    EXPECT_EQ(recorder.outcomes().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewTabletContract,
                         testing::Values(
                             contract::Backend<ReviewTabletHarness>{
                                 "fake",
                                 [] {
                                     return std::make_unique<contract::FakeReviewTabletHarness>();
                                 }},
                             contract::Backend<ReviewTabletHarness>{
                                 "serial",
                                 [] {
                                     return std::make_unique<contract::SimTabletHarness>(false);
                                 }},
                             contract::Backend<ReviewTabletHarness>{
                                 "tcp",
                                 [] {
                                     return std::make_unique<contract::SimTabletHarness>(true);
                                 }}),
                         contract::backendName<ReviewTabletHarness>);

} // namespace
