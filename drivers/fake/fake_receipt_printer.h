// SPDX-License-Identifier: Apache-2.0
// FakeReceiptPrinter: records the receipts it is given; paper state is scriptable.
#pragma once

#include "drivers/fake/fake_device.h"
#include "hal/receipt_printer.h"

#include <vector>

namespace drivers::fake {

class FakeReceiptPrinter final : public FakeDevice<hal::ReceiptPrinter> {
public:
    FakeReceiptPrinter() : FakeDevice("FakeReceiptPrinter") {}

    void setPaper(hal::PaperState paper);
    /// Every receipt printed so far, in order.
    [[nodiscard]] std::vector<hal::Receipt> printed() const;

protected:
    base::Result<void> printImpl(const hal::Receipt& receipt) override;
    hal::PaperState paperImpl() const override;

private:
    hal::PaperState paper_ = hal::PaperState::Ok;
    std::vector<hal::Receipt> printed_;
};

} // namespace drivers::fake
