// SPDX-License-Identifier: Apache-2.0
// The encoder writes state changes only around each block and resets them after, so every
// block starts from the printer's defaults (left, not bold, size 1).
#include "drivers/receipt_printer/escpos_encoder.h"

#include "base/utf8.h"

#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace drivers::receipt_printer {

using namespace escpos;

namespace {

constexpr std::uint8_t kQrEccM = 0x31; ///< GS ( k fn 69: 48 + level (L M Q H)
/// The most bytes a QR symbol holds in byte mode at error correction M (version 40).
constexpr std::size_t kQrMaxBytesM = 2331;

/// libqrencode's symbol with quiet zone excluded; nullptr when the text does not fit.
std::unique_ptr<QRcode, void (*)(QRcode*)> makeQr(const std::string& text)
{
    return {QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free};
}

} // namespace

int cellDots(std::string_view utf8Character)
{
    return !utf8Character.empty() && static_cast<unsigned char>(utf8Character[0]) < 0x80
               ? kHalfCellDots
               : kFullCellDots;
}

std::vector<std::string> wrapText(std::string_view utf8, int maxDots, int size)
{
    std::vector<std::string> lines(1);
    int used = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const std::size_t length = std::min(
            base::utf8::sequenceLength(static_cast<unsigned char>(utf8[i])), utf8.size() - i);
        const auto character = utf8.substr(i, length);
        i += length;
        if (character == "\n") {
            lines.emplace_back();
            used = 0;
            continue;
        }
        const int width = cellDots(character) * size;
        if (used + width > maxDots && used > 0) {
            lines.emplace_back();
            used = 0;
        }
        lines.back() += character;
        used += width;
    }
    return lines;
}

base::Result<EscPosEncoder> EscPosEncoder::create(const PrinterProfile& profile)
{
    auto codec = TextCodec::create(profile.codePage);
    if (!codec)
        return base::fail(codec.error());
    return EscPosEncoder(profile, std::move(*codec));
}

void EscPosEncoder::put(std::initializer_list<std::uint8_t> bytes)
{
    out_.insert(out_.end(), bytes);
}

void EscPosEncoder::align(hal::ReceiptLine::Align align)
{
    put({ESC, 'a', static_cast<std::uint8_t>(align)});
}

void EscPosEncoder::text(const hal::ReceiptLine& line)
{
    const int size = std::clamp(line.size, 1, 8);
    align(line.align);
    if (line.bold)
        put({ESC, 'E', 1});
    if (size > 1)
        put({GS, '!', static_cast<std::uint8_t>(((size - 1) << 4) | (size - 1))});
    for (const auto& wrapped : wrapText(line.text, profile_.paperDots, size)) {
        const auto bytes = codec_.encode(wrapped);
        out_.insert(out_.end(), bytes.begin(), bytes.end());
        put({LF});
    }
    if (size > 1)
        put({GS, '!', 0});
    if (line.bold)
        put({ESC, 'E', 0});
    if (line.align != hal::ReceiptLine::Align::Left)
        align(hal::ReceiptLine::Align::Left);
}

void EscPosEncoder::separator()
{
    out_.insert(out_.end(), static_cast<std::size_t>(profile_.paperDots / kHalfCellDots), '-');
    put({LF});
}

base::Result<void> EscPosEncoder::qr(const hal::ReceiptLine& line)
{
    if (line.text.size() > kQrMaxBytesM) // the printer would print nothing
        return base::fail(base::errc::invalid_argument, "QR text of " +
                                                            std::to_string(line.text.size()) +
                                                            " bytes does not fit in a QR code");
    put({LF}); // white above the symbol: its quiet zone, whatever was printed before
    if (!profile_.nativeQr)
        return rasterQr(line);
    const std::size_t stored = line.text.size() + 3;
    align(line.align);
    put({GS, '(', 'k', 4, 0, '1', 'A', '2', 0});
    put({GS, '(', 'k', 3, 0, '1', 'C', static_cast<std::uint8_t>(profile_.qrModuleDots)});
    put({GS, '(', 'k', 3, 0, '1', 'E', kQrEccM});
    put({GS, '(', 'k', static_cast<std::uint8_t>(stored & 0xFF),
         static_cast<std::uint8_t>(stored >> 8), '1', 'P', '0'});
    out_.insert(out_.end(), line.text.begin(), line.text.end());
    put({GS, '(', 'k', 3, 0, '1', 'Q', '0'});
    put({LF});
    align(hal::ReceiptLine::Align::Left);
    return {};
}

/// The QR as a full-width bitmap placed by the block's alignment (printers differ in whether
/// ESC a moves raster images, so the position is in the pixels), sent in bands.
base::Result<void> EscPosEncoder::rasterQr(const hal::ReceiptLine& line)
{
    const auto code = makeQr(line.text);
    if (!code)
        return base::fail(base::errc::invalid_argument, "QR text cannot be encoded");
    const int scale = profile_.qrModuleDots;
    const int side = code->width * scale;
    const int widthBytes = profile_.paperDots / 8;
    const int free = profile_.paperDots - side;
    const int left = line.align == hal::ReceiptLine::Align::Left    ? 0
                     : line.align == hal::ReceiptLine::Align::Right ? free
                                                                    : free / 2;
    for (int bandTop = 0; bandTop < side; bandTop += profile_.rasterBandRows) {
        const int rows = std::min(profile_.rasterBandRows, side - bandTop);
        put({GS, 'v', '0', 0, static_cast<std::uint8_t>(widthBytes & 0xFF),
             static_cast<std::uint8_t>(widthBytes >> 8), static_cast<std::uint8_t>(rows & 0xFF),
             static_cast<std::uint8_t>(rows >> 8)});
        for (int y = bandTop; y < bandTop + rows; ++y) {
            std::vector<std::uint8_t> row(static_cast<std::size_t>(widthBytes), 0);
            for (int x = 0; x < side; ++x) {
                const auto module = code->data[(y / scale) * code->width + (x / scale)];
                if ((module & 1) != 0 && left + x >= 0 && left + x < profile_.paperDots)
                    row[static_cast<std::size_t>((left + x) / 8)] |=
                        static_cast<std::uint8_t>(0x80 >> ((left + x) % 8));
            }
            out_.insert(out_.end(), row.begin(), row.end());
        }
    }
    put({LF});
    return {};
}

base::Result<std::vector<std::uint8_t>> EscPosEncoder::encode(const hal::Receipt& receipt)
{
    out_.clear();
    out_.reserve(4096);
    put({ESC, '@', FS, '&'});
    for (const auto& line : receipt.lines) {
        switch (line.kind) {
        case hal::ReceiptLine::Kind::Text:
            text(line);
            break;
        case hal::ReceiptLine::Kind::Separator:
            separator();
            break;
        case hal::ReceiptLine::Kind::Blank:
            put({LF});
            break;
        case hal::ReceiptLine::Kind::Qr:
            if (auto done = qr(line); !done)
                return base::fail(done.error());
            break;
        }
    }
    put({FS, '.'});
    if (profile_.cutter)
        put({GS, 'V', static_cast<std::uint8_t>(profile_.partialCut ? 'B' : 'A'),
             static_cast<std::uint8_t>(profile_.feedBeforeCut * kLineSpacingDots)});
    else
        put({ESC, 'd', static_cast<std::uint8_t>(profile_.feedBeforeCut)});
    return std::move(out_);
}

} // namespace drivers::receipt_printer
