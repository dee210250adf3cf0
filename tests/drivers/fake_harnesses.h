// SPDX-License-Identifier: Apache-2.0
// Harnesses for the fakes in drivers/fake/.
#pragma once

#include "drivers/fake/fake_card_reader.h"
#include "drivers/fake/fake_code_scanner.h"
#include "drivers/fake/fake_receipt_printer.h"
#include "drivers/fake/fake_review_tablet.h"
#include "harness.h"

namespace contract {

template <class Base, class Fake> class FakeHarness : public Base {
public:
    decltype(std::declval<Base&>().device()) device() override { return fake_; }
    void unplug() override { fake_.unplug(); }
    void plug() override { fake_.plug(); }

protected:
    Fake fake_;
};

class FakeCardReaderHarness final
    : public FakeHarness<CardReaderHarness, drivers::fake::FakeCardReader> {
public:
    void presentCard(const hal::CardData& card) override { fake_.present(card); }
    void removeCard() override { fake_.remove(); }
};

class FakeCodeScannerHarness final
    : public FakeHarness<CodeScannerHarness, drivers::fake::FakeCodeScanner> {
public:
    void showCode(const hal::ScannedCode& code) override { fake_.show(code); }
};

class FakeReceiptPrinterHarness final
    : public FakeHarness<ReceiptPrinterHarness, drivers::fake::FakeReceiptPrinter> {
public:
    void setPaper(hal::PaperState paper) override { fake_.setPaper(paper); }
    void setCondition(hal::PrinterCondition condition) override { fake_.setCondition(condition); }
    std::vector<std::string> printedText() override
    {
        std::vector<std::string> lines;
        for (const auto& receipt : fake_.printed())
            for (const auto& line : receipt.texts())
                lines.push_back(line);
        return lines;
    }
};

class FakeReviewTabletHarness final
    : public FakeHarness<ReviewTabletHarness, drivers::fake::FakeReviewTablet> {
public:
    void citizenRates(const hal::Rating& rating) override { fake_.rate(rating); }
    void citizenWalksAway() override { fake_.walkAway(); }
    void becomeFourKeyEvaluator() override
    {
        fake_.setInfo({"FakeReviewTablet", "1.0", hal::TabletInput::Keys, 4});
    }
    int reasonRequests() override { return fake_.reasonRequests(); }
    void rateAnotherRequest(int) override {} // a fake has no other requests to answer
};

} // namespace contract
