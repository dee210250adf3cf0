// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer::EscPosRenderer: ESC/POS bytes to the picture the paper would show.
#pragma once

#include "base/result.h"
#include "drivers/receipt_printer/escpos_reader.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace drivers::receipt_printer {

/// An 8-bit grey picture, 0 = black, 255 = white, rows top to bottom.
struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;

    [[nodiscard]] std::uint8_t at(int x, int y) const
    {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
};

struct RenderOptions {
    int paperDots = 576;  ///< the printable width the job was made for
    int marginDots = 16;  ///< white paper either side of the printable width
    std::string fontFile; ///< empty: the Debian CJK font this build was configured with
};

/// Replays a job like a thermal printer in font A: 12x24 / 24x24 cells, bold as a one-dot
/// double strike, sizes by whole multiples, QR symbols drawn with libqrencode at the job's
/// module size and error correction, raster images dot for dot. Glyphs come from FreeType in
/// monochrome (no anti-aliasing), so a picture depends only on the bytes and the font file.
/// Not thread-safe (it owns the FreeType face and a glyph cache).
class EscPosRenderer {
public:
    [[nodiscard]] static base::Result<EscPosRenderer> create(RenderOptions options = {});
    EscPosRenderer(EscPosRenderer&&) noexcept;
    EscPosRenderer& operator=(EscPosRenderer&&) noexcept;
    ~EscPosRenderer();

    [[nodiscard]] base::Result<GrayImage> render(std::span<const std::uint8_t> job);
    [[nodiscard]] base::Result<GrayImage> render(const PrintedDocument& document);

private:
    struct State;
    explicit EscPosRenderer(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

/// The font file the renderer uses by default (fonts-wqy-microhei).
[[nodiscard]] std::string defaultReceiptFont();

/// PNG through libpng (8-bit grey).
[[nodiscard]] base::Result<std::vector<std::uint8_t>> encodePng(const GrayImage& image);
[[nodiscard]] base::Result<void> writePng(const GrayImage& image,
                                          const std::filesystem::path& file);
[[nodiscard]] base::Result<GrayImage> readPng(const std::filesystem::path& file);

/// Two pictures side by side on white, tops aligned, `gap` dots apart (80 mm beside 58 mm).
[[nodiscard]] GrayImage sideBySide(const GrayImage& left, const GrayImage& right, int gap = 24);

} // namespace drivers::receipt_printer
