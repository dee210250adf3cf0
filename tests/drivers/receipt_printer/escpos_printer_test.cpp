// SPDX-License-Identifier: Apache-2.0
// The ESC/POS driver beyond the shared contract: status around every job, jobs that fail
// midway, printers that do not answer, spec parsing and the DLE EOT decoder.
#include "drivers/receipt_printer/escpos_printer.h"
#include "drivers/receipt_printer/escpos_status.h"
#include "tests/support/escpos_sim/escpos_printer_sim.h"
#include "tests/support/poll_until.h"

#include <gtest/gtest.h>

using namespace std::chrono_literals;
using namespace drivers::receipt_printer;
using hal::PrinterCondition;

namespace {

EscPosPrinterOptions options(std::chrono::milliseconds poll = 10ms)
{
    EscPosPrinterOptions o;
    o.pollInterval = poll;
    o.statusTimeout = 200ms;
    o.writeTimeout = 2s;
    o.chunkBytes = 64;
    return o;
}

hal::Receipt receipt()
{
    hal::Receipt r;
    for (int i = 0; i < 20; ++i)
        r.lines.push_back({"第" + std::to_string(i + 1) + "行：办件回执测试"});
    r.lines.push_back(hal::ReceiptLine::qr("https://zwfw.example.gov.cn/r/510703-20261123-000123"));
    return r;
}

std::shared_ptr<EscPosPrinter> tcpPrinter(test_support::TcpPrinterSim& sim,
                                          EscPosPrinterOptions o = options())
{
    auto printer = makeEscPosPrinter(sim.spec(), "generic-80", o);
    EXPECT_TRUE(printer) << printer.error().message;
    return *printer;
}

} // namespace

TEST(EscPosPrinter, AsksForStatusBeforeAndAfterEveryJob)
{
    test_support::TcpPrinterSim sim;
    auto printer = tcpPrinter(sim, options(1h)); // no poll in between
    ASSERT_TRUE(printer->open());
    const auto atOpen = sim.model().statusQueries();
    EXPECT_EQ(atOpen, 4u) << "DLE EOT 1..4 when opened";
    ASSERT_TRUE(printer->print(receipt()));
    EXPECT_EQ(sim.model().statusQueries(), atOpen + 8) << "4 before, 4 after";
    EXPECT_EQ(sim.model().printedText().front(), "第1行：办件回执测试");
}

TEST(EscPosPrinter, PaperRunningOutDuringTheJobIsReportedForAReprint)
{
    test_support::TcpPrinterSim sim;
    auto printer = tcpPrinter(sim, options(1h));
    ASSERT_TRUE(printer->open());
    sim.model().changeConditionAfter(100, PrinterCondition::PaperOut);
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed);
    EXPECT_EQ(printed.error().code, hal::errc::media);
    EXPECT_NE(printed.error().message.find("may be incomplete"), std::string::npos)
        << printed.error().message;
    EXPECT_EQ(printer->condition(), PrinterCondition::PaperOut);
    EXPECT_EQ(printer->paper(), hal::PaperState::Out);
    EXPECT_EQ(printer->status().state, hal::DeviceState::Ready) << "connected, needs paper";

    sim.model().setCondition(PrinterCondition::Ready); // paper loaded: the reprint works
    EXPECT_TRUE(printer->print(receipt()));
}

TEST(EscPosPrinter, CableUnpluggedMidJobIsNoDeviceAndTheReprintWorksAfterReplug)
{
    test_support::PtyPrinterSim sim;
    auto made = makeEscPosPrinter("serial:" + sim.devicePath(), "generic-80", options(1h));
    ASSERT_TRUE(made);
    auto printer = *made;
    ASSERT_TRUE(printer->open());
    sim.model().disconnectAfter(200);
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed);
    EXPECT_EQ(printed.error().code, hal::errc::no_device) << printed.error().describe();
    EXPECT_EQ(printer->status().state, hal::DeviceState::Disconnected);
    EXPECT_LT(sim.model().received().size(), 1500u) << "the job stopped with the cable";
}

TEST(EscPosPrinter, TcpPrinterGoneMidJobIsReportedAndComesBack)
{
    test_support::TcpPrinterSim sim;
    auto printer = tcpPrinter(sim);
    ASSERT_TRUE(printer->open());
    sim.model().disconnectAfter(200);
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed) << "a job whose end never reached the printer is not a success";
    EXPECT_EQ(printed.error().code, hal::errc::no_device) << printed.error().describe();
    EXPECT_TRUE(test_support::pollUntil([&] {
        return printer->status().state == hal::DeviceState::Ready;
    })) << "the poll reconnects to the printer, which is still listening";
    auto reprinted = printer->print(receipt());
    EXPECT_TRUE(reprinted) << reprinted.error().describe();
}

