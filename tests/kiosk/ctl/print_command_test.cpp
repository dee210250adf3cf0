// SPDX-License-Identifier: Apache-2.0
// kioskctl print as a technician runs it: the real binary against a simulated ESC/POS printer
// on loopback TCP and on a pty serial line, and against a private cupsd with cups-pdf.
#include "drivers/receipt_printer/escpos_reader.h"
#include "drivers/receipt_printer/escpos_renderer.h"
#include "platform_sim/pdf.h"
#include "tests/support/escpos_sim/escpos_printer_sim.h"
#include "tests/support/private_cupsd.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

namespace {

struct Run {
    int exitCode = -1;
    nlohmann::json out;
};

/// `environment` ("NAME=value ...") is put before the command, for libcups's CUPS_SERVER.
Run print(const std::string& arguments, const std::string& environment = {})
{
    const std::string command =
        environment + std::string(KIOSKCTL_PATH) + " print " + arguments + " --json 2>/dev/null";
    std::string text;
    FILE* pipe = popen(command.c_str(), "r");
    std::array<char, 4096> buffer{};
    while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        text.append(buffer.data(), n);
    const int status = pclose(pipe);
    Run run;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = nlohmann::json::parse(text, nullptr, false);
    return run;
}

} // namespace

TEST(PrintCommand, TestReceiptReachesATcpPrinter)
{
    test_support::TcpPrinterSim sim;
    auto run = print("test --device " + sim.spec());
    ASSERT_EQ(run.exitCode, 0) << run.out.dump();
    EXPECT_EQ(run.out["printed"], true);
    EXPECT_EQ(run.out["state"], "ready");
    const auto lines = sim.model().printedText();
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front(), "打印测试");
}

TEST(PrintCommand, StatusReportsEachConditionAndFailsUnlessItCanPrint)
{
    test_support::TcpPrinterSim sim;
    auto ready = print("status --device " + sim.spec());
    EXPECT_EQ(ready.exitCode, 0);
    EXPECT_EQ(ready.out, (nlohmann::json{{"state", "ready"}, {"detail", "ready"}}));
    sim.model().setCondition(hal::PrinterCondition::PaperOut);
    auto out = print("status --device " + sim.spec());
    EXPECT_EQ(out.exitCode, 1);
    EXPECT_EQ(out.out["state"], "paper_out");
    sim.model().setCondition(hal::PrinterCondition::PaperLow);
    auto low = print("status --device " + sim.spec());
    EXPECT_EQ(low.exitCode, 0);
    EXPECT_EQ(low.out["state"], "paper_low");
}

TEST(PrintCommand, StatusOverASerialLine)
{
    test_support::PtyPrinterSim sim;
    sim.model().setCondition(hal::PrinterCondition::CoverOpen);
    auto run = print("status --device serial:" + sim.devicePath() + "@9600");
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.out["state"], "cover_open");
}

TEST(PrintCommand, PaperOutRefusesTheTestReceiptWithAnError)
{
    test_support::TcpPrinterSim sim;
    sim.model().setCondition(hal::PrinterCondition::PaperOut);
    auto run = print("test --device " + sim.spec());
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_EQ(run.out["error"]["code"], "hal:7"); // media
    EXPECT_TRUE(sim.model().received().empty());
}

TEST(PrintCommand, WritesTheBytesAndThePictureWithoutAPrinter)
{
    test_support::TempDir dir;
    const auto bin = dir.file("test.bin");
    const auto png = dir.file("test.png");
    auto run = print("test --profile generic-58 --out " + bin + " --png " + png);
    ASSERT_EQ(run.exitCode, 0) << run.out.dump();
    std::ifstream in(bin, std::ios::binary);
    const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
    ASSERT_GT(bytes.size(), 4u);
    EXPECT_EQ(bytes[0], 0x1B);
    EXPECT_EQ(bytes[1], 0x40);
    auto document = drivers::receipt_printer::readEscPos(bytes);
    ASSERT_TRUE(document);
    EXPECT_EQ(document->textLines().front(), "打印测试");
    auto picture = drivers::receipt_printer::readPng(png);
    ASSERT_TRUE(picture) << picture.error().message;
    EXPECT_EQ(picture->width, 384 + 32) << "58 mm";
}

TEST(PrintCommand, ErrorsAreJsonWithANonZeroExit)
{
    auto absent = print("status --device tcp:127.0.0.1:1");
    EXPECT_EQ(absent.exitCode, 1);
    EXPECT_EQ(absent.out["error"]["code"], "hal:1"); // no_device
    EXPECT_TRUE(absent.out["error"]["message"].is_string());

    auto badSpec = print("status --device parallel:/dev/lp0");
    EXPECT_EQ(badSpec.exitCode, 2);
    EXPECT_TRUE(badSpec.out.contains("error"));

    auto badProfile = print("test --profile nonesuch --out /dev/null");
    EXPECT_EQ(badProfile.exitCode, 2);
    EXPECT_TRUE(badProfile.out.contains("error"));

    auto nothing = print("test");
    EXPECT_EQ(nothing.exitCode, 2);
}

TEST(PrintCommand, PdfGoesThroughCupsAndErrorsNameTheQueue)
{
    test_support::PrivateCupsd cupsd;
    cupsd.addPdfQueue("kiosk-a4");
    test_support::TempDir dir;
    const auto pdf = dir.file("certificate.pdf");
    std::ofstream(pdf, std::ios::binary) << platform_sim::makePdf("Certificate for kioskctl");
    const std::string env = "CUPS_SERVER=" + cupsd.server() + " CUPS_USER=kiosk-print-test ";

    auto printed = print("pdf " + pdf + " --printer cups:kiosk-a4", env);
    ASSERT_EQ(printed.exitCode, 0) << printed.out.dump();
    EXPECT_EQ(printed.out["state"], "completed");
    EXPECT_GT(printed.out["jobId"].get<int>(), 0);
    for (const auto& entry : std::filesystem::directory_iterator("/var/spool/cups-pdf/ANONYMOUS"))
        if (entry.path().filename().string().starts_with("certificate"))
            std::filesystem::remove(entry.path());

    auto missing = print("pdf " + pdf + " --printer cups:no-such-queue", env);
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_NE(missing.out["error"]["message"].get<std::string>().find("no-such-queue"),
              std::string::npos);

    cupsd.stopQueue("kiosk-a4");
    auto stopped = print("pdf " + pdf + " --printer cups:kiosk-a4", env);
    EXPECT_EQ(stopped.exitCode, 1);
    EXPECT_EQ(stopped.out["error"]["code"], "hal:5"); // device_fault

    auto badSpec = print("pdf " + pdf + " --printer lpr:x", env);
    EXPECT_EQ(badSpec.exitCode, 2);
}
