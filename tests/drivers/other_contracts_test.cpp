// SPDX-License-Identifier: Apache-2.0
// Contracts of hal::CodeScanner, hal::ReceiptPrinter and hal::ReviewTablet over every backend.
#include "code_scanner_harnesses.h"
#include "fake_harnesses.h"
#include "lifecycle_contract.h"
#include "receipt_printer_harnesses.h"

using namespace std::chrono_literals;

namespace {

using contract::CodeScannerHarness;
using contract::ReceiptPrinterHarness;
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

// --- Receipt printer ------------------------------------------------------------------------

class ReceiptPrinterContract
    : public testing::TestWithParam<contract::Backend<ReceiptPrinterHarness>> {
protected:
    void SetUp() override { harness_ = GetParam().create(); }
    static hal::Receipt receipt()
    {
        return {{{"涪城区政务服务中心", hal::ReceiptLine::Align::Center, true, 2},
                 hal::ReceiptLine::separator(),
                 {"办件编号：510703-20261123-000123"},
                 hal::ReceiptLine::qr("https://zwfw.example.gov.cn/r/510703-20261123-000123")}};
    }
    std::unique_ptr<ReceiptPrinterHarness> harness_;
};

auto printOne = [](hal::ReceiptPrinter& printer) {
    return printer.print({{{"测试"}}});
};

TEST_P(ReceiptPrinterContract, PrintBeforeOpenFailsNotOpen)
{
    contract::expectOperationBeforeOpenFailsNotOpen(*harness_, printOne);
}

TEST_P(ReceiptPrinterContract, OpenMakesReadyAndCloseCloses)
{
    contract::expectOpenMakesReadyAndCloseCloses(*harness_);
}

TEST_P(ReceiptPrinterContract, UnplugGivesNoDeviceAndReplugRecovers)
{
    contract::expectUnplugGivesNoDeviceAndReplugRecovers(*harness_, printOne);
}

TEST_P(ReceiptPrinterContract, PrintedLinesReachThePrinter)
{
    ASSERT_TRUE(harness_->device().open());
    ASSERT_TRUE(harness_->device().print(receipt()));
    const auto text = harness_->printedText();
    ASSERT_EQ(text.size(), 2u);
    EXPECT_EQ(text[0], "涪城区政务服务中心");
}

TEST_P(ReceiptPrinterContract, PaperOutIsAMediaErrorAndPrintsNothing)
{
    ASSERT_TRUE(harness_->device().open());
    harness_->setPaper(hal::PaperState::Out);
    EXPECT_EQ(harness_->device().paper(), hal::PaperState::Out);
    auto result = harness_->device().print(receipt());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::media);
    EXPECT_TRUE(harness_->printedText().empty());
    EXPECT_EQ(harness_->device().status().counters.failures, 1u);
}

TEST_P(ReceiptPrinterContract, CoverOpenIsAMediaErrorAndConditionSaysSo)
{
    ASSERT_TRUE(harness_->device().open());
    harness_->setCondition(hal::PrinterCondition::CoverOpen);
    EXPECT_EQ(harness_->device().condition(), hal::PrinterCondition::CoverOpen);
    auto result = harness_->device().print(receipt());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::media);
    EXPECT_TRUE(harness_->printedText().empty());
}

TEST_P(ReceiptPrinterContract, PaperLowStillPrints)
{
    ASSERT_TRUE(harness_->device().open());
    harness_->setPaper(hal::PaperState::Low);
    EXPECT_EQ(harness_->device().condition(), hal::PrinterCondition::PaperLow);
    ASSERT_TRUE(harness_->device().print(receipt()));
    EXPECT_EQ(harness_->printedText().size(), 2u);
}

TEST_P(ReceiptPrinterContract, CutterJamIsADeviceFault)
{
    ASSERT_TRUE(harness_->device().open());
    harness_->setCondition(hal::PrinterCondition::CutterJam);
    auto result = harness_->device().print(receipt());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, hal::errc::device_fault);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReceiptPrinterContract,
                         testing::Values(
                             contract::Backend<ReceiptPrinterHarness>{
                                 "fake",
                                 [] {
                                     return std::make_unique<contract::FakeReceiptPrinterHarness>();
                                 }},
                             contract::Backend<ReceiptPrinterHarness>{
                                 "escpos_serial",
                                 [] {
                                     return std::make_unique<contract::PtyPrinterHarness>("serial");
                                 }},
                             contract::Backend<ReceiptPrinterHarness>{
                                 "escpos_file",
                                 [] {
                                     return std::make_unique<contract::PtyPrinterHarness>("file");
                                 }},
                             contract::Backend<ReceiptPrinterHarness>{
                                 "escpos_tcp",
                                 [] {
                                     return std::make_unique<contract::TcpPrinterHarness>();
                                 }}),
                         contract::backendName<ReceiptPrinterHarness>);

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
