// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer: reads ESC/POS bytes back into what the paper shows (the inverse of
// the encoder), for the renderer, simulated printers and tests.
#pragma once

#include "base/result.h"
#include "hal/receipt_printer.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace drivers::receipt_printer {

/// Length of the complete command or text byte at the start of `bytes`: 0 when more bytes are
/// needed to know or to complete it; errc::protocol for a command outside the subset the
/// kiosk uses (so a test or simulated printer notices an encoder mistake). A byte that is not
/// a command counts as 1.
[[nodiscard]] base::Result<std::size_t> commandLength(std::span<const std::uint8_t> bytes);

/// True when `command` (as delimited by commandLength) is a DLE EOT status query.
[[nodiscard]] bool isStatusQuery(std::span<const std::uint8_t> command);

/// Text that shares one style.
struct PrintedRun {
    std::string text; ///< UTF-8
    bool bold = false;
    int width = 1; ///< character width multiple
    int height = 1;
    bool operator==(const PrintedRun&) const = default;
};

/// One thing the printer puts on paper, top to bottom.
struct PrintedBlock {
    enum class Kind { Text, Feed, Qr, Raster, Cut };
    Kind kind = Kind::Text;
    hal::ReceiptLine::Align align = hal::ReceiptLine::Align::Left;
    std::vector<PrintedRun> runs; ///< Text: one printed line
    int feedDots = 0;             ///< Feed and Cut: paper fed, in dots
    std::string qrData;           ///< Qr: the stored symbol data
    int qrModule = 3;             ///< Qr: dots per module (GS ( k fn 67)
    int qrEcc = 1;                ///< Qr: 0 L, 1 M, 2 Q, 3 H (GS ( k fn 69)
    int rasterWidthBytes = 0;     ///< Raster: bytes per row
    int rasterRows = 0;
    std::vector<std::uint8_t> raster; ///< Raster: MSB = leftmost dot, 1 = black
};

struct PrintedDocument {
    std::vector<PrintedBlock> blocks;
    int statusQueries = 0; ///< DLE EOT commands met (answered by the printer, not printed)

    /// Each Text block's runs joined: the lines a reader sees on the paper.
    [[nodiscard]] std::vector<std::string> textLines() const;
};

/// Interprets a job. Text between FS & and FS . is GB18030 (GBK is a subset); outside it,
/// bytes above 0x7F are shown as '?'. Errors (errc::protocol) name the byte offset.
[[nodiscard]] base::Result<PrintedDocument> readEscPos(std::span<const std::uint8_t> bytes);

} // namespace drivers::receipt_printer
