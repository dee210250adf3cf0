// SPDX-License-Identifier: Apache-2.0
// Contracts of hal::CodeScanner and hal::ReviewTablet over every backend (the receipt printer's
// is in receipt_printer_contract_test.cpp).
#include "code_scanner_harnesses.h"
#include "fake_harnesses.h"
#include "lifecycle_contract.h"

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

class ReviewTabletContract : public testing::TestWithParam<contract::Backend<ReviewTabletHarness>> {
protected:
    void SetUp() override { harness_ = GetParam().create(); }
    std::unique_ptr<ReviewTabletHarness> harness_;
};

auto rateQuickly = [](hal::ReviewTablet& tablet) {
    return tablet.requestRating({"社保查询", {}}, 10ms);
};

TEST_P(ReviewTabletContract, RatingBeforeOpenFailsNotOpen)
{
    contract::expectOperationBeforeOpenFailsNotOpen(*harness_, rateQuickly);
}

TEST_P(ReviewTabletContract, OpenMakesReadyAndCloseCloses)
{
    contract::expectOpenMakesReadyAndCloseCloses(*harness_);
}

TEST_P(ReviewTabletContract, UnplugGivesNoDeviceAndReplugRecovers)
{
    contract::expectUnplugGivesNoDeviceAndReplugRecovers(*harness_, rateQuickly);
}

TEST_P(ReviewTabletContract, CitizensRatingIsReturned)
{
    ASSERT_TRUE(harness_->device().open());
    harness_->citizenRates({2, {"R03"}, ""});
    auto rating = harness_->device().requestRating({"社保查询", {"R01", "R03"}}, 2s);
    ASSERT_TRUE(rating && *rating);
    EXPECT_EQ((*rating)->level, 2);
    EXPECT_EQ((*rating)->reasons, std::vector<std::string>{"R03"});
}

TEST_P(ReviewTabletContract, NoRatingInTimeIsANormalOutcome)
{
    ASSERT_TRUE(harness_->device().open());
    auto rating = harness_->device().requestRating({"社保查询", {}}, 20ms);
    ASSERT_TRUE(rating);
    EXPECT_FALSE(*rating);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReviewTabletContract,
                         testing::Values(contract::Backend<ReviewTabletHarness>{
                             "fake",
                             [] {
                                 return std::make_unique<contract::FakeReviewTabletHarness>();
                             }}),
                         contract::backendName<ReviewTabletHarness>);

} // namespace