TEST(EscPosPrinter, ALateAnswerIsNotTakenForTheAnswerToTheNextQuery)
{
    test_support::TcpPrinterSim sim;
    auto o = options(1h);
    o.statusTimeout = 500ms;
    auto printer = tcpPrinter(sim, o);
    ASSERT_TRUE(printer->open());
    sim.model().setCondition(PrinterCondition::PaperOut);
    // After the status timeout, within the next one (the driver waits one out for it).
    sim.model().answerLate(600ms);
    auto late = printer->queryStatus();
    ASSERT_TRUE(late);
    EXPECT_EQ(late->condition, PrinterCondition::Offline) << late->detail;

    sim.model().setCondition(PrinterCondition::Ready); // paper loaded meanwhile
    auto now = printer->queryStatus();
    ASSERT_TRUE(now);
    EXPECT_EQ(now->condition, PrinterCondition::Ready)
        << "the paper-out answer that came late belongs to the earlier query: " << now->detail;
    auto printed = printer->print(receipt());
    EXPECT_TRUE(printed) << printed.error().describe();
}

TEST(EscPosPrinter, PrinterThatDoesNotAnswerIsOfflineAndGetsNoJob)
{
    test_support::TcpPrinterSim sim;
    sim.model().setAnswers(false);
    auto printer = tcpPrinter(sim, options(1h));
    ASSERT_TRUE(printer->open()) << "connected, even if it does not answer";
    EXPECT_EQ(printer->condition(), PrinterCondition::Offline);
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed);
    EXPECT_EQ(printed.error().code, hal::errc::device_fault);
    EXPECT_TRUE(sim.model().received().empty());
}

TEST(EscPosPrinter, GarbageStatusAnswersCountAsOfflineAndGetNoJob)
{
    test_support::TcpPrinterSim sim;
    sim.model().setRawAnswer(0xFF);
    auto printer = tcpPrinter(sim, options(1h));
    ASSERT_TRUE(printer->open());
    EXPECT_EQ(printer->condition(), PrinterCondition::Offline);
    auto printed = printer->print(receipt());
    ASSERT_FALSE(printed);
    EXPECT_EQ(printed.error().code, hal::errc::protocol);
    EXPECT_TRUE(sim.model().received().empty());
}

TEST(EscPosPrinter, UnidirectionalPrinterPrintsBlind)
{
    test_support::TcpPrinterSim sim;
    sim.model().setAnswers(false);
    auto o = options(1h);
    o.statusAnswers = false;
    auto printer = tcpPrinter(sim, o);
    ASSERT_TRUE(printer->open());
    ASSERT_TRUE(printer->print(receipt()));
    EXPECT_EQ(sim.model().statusQueries(), 0u);
    EXPECT_EQ(printer->paper(), hal::PaperState::Unknown);
    EXPECT_TRUE(test_support::pollUntil([&] { return sim.model().printedText().size() == 20; }));
}

TEST(EscPosPrinter, QueryStatusAsksNow)
{
    test_support::TcpPrinterSim sim;
    auto printer = tcpPrinter(sim, options(1h));
    ASSERT_TRUE(printer->open());
    sim.model().setCondition(PrinterCondition::CoverOpen);
    auto status = printer->queryStatus();
    ASSERT_TRUE(status);
    EXPECT_EQ(status->condition, PrinterCondition::CoverOpen);
    EXPECT_EQ(printer->condition(), PrinterCondition::CoverOpen);
}

TEST(EscPosPrinter, ConditionShowsInTheDeviceStatusForTechnicians)
{
    test_support::TcpPrinterSim sim;
    auto printer = tcpPrinter(sim); // polled every 10 ms
    ASSERT_TRUE(printer->open());
    sim.model().setCondition(PrinterCondition::PaperOut);
    EXPECT_TRUE(test_support::pollUntil([&] {
        const auto status = printer->status();
        return status.health == hal::Health::Fault &&
               status.detail.find("paper out") != std::string::npos;
    })) << printer->status().detail;
    EXPECT_EQ(printer->status().state, hal::DeviceState::Ready) << "still connected";
    sim.model().setCondition(PrinterCondition::PaperLow);
    EXPECT_TRUE(
        test_support::pollUntil([&] { return printer->status().health == hal::Health::Degraded; }));
    sim.model().setCondition(PrinterCondition::Ready);
    EXPECT_TRUE(test_support::pollUntil([&] {
        return printer->status().health == hal::Health::Ok && printer->status().detail.empty();
    }));
}

