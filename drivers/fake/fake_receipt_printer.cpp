// SPDX-License-Identifier: Apache-2.0
#include "drivers/fake/fake_receipt_printer.h"

namespace drivers::fake {

void FakeReceiptPrinter::setPaper(hal::PaperState paper)
{
    std::lock_guard lock(mutex_);
    switch (paper) {
    case hal::PaperState::Out:
        condition_ = hal::PrinterCondition::PaperOut;
        break;
    case hal::PaperState::Low:
        condition_ = hal::PrinterCondition::PaperLow;
        break;
    case hal::PaperState::Ok:
    case hal::PaperState::Unknown:
        condition_ = hal::PrinterCondition::Ready;
        break;
    }
}

void FakeReceiptPrinter::setCondition(hal::PrinterCondition condition)
{
    std::lock_guard lock(mutex_);
    condition_ = condition;
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
    switch (condition_) {
    case hal::PrinterCondition::PaperOut:
        return base::fail(hal::errc::media, "receipt printer is out of paper");
    case hal::PrinterCondition::CoverOpen:
        return base::fail(hal::errc::media, "receipt printer cover is open");
    case hal::PrinterCondition::CutterJam:
        return base::fail(hal::errc::device_fault, "receipt printer cutter is jammed");
    case hal::PrinterCondition::Offline:
        return base::fail(hal::errc::device_fault, "receipt printer is offline");
    case hal::PrinterCondition::Ready:
    case hal::PrinterCondition::PaperLow:
        break;
    }
    printed_.push_back(receipt);
    return {};
}

hal::PaperState FakeReceiptPrinter::paperImpl() const
{
    std::lock_guard lock(mutex_);
    if (condition_ == hal::PrinterCondition::PaperOut)
        return hal::PaperState::Out;
    if (condition_ == hal::PrinterCondition::PaperLow)
        return hal::PaperState::Low;
    return hal::PaperState::Ok;
}

hal::PrinterCondition FakeReceiptPrinter::conditionImpl() const
{
    std::lock_guard lock(mutex_);
    return condition_;
}

} // namespace drivers::fake
