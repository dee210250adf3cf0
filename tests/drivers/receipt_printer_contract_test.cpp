// SPDX-License-Identifier: Apache-2.0
// The hal::ReceiptPrinter contract over every backend: the fake and the ESC/POS driver over a
// serial line, a device file and TCP (the simulated printer of tests/support/escpos_sim). Built
// a second time with KIOSK_CONTRACT_USB for the libusb transport against an emulated USB
// printer (umockdev), in its own executable because it runs under umockdev's LD_PRELOAD.
#include "fake_harnesses.h"
#include "lifecycle_contract.h"
#include "receipt_printer_harnesses.h"

#ifdef KIOSK_CONTRACT_USB
#include "tests/support/escpos_sim/usb_printer_sim.h"
#endif

using namespace std::chrono_literals;

namespace {

using contract::ReceiptPrinterHarness;

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

#ifdef KIOSK_CONTRACT_USB

/// usb:0fe6:811e: the printer on the emulated bus; unplugging removes it from the testbed.
class UsbPrinterHarness final : public contract::EscPosHarnessBase {
public:
    UsbPrinterHarness()
    {
        auto printer = drivers::receipt_printer::makeEscPosPrinter(sim_.spec(), "generic-80",
                                                                   contract::fastPrinterOptions());
        EXPECT_TRUE(printer) << printer.error().message;
        printer_ = *printer;
    }
    ~UsbPrinterHarness() override { closePrinter(); }
    test_support::EscPosPrinterModel& model() override { return sim_.model(); }
    void unplug() override
    {
        sim_.unplug();
        waitFor(hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        sim_.plug();
        waitFor(hal::DeviceState::Ready);
    }

private:
    test_support::UsbPrinterSimulator sim_;
};

INSTANTIATE_TEST_SUITE_P(Backends, ReceiptPrinterContract,
                         testing::Values(contract::Backend<ReceiptPrinterHarness>{
                             "escpos_usb",
                             [] {
                                 return std::make_unique<UsbPrinterHarness>();
                             }}),
                         contract::backendName<ReceiptPrinterHarness>);

hal::Receipt longReceipt()
{
    hal::Receipt receipt;
    for (int i = 0; i < 30; ++i)
        receipt.lines.push_back({"第" + std::to_string(i + 1) + "行 办件回执"});
    return receipt;
}

// Beyond the contract, the USB-specific failures of issue 16: the scripted printer runs out of
// paper mid-job, and leaves the bus mid-job.
TEST(UsbPrinter, PaperOutMidJobIsReportedAndTheJobWentOverUsbdevfs)
{
    test_support::UsbPrinterSimulator sim;
    auto printer = drivers::receipt_printer::makeEscPosPrinter(sim.spec(), "generic-80",
                                                               contract::fastPrinterOptions());
    ASSERT_TRUE(printer);
    ASSERT_TRUE((*printer)->open());
    sim.model().changeConditionAfter(200, hal::PrinterCondition::PaperOut);
    auto printed = (*printer)->print(longReceipt());
    ASSERT_FALSE(printed);
    EXPECT_EQ(printed.error().code, hal::errc::media);
    EXPECT_NE(printed.error().message.find("may be incomplete"), std::string::npos);
    EXPECT_GE(sim.urbsSubmitted(), 8u) << "status and job went through URBs";
}

TEST(UsbPrinter, UnplugMidJobIsNoDeviceAndReplugRecovers)
{
    test_support::UsbPrinterSimulator sim;
    auto printer = drivers::receipt_printer::makeEscPosPrinter(sim.spec(), "generic-80",
                                                               contract::fastPrinterOptions());
    ASSERT_TRUE(printer);
    ASSERT_TRUE((*printer)->open());
    sim.model().disconnectAfter(300);
    auto printed = (*printer)->print(longReceipt());
    ASSERT_FALSE(printed);
    EXPECT_EQ(printed.error().code, hal::errc::no_device) << printed.error().describe();
    EXPECT_NE(printed.error().describe().find("interrupted after"), std::string::npos)
        << printed.error().describe();
    EXPECT_EQ((*printer)->status().state, hal::DeviceState::Disconnected);
    sim.unplug();
    sim.plug();
    EXPECT_TRUE(test_support::pollUntil(
        [&] { return (*printer)->status().state == hal::DeviceState::Ready; }));
    EXPECT_TRUE((*printer)->print(longReceipt())) << "the citizen's reprint";
}

#else

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

#endif

} // namespace

#ifdef KIOSK_CONTRACT_USB
int main(int argc, char** argv)
{
    test_support::reexecPrinterTestUnderUmockdev(argc, argv);
    testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
#endif