TEST(EscPosPrinter, AbsentPrinterOpensDisconnected)
{
    auto printer = makeEscPosPrinter("tcp:127.0.0.1:1", "generic-80", options());
    ASSERT_TRUE(printer);
    auto opened = (*printer)->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
    EXPECT_EQ((*printer)->status().state, hal::DeviceState::Disconnected);
}

TEST(EscPosPrinter, UnknownProfileOrSpecIsRefusedAtCreation)
{
    EXPECT_FALSE(makeEscPosPrinter("tcp:127.0.0.1:9100", "nonesuch"));
    EXPECT_FALSE(makeEscPosPrinter("parallel:/dev/lp0", "generic-80"));
}

TEST(PrinterSpec, ParsesEveryForm)
{
    auto usb = parsePrinterSpec("usb:0fe6:811E");
    ASSERT_TRUE(usb);
    EXPECT_EQ(usb->kind, PrinterAddress::Kind::Usb);
    EXPECT_EQ(usb->vendorId, 0x0fe6);
    EXPECT_EQ(usb->productId, 0x811e);
    auto tcp = parsePrinterSpec("tcp:192.168.1.50");
    ASSERT_TRUE(tcp);
    EXPECT_EQ(tcp->host, "192.168.1.50");
    EXPECT_EQ(tcp->port, 9100);
    auto v6 = parsePrinterSpec("tcp:[::1]:9101");
    ASSERT_TRUE(v6);
    EXPECT_EQ(v6->host, "::1");
    EXPECT_EQ(v6->port, 9101);
    auto serial = parsePrinterSpec("serial:/dev/ttyS1@9600");
    ASSERT_TRUE(serial);
    EXPECT_EQ(serial->path, "/dev/ttyS1");
    EXPECT_EQ(serial->baud, 9600);
    EXPECT_EQ(parsePrinterSpec("file:/dev/usb/lp0")->path, "/dev/usb/lp0");
    for (const char* bad : {"usb:0fe6", "usb:zzzz:0001", "tcp:", "tcp:host:0", "tcp:host:99999",
                            "serial:@9600", "lp0", "ipp:printer"})
        EXPECT_FALSE(parsePrinterSpec(bad)) << bad;
}

TEST(EscPosStatus, EachConditionRoundTripsThroughItsStatusBytes)
{
    for (auto condition :
         {PrinterCondition::Ready, PrinterCondition::PaperLow, PrinterCondition::PaperOut,
          PrinterCondition::CoverOpen, PrinterCondition::CutterJam, PrinterCondition::Offline}) {
        auto status = decodeStatus(statusBytesFor(condition));
        ASSERT_TRUE(status);
        EXPECT_EQ(status->condition, condition) << hal::toString(condition);
    }
}

TEST(EscPosStatus, DecodesTheSpecsBits)
{
    // All clear: 0x12 everywhere.
    auto ready = decodeStatus(std::array<std::uint8_t, 4>{0x12, 0x12, 0x12, 0x12});
    ASSERT_TRUE(ready);
    EXPECT_EQ(ready->condition, PrinterCondition::Ready);
    EXPECT_EQ(ready->paper, hal::PaperState::Ok);
    // n=4 bits 2-3: near end, still printing.
    auto low = decodeStatus(std::array<std::uint8_t, 4>{0x12, 0x12, 0x12, 0x1E});
    EXPECT_EQ(low->condition, PrinterCondition::PaperLow);
    EXPECT_EQ(low->paper, hal::PaperState::Low);
    // n=2 bit 5: stopped by paper end.
    auto out = decodeStatus(std::array<std::uint8_t, 4>{0x1A, 0x32, 0x12, 0x12});
    EXPECT_EQ(out->condition, PrinterCondition::PaperOut);
    // Cover open wins over paper out (the citizen sees one instruction at a time).
    auto cover = decodeStatus(std::array<std::uint8_t, 4>{0x1A, 0x36, 0x12, 0x72});
    EXPECT_EQ(cover->condition, PrinterCondition::CoverOpen);
    EXPECT_NE(cover->detail.find("paper out"), std::string::npos);
    // n=3 bit 5 unrecoverable: offline.
    auto broken = decodeStatus(std::array<std::uint8_t, 4>{0x12, 0x12, 0x32, 0x12});
    EXPECT_EQ(broken->condition, PrinterCondition::Offline);
}

TEST(EscPosStatus, BytesThatAreNotStatusAreAProtocolError)
{
    auto wrongFixedBits = decodeStatus(std::array<std::uint8_t, 4>{0x12, 0x12, 0x00, 0x12});
    ASSERT_FALSE(wrongFixedBits);
    EXPECT_EQ(wrongFixedBits.error().code, hal::errc::protocol);
    EXPECT_FALSE(decodeStatus(std::array<std::uint8_t, 3>{0x12, 0x12, 0x12}));
}
