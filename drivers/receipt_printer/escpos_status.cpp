// SPDX-License-Identifier: Apache-2.0
// Bit meanings from the Epson DLE EOT reference (reference/platform.md §3).
#include "drivers/receipt_printer/escpos_status.h"

namespace drivers::receipt_printer {

namespace {

constexpr std::uint8_t kFixedMask = 0x93; ///< bits 0, 1, 4, 7
constexpr std::uint8_t kFixedBits = 0x12; ///< bit 1 and bit 4 set, 0 and 7 clear

bool bit(std::uint8_t value, int n)
{
    return (value & (1u << n)) != 0;
}

void note(std::string& detail, bool set, std::string_view words)
{
    if (!set)
        return;
    if (!detail.empty())
        detail += ", ";
    detail += words;
}

} // namespace

std::array<std::uint8_t, 3> statusQuery(std::uint8_t n)
{
    return {0x10, 0x04, n};
}

base::Result<PrinterStatus> decodeStatus(std::span<const std::uint8_t> answers)
{
    if (answers.size() != kStatusQueries.size())
        return base::fail(hal::errc::protocol,
                          "expected 4 status bytes, got " + std::to_string(answers.size()));
    for (std::size_t i = 0; i < answers.size(); ++i)
        if ((answers[i] & kFixedMask) != kFixedBits)
            return base::fail(hal::errc::protocol,
                              "status answer " + std::to_string(i + 1) + " is not a status byte");
    const std::uint8_t printer = answers[0], offline = answers[1], error = answers[2],
                       paper = answers[3];
    PrinterStatus status;
    const bool coverOpen = bit(offline, 2);
    const bool paperOut = bit(offline, 5) || (paper & 0x60) != 0;
    const bool paperLow = (paper & 0x0C) != 0;
    const bool cutter = bit(error, 3);
    const bool unrecoverable = bit(error, 5);
    const bool isOffline = bit(printer, 3);
    note(status.detail, coverOpen, "cover open");
    note(status.detail, paperOut, "paper out");
    note(status.detail, paperLow && !paperOut, "paper low");
    note(status.detail, cutter, "auto-cutter error");
    note(status.detail, unrecoverable, "unrecoverable error");
    note(status.detail, bit(error, 6), "auto-recoverable error (e.g. head hot)");
    note(status.detail, isOffline, "offline");
    using C = hal::PrinterCondition;
    status.condition = coverOpen                    ? C::CoverOpen
                       : paperOut                   ? C::PaperOut
                       : cutter                     ? C::CutterJam
                       : unrecoverable || isOffline ? C::Offline
                       : paperLow                   ? C::PaperLow
                                                    : C::Ready;
    status.paper = paperOut   ? hal::PaperState::Out
                   : paperLow ? hal::PaperState::Low
                              : hal::PaperState::Ok;
    if (status.detail.empty())
        status.detail = "ready";
    return status;
}

std::array<std::uint8_t, 4> statusBytesFor(hal::PrinterCondition condition)
{
    std::array<std::uint8_t, 4> bytes{kFixedBits, kFixedBits, kFixedBits, kFixedBits};
    switch (condition) {
    case hal::PrinterCondition::Ready:
        break;
    case hal::PrinterCondition::PaperLow:
        bytes[3] |= 0x0C;
        break;
    case hal::PrinterCondition::PaperOut:
        bytes[0] |= 0x08;
        bytes[1] |= 0x20 | 0x40;
        bytes[3] |= 0x0C | 0x60;
        break;
    case hal::PrinterCondition::CoverOpen:
        bytes[0] |= 0x08;
        bytes[1] |= 0x04 | 0x40;
        break;
    case hal::PrinterCondition::CutterJam:
        bytes[0] |= 0x08;
        bytes[1] |= 0x40;
        bytes[2] |= 0x08;
        break;
    case hal::PrinterCondition::Offline:
        bytes[0] |= 0x08;
        break;
    }
    return bytes;
}

} // namespace drivers::receipt_printer
