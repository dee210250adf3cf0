// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_receipt_printer.h"

namespace drivers::fake {

void FakeReceiptPrinter::setPaper(hal::PaperState paper)
{
    std::lock_guard lock(mutex_);
    paper_ = paper;
}

std::vector<hal::Receipt> FakeReceiptPrinter::printed() const
{
    std::lock_guard lock(mutex_);
    return printed_;
}

base::Result<void> FakeReceiptPrinter::printImpl(const hal::Receipt& receipt)
{
    std::lock_guard lock(mutex_);
    if (auto failure = takeFailure())
        return base::fail(*failure);
    if (paper_ == hal::PaperState::Out)
        return base::fail(hal::errc::media, "receipt printer is out of paper");
    printed_.push_back(receipt);
    return {};
}

hal::PaperState FakeReceiptPrinter::paperImpl() const
{
    std::lock_guard lock(mutex_);
    return paper_;
}

} // namespace drivers::fake
