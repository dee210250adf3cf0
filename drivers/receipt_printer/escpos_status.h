// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer: DLE EOT real-time status, the queries and the answers' meaning.
#pragma once

#include "base/result.h"
#include "hal/receipt_printer.h"

#include <array>
#include <cstdint>
#include <span>
#include <string>

namespace drivers::receipt_printer {

/// The four DLE EOT queries in the order the driver sends them: n = 1 printer, 2 offline
/// cause, 3 error cause, 4 roll paper sensor. Each is answered with one byte.
inline constexpr std::array<std::uint8_t, 4> kStatusQueries{1, 2, 3, 4};
/// The bytes of one query: 10 04 n.
[[nodiscard]] std::array<std::uint8_t, 3> statusQuery(std::uint8_t n);

/// What the four answers say, decoded.
struct PrinterStatus {
    hal::PrinterCondition condition = hal::PrinterCondition::Ready;
    hal::PaperState paper = hal::PaperState::Ok;
    std::string detail; ///< for technicians: every bit that is set, in words
};

/// Decodes the four answer bytes (n = 1..4, in order). Each must look like a status byte
/// (bits 1 and 4 set, bits 0 and 7 clear); otherwise errc::protocol. The condition is the
/// most urgent one set: cover open, paper out, cutter jam, offline (or an unrecoverable
/// error), paper low, ready.
[[nodiscard]] base::Result<PrinterStatus> decodeStatus(std::span<const std::uint8_t> answers);

/// The status bytes a printer in `condition` answers (the inverse of decodeStatus, for
/// simulated printers in tests and for the fuzz target's seeds).
[[nodiscard]] std::array<std::uint8_t, 4> statusBytesFor(hal::PrinterCondition condition);

} // namespace drivers::receipt_printer
