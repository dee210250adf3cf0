// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer::PrinterProfile: what one printer model can do, as data.
#pragma once

#include "base/result.h"

#include <span>
#include <string>
#include <string_view>

namespace drivers::receipt_printer {

/// One model family's capabilities. The encoder reads nothing else about the printer, so a
/// new model is a new row in the table (printer_profile.cpp), not new code.
struct PrinterProfile {
    std::string_view name;
    int paperDots = 576;    ///< printable width at 203 dpi: 576 (80 mm), 384 (58 mm)
    bool nativeQr = true;   ///< GS ( k; otherwise the QR goes as a GS v 0 raster image
    bool cutter = true;     ///< GS V after the feed; otherwise only the feed
    bool partialCut = true; ///< many kiosk printers only do a partial cut
    std::string_view codePage = "GB18030"; ///< iconv name of the double-byte Chinese encoding
    int qrModuleDots = 6;                  ///< dots per QR module (native size n, or raster scale)
    int feedBeforeCut = 4;                 ///< lines fed so the last line clears the cutter
    int rasterBandRows = 128;              ///< tall images go in bands of this many rows (buffer)
};

/// The built-in profiles: generic-80, generic-58, generic-80-raster (no native QR),
/// generic-58-nocut (58 mm, no cutter, GBK only).
[[nodiscard]] std::span<const PrinterProfile> builtinProfiles();

/// The profile named `name`; an error listing the known names otherwise.
[[nodiscard]] base::Result<PrinterProfile> findProfile(std::string_view name);

/// Character cells in ESC/POS font A: 12 x 24 dots half width (ASCII), 24 x 24 full width.
inline constexpr int kHalfCellDots = 12;
inline constexpr int kFullCellDots = 24;
inline constexpr int kCellHeightDots = 24;
/// The default line spacing (ESC 2): 30 dots from one baseline to the next at size 1.
inline constexpr int kLineSpacingDots = 30;

} // namespace drivers::receipt_printer
