// SPDX-License-Identifier: Apache-2.0
// Contract-test harnesses: how a test drives one backend's "hardware" (present a card, unplug).
// Each backend adds a harness here; the contract suites run unchanged against all of them.
#pragma once

#include "hal/card_reader.h"
#include "hal/code_scanner.h"
#include "hal/receipt_printer.h"
#include "hal/review_tablet.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>

namespace contract {

/// What every harness can do to the device under test, from the test's thread.
template <class Interface> class Harness {
public:
    virtual ~Harness() = default;
    /// The device under test (created, not opened).
    virtual Interface& device() = 0;
    virtual void unplug() = 0;
    virtual void plug() = 0;
};

class CardReaderHarness : public Harness<hal::CardReader> {
public:
    virtual void presentCard(const hal::CardData& card) = 0;
    virtual void removeCard() = 0;
};

class CodeScannerHarness : public Harness<hal::CodeScanner> {
public:
    virtual void showCode(const hal::ScannedCode& code) = 0;
};

class ReceiptPrinterHarness : public Harness<hal::ReceiptPrinter> {
public:
    /// Sets the paper sensor; returns once the device reports it.
    virtual void setPaper(hal::PaperState paper) = 0;
    /// Sets the whole condition (cover, cutter, ...); returns once the device reports it.
    virtual void setCondition(hal::PrinterCondition condition) = 0;
    /// The receipts the "hardware" received, as text lines (the backend's bytes decoded).
    virtual std::vector<std::string> printedText() = 0;
};

class ReviewTabletHarness : public Harness<hal::ReviewTablet> {
public:
    /// The citizen rates the prompt on the tablet (once the tablet shows it).
    virtual void citizenRates(const hal::Rating& rating) = 0;
    /// The citizen walks away: the tablet reports that its prompt timed out.
    virtual void citizenWalksAway() = 0;
    /// The tablet introduces itself (hello) as a four-key evaluator, which cannot show reasons.
    virtual void becomeFourKeyEvaluator() = 0;
    /// How often the tablet was told that a reason is required.
    virtual int reasonRequests() = 0;
    /// The tablet sends a rating for a request it was never shown.
    virtual void rateAnotherRequest(int level) = 0;
};

/// A named factory, the parameter of the contract suites.
template <class H> struct Backend {
    std::string name;
    std::function<std::unique_ptr<H>()> create;
};

/// The test name of a backend's instance (CardReaderContract/serial...): its name.
template <class H> std::string backendName(const testing::TestParamInfo<Backend<H>>& info)
{
    return info.param.name;
}

/// How GoogleTest prints the parameter ("GetParam() = serial"), instead of the struct's bytes.
template <class H> void PrintTo(const Backend<H>& backend, std::ostream* out)
{
    *out << backend.name;
}

} // namespace contract
