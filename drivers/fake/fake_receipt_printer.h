// SPDX-License-Identifier: Apache-2.0
// FakeReceiptPrinter: records the receipt documents it is given; its condition is scriptable.
#pragma once

#include "drivers/fake/fake_device.h"
#include "hal/receipt_printer.h"

#include <vector>

namespace drivers::fake {

class FakeReceiptPrinter final : public FakeDevice<hal::ReceiptPrinter> {
public:
    FakeReceiptPrinter() : FakeDevice("FakeReceiptPrinter") {}

    /// Scripts the paper sensor (Out also makes the condition PaperOut, Low PaperLow).
    void setPaper(hal::PaperState paper);
    /// Scripts the whole condition, as a real printer's status bytes would report it.
    void setCondition(hal::PrinterCondition condition);
    /// Every receipt printed so far, in order, as the documents they were.
    [[nodiscard]] std::vector<hal::Receipt> printed() const;

protected:
    base::Result<void> printImpl(const hal::Receipt& receipt) override;
    hal::PaperState paperImpl() const override;
    hal::PrinterCondition conditionImpl() const override;

private:
    hal::PrinterCondition condition_ = hal::PrinterCondition::Ready;
    std::vector<hal::Receipt> printed_;
};

} // namespace drivers::fake
