// SPDX-License-Identifier: Apache-2.0
// Harnesses for the ESC/POS receipt printer over its real transports: a serial line and a
// device file (both a pty reached through a udev-style symlink) and a TCP printer on
// loopback. The simulated printer answers DLE EOT from its scripted condition.
#pragma once

#include "drivers/receipt_printer/escpos_printer.h"
#include "harness.h"
#include "tests/support/escpos_sim/escpos_printer_sim.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <algorithm>
#include <filesystem>

namespace contract {

using namespace std::chrono_literals;

inline drivers::receipt_printer::EscPosPrinterOptions fastPrinterOptions()
{
    drivers::receipt_printer::EscPosPrinterOptions options;
    options.pollInterval = 10ms;
    options.statusTimeout = 300ms;
    options.writeTimeout = 2s;
    return options;
}

inline hal::PrinterCondition conditionFor(hal::PaperState paper)
{
    return paper == hal::PaperState::Out   ? hal::PrinterCondition::PaperOut
           : paper == hal::PaperState::Low ? hal::PrinterCondition::PaperLow
                                           : hal::PrinterCondition::Ready;
}

/// What both kinds of simulated printer share: the model, printed text, and the wait for the
/// driver's poll to see a change.
class EscPosHarnessBase : public ReceiptPrinterHarness {
public:
    hal::ReceiptPrinter& device() override { return *printer_; }
    void setPaper(hal::PaperState paper) override
    {
        model().setCondition(conditionFor(paper));
        EXPECT_TRUE(test_support::pollUntil([&] { return printer_->paper() == paper; }))
            << "the driver's status poll did not see the paper change";
    }
    void setCondition(hal::PrinterCondition condition) override
    {
        model().setCondition(condition);
        EXPECT_TRUE(test_support::pollUntil([&] { return printer_->condition() == condition; }))
            << "the driver's status poll did not see the condition change";
    }
    /// The text lines on the paper, without the separator rules (the fake reports the
    /// document's text blocks, which have none).
    std::vector<std::string> printedText() override
    {
        auto lines = model().printedText();
        std::erase_if(lines, [](const std::string& line) {
            return !line.empty() &&
                   std::all_of(line.begin(), line.end(), [](char c) { return c == '-'; });
        });
        return lines;
    }
    virtual test_support::EscPosPrinterModel& model() = 0;
    drivers::receipt_printer::EscPosPrinter& printer() { return *printer_; }

protected:
    /// Derived harnesses call this first in their destructor: the printer's poll must stop
    /// before the simulated printer it talks to goes.
    void closePrinter()
    {
        if (printer_)
            printer_->close();
    }
    void waitFor(hal::DeviceState state)
    {
        EXPECT_TRUE(test_support::pollUntil([&] { return printer_->status().state == state; }))
            << "still " << hal::toString(printer_->status().state);
    }
    std::shared_ptr<drivers::receipt_printer::EscPosPrinter> printer_;
};

/// serial:LINK or file:LINK, LINK a symlink to the simulated printer's pty.
class PtyPrinterHarness final : public EscPosHarnessBase {
public:
    explicit PtyPrinterHarness(std::string scheme, std::string profile = "generic-80")
        : link_(dir_.file("usb-Printer-if00"))
    {
        std::filesystem::create_symlink(sim_.devicePath(), link_);
        auto printer = drivers::receipt_printer::makeEscPosPrinter(scheme + ":" + link_, profile,
                                                                   fastPrinterOptions());
        EXPECT_TRUE(printer) << printer.error().message;
        printer_ = *printer;
    }
    ~PtyPrinterHarness() override { closePrinter(); }
    test_support::EscPosPrinterModel& model() override { return sim_.model(); }
    void unplug() override
    {
        sim_.unplug();
        std::filesystem::remove(link_);
        waitFor(hal::DeviceState::Disconnected);
    }
    void plug() override
    {
        sim_.plug();
        std::filesystem::create_symlink(sim_.devicePath(), link_);
        waitFor(hal::DeviceState::Ready);
    }

private:
    test_support::TempDir dir_;
    test_support::PtyPrinterSim sim_;
    std::string link_;
};

/// tcp:127.0.0.1:PORT
class TcpPrinterHarness final : public EscPosHarnessBase {
public:
    explicit TcpPrinterHarness(std::string profile = "generic-80")
    {
        auto printer =
            drivers::receipt_printer::makeEscPosPrinter(sim_.spec(), profile, fastPrinterOptions());
        EXPECT_TRUE(printer) << printer.error().message;
        printer_ = *printer;
    }
    ~TcpPrinterHarness() override { closePrinter(); }
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
    test_support::TcpPrinterSim sim_;
};

} // namespace contract
