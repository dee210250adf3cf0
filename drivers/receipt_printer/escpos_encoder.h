// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer::EscPosEncoder: a receipt document to ESC/POS bytes for one profile.
#pragma once

#include "drivers/receipt_printer/printer_profile.h"
#include "drivers/receipt_printer/text_codec.h"
#include "hal/receipt_printer.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drivers::receipt_printer {

/// The command subset of specs/receipt-printer.md: initialise, Chinese mode, alignment, bold,
/// character size, feed, native QR (GS ( k) or a raster QR (GS v 0, made with libqrencode),
/// and the cut. Text is wrapped here, by character cells, so every printer and the renderer
/// break lines at the same places. Not thread-safe (it owns iconv state).
class EscPosEncoder {
public:
    [[nodiscard]] static base::Result<EscPosEncoder> create(const PrinterProfile& profile);

    /// The whole job: ESC @ ... cut. Errors only for a QR code too long to encode.
    [[nodiscard]] base::Result<std::vector<std::uint8_t>> encode(const hal::Receipt& receipt);

    [[nodiscard]] const PrinterProfile& profile() const { return profile_; }

private:
    EscPosEncoder(const PrinterProfile& profile, TextCodec codec)
        : profile_(profile), codec_(std::move(codec))
    {
    }
    void text(const hal::ReceiptLine& line);
    void separator();
    base::Result<void> qr(const hal::ReceiptLine& line);
    base::Result<void> rasterQr(const hal::ReceiptLine& line);
    void align(hal::ReceiptLine::Align align);
    void put(std::initializer_list<std::uint8_t> bytes);

    PrinterProfile profile_;
    TextCodec codec_;
    std::vector<std::uint8_t> out_;
};

/// Splits UTF-8 text into lines no wider than `maxDots` at character size `size`
/// (half-width cells for ASCII, full-width for everything else). Explicit '\n' breaks too.
[[nodiscard]] std::vector<std::string> wrapText(std::string_view utf8, int maxDots, int size);

/// The width of one character in dots at size 1: 12 for ASCII, 24 otherwise.
[[nodiscard]] int cellDots(std::string_view utf8Character);

/// ESC/POS command bytes, named as in the spec's table.
namespace escpos {
inline constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, FS = 0x1C, DLE = 0x10, EOT = 0x04, LF = 0x0A;
} // namespace escpos

} // namespace drivers::receipt_printer
