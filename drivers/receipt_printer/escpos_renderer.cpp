// SPDX-License-Identifier: Apache-2.0
// The renderer draws what escpos_reader understood onto a canvas that grows downwards.
#include "drivers/receipt_printer/escpos_renderer.h"

#include "base/utf8.h"

#include "drivers/receipt_printer/printer_profile.h"
#include "drivers/receipt_printer/text_codec.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <png.h>
#include <qrencode.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#ifndef KIOSK_RECEIPT_FONT
#define KIOSK_RECEIPT_FONT "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#endif

namespace drivers::receipt_printer {

namespace {

constexpr int kPixelSize = 24; ///< font A cell height
constexpr int kBaseline = 20;  ///< from the top of a cell
constexpr int kTopMargin = 16;

/// One glyph in monochrome: 1 = ink.
struct Glyph {
    int left = 0;
    int top = 0;
    int width = 0;
    int rows = 0;
    std::vector<std::uint8_t> ink;
};

char32_t decodeUtf8(std::string_view text, std::size_t& i)
{
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = std::min(base::utf8::sequenceLength(lead), text.size() - i);
    char32_t cp = length == 1 ? lead : lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += length;
    return cp;
}

/// A white canvas whose height grows as blocks are drawn.
struct Canvas {
    GrayImage image;

    void ensure(int height)
    {
        if (height <= image.height)
            return;
        image.pixels.resize(
            static_cast<std::size_t>(height) * static_cast<std::size_t>(image.width), 255);
        image.height = height;
    }
    void ink(int x, int y)
    {
        if (x < 0 || x >= image.width || y < 0)
            return;
        ensure(y + 1);
        image.pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) +
                     static_cast<std::size_t>(x)] = 0;
    }
};

/// A character to place: its code point, cell width and style.
struct Cell {
    char32_t cp;
    int cellWidth; ///< dots at size 1
    const PrintedRun* run;
};

} // namespace

struct EscPosRenderer::State {
    RenderOptions options;
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    std::unordered_map<char32_t, Glyph> glyphs;

    ~State()
    {
        if (face != nullptr)
            FT_Done_Face(face);
        if (library != nullptr)
            FT_Done_FreeType(library);
    }

    const Glyph& glyph(char32_t cp)
    {
        if (auto found = glyphs.find(cp); found != glyphs.end())
            return found->second;
        Glyph glyph;
        if (FT_Load_Char(face, cp, FT_LOAD_RENDER | FT_LOAD_TARGET_MONO | FT_LOAD_MONOCHROME) ==
                0 &&
            face->glyph->bitmap.pixel_mode == FT_PIXEL_MODE_MONO) {
            const auto& bitmap = face->glyph->bitmap;
            glyph.left = face->glyph->bitmap_left;
            glyph.top = face->glyph->bitmap_top;
            glyph.width = static_cast<int>(bitmap.width);
            glyph.rows = static_cast<int>(bitmap.rows);
            glyph.ink.resize(static_cast<std::size_t>(glyph.width * glyph.rows));
            for (int y = 0; y < glyph.rows; ++y)
                for (int x = 0; x < glyph.width; ++x)
                    glyph.ink[static_cast<std::size_t>(y * glyph.width + x)] =
                        (bitmap.buffer[y * bitmap.pitch + x / 8] >> (7 - x % 8)) & 1;
        }
        return glyphs.emplace(cp, std::move(glyph)).first->second;
    }

    int leftFor(hal::ReceiptLine::Align align, int width) const
    {
        const int free = std::max(0, options.paperDots - width);
        const int offset = align == hal::ReceiptLine::Align::Center  ? free / 2
                           : align == hal::ReceiptLine::Align::Right ? free
                                                                     : 0;
        return options.marginDots + offset;
    }

    void drawCell(Canvas& canvas, const Cell& cell, int x, int top, int lineHeight)
    {
        const auto& g = glyph(cell.cp);
        const int w = cell.run->width, h = cell.run->height;
        // Cells of a line share its bottom; a glyph is centred in its cell like a printer font.
        const int originX = x + (cell.cellWidth - g.width) / 2 * w;
        const int originY = top + (lineHeight - kPixelSize * h) + (kBaseline - g.top) * h;
        for (int gy = 0; gy < g.rows; ++gy)
            for (int gx = 0; gx < g.width; ++gx) {
                if (g.ink[static_cast<std::size_t>(gy * g.width + gx)] == 0)
                    continue;
                for (int dy = 0; dy < h; ++dy)
                    for (int dx = 0; dx < w + (cell.run->bold ? 1 : 0); ++dx)
                        canvas.ink(originX + gx * w + dx, originY + gy * h + dy);
            }
    }

    /// One printed line: wrapped at the paper's edge as a printer would, then aligned.
    int drawText(Canvas& canvas, const PrintedBlock& block, int y)
    {
        std::vector<std::vector<Cell>> lines(1);
        int used = 0;
        for (const auto& run : block.runs)
            for (std::size_t i = 0; i < run.text.size();) {
                const char32_t cp = decodeUtf8(run.text, i);
                const int width = cp < 0x80 ? kHalfCellDots : kFullCellDots;
                if (used + width * run.width > options.paperDots && used > 0) {
                    lines.emplace_back();
                    used = 0;
                }
                lines.back().push_back({cp, width, &run});
                used += width * run.width;
            }
        for (const auto& line : lines) {
            int width = 0, height = 1;
            for (const auto& cell : line) {
                width += cell.cellWidth * cell.run->width;
                height = std::max(height, cell.run->height);
            }
            int x = leftFor(block.align, width);
            const int lineHeight = kPixelSize * height;
            for (const auto& cell : line) {
                drawCell(canvas, cell, x, y, lineHeight);
                x += cell.cellWidth * cell.run->width;
            }
            y += lineHeight + (kLineSpacingDots - kPixelSize);
            canvas.ensure(y);
        }
        return y;
    }

    int drawQr(Canvas& canvas, const PrintedBlock& block, int y)
    {
        static constexpr QRecLevel levels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q,
                                               QR_ECLEVEL_H};
        QRcode* code = QRcode_encodeData(
            static_cast<int>(block.qrData.size()),
            reinterpret_cast<const unsigned char*>(block.qrData.data()), 0, levels[block.qrEcc]);
        if (code == nullptr)
            return y; // a printer prints nothing for data it cannot encode
        const int module = block.qrModule;
        const int side = code->width * module;
        const int left = leftFor(block.align, side);
        for (int my = 0; my < code->width; ++my)
            for (int mx = 0; mx < code->width; ++mx)
                if ((code->data[my * code->width + mx] & 1) != 0)
                    for (int dy = 0; dy < module; ++dy)
                        for (int dx = 0; dx < module; ++dx)
                            canvas.ink(left + mx * module + dx, y + my * module + dy);
        QRcode_free(code);
        canvas.ensure(y + side);
        return y + side;
    }

    int drawRaster(Canvas& canvas, const PrintedBlock& block, int y)
    {
        const int width = block.rasterWidthBytes * 8;
        const int left = leftFor(block.align, width);
        for (int row = 0; row < block.rasterRows; ++row)
            for (int x = 0; x < width; ++x) {
                const std::size_t at =
                    static_cast<std::size_t>(row * block.rasterWidthBytes + x / 8);
                if (at < block.raster.size() && ((block.raster[at] >> (7 - x % 8)) & 1) != 0)
                    canvas.ink(left + x, y + row);
            }
        canvas.ensure(y + block.rasterRows);
        return y + block.rasterRows;
    }

    /// The cut: the fed paper, then a dashed line where the knife goes.
    int drawCut(Canvas& canvas, const PrintedBlock& block, int y)
    {
        y += block.feedDots;
        for (int x = 0; x < canvas.image.width; x += 8)
            for (int dx = 0; dx < 4; ++dx)
                canvas.ink(x + dx, y);
        return y + 1;
    }
};

EscPosRenderer::EscPosRenderer(std::unique_ptr<State> state) : state_(std::move(state)) {}
EscPosRenderer::EscPosRenderer(EscPosRenderer&&) noexcept = default;
EscPosRenderer& EscPosRenderer::operator=(EscPosRenderer&&) noexcept = default;
EscPosRenderer::~EscPosRenderer() = default;

std::string defaultReceiptFont()
{
    return KIOSK_RECEIPT_FONT;
}

base::Result<EscPosRenderer> EscPosRenderer::create(RenderOptions options)
{
    auto state = std::make_unique<State>();
    if (options.fontFile.empty())
        options.fontFile = defaultReceiptFont();
    if (options.paperDots < 8 || options.paperDots > 4096 || options.marginDots < 0)
        return base::fail(base::errc::invalid_argument, "paper width out of range");
    state->options = options;
    if (FT_Init_FreeType(&state->library) != 0)
        return base::fail(base::errc::internal, "FreeType failed to start");
    if (FT_New_Face(state->library, options.fontFile.c_str(), 0, &state->face) != 0)
        return base::fail(base::errc::not_found, "cannot load font " + options.fontFile);
    if (FT_Set_Pixel_Sizes(state->face, 0, kPixelSize) != 0)
        return base::fail(base::errc::unsupported, "font cannot be sized: " + options.fontFile);
    return EscPosRenderer(std::move(state));
}

base::Result<GrayImage> EscPosRenderer::render(std::span<const std::uint8_t> job)
{
    auto document = readEscPos(job);
    if (!document)
        return base::fail(document.error());
    return render(*document);
}

base::Result<GrayImage> EscPosRenderer::render(const PrintedDocument& document)
{
    State& s = *state_;
    Canvas canvas;
    canvas.image.width = s.options.paperDots + 2 * s.options.marginDots;
    int y = kTopMargin;
    canvas.ensure(y);
    constexpr int kMaxHeight = 1 << 16; // a job taller than ~8 m of paper is refused
    for (const auto& block : document.blocks) {
        switch (block.kind) {
        case PrintedBlock::Kind::Text:
            y = s.drawText(canvas, block, y);
            break;
        case PrintedBlock::Kind::Feed:
            y += block.feedDots;
            break;
        case PrintedBlock::Kind::Qr:
            y = s.drawQr(canvas, block, y);
            break;
        case PrintedBlock::Kind::Raster:
            y = s.drawRaster(canvas, block, y);
            break;
        case PrintedBlock::Kind::Cut:
            y = s.drawCut(canvas, block, y);
            break;
        }
        if (y > kMaxHeight)
            return base::fail(base::errc::invalid_argument,
                              "job is taller than the renderer's limit");
    }
    canvas.ensure(y + kTopMargin);
    return std::move(canvas.image);
}

base::Result<std::vector<std::uint8_t>> encodePng(const GrayImage& image)
{
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_GRAY;
    png.flags = PNG_IMAGE_FLAG_FAST; // mostly white paper: fast filters compress it as well
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), 0, nullptr))
        return base::fail(base::errc::internal, std::string("PNG: ") + png.message);
    std::vector<std::uint8_t> bytes(size);
    if (!png_image_write_to_memory(&png, bytes.data(), &size, 0, image.pixels.data(), 0, nullptr))
        return base::fail(base::errc::internal, std::string("PNG: ") + png.message);
    bytes.resize(size);
    return bytes;
}

base::Result<void> writePng(const GrayImage& image, const std::filesystem::path& file)
{
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_GRAY;
    png.flags = PNG_IMAGE_FLAG_FAST;
    if (!png_image_write_to_file(&png, file.c_str(), 0, image.pixels.data(), 0, nullptr))
        return base::fail(base::errc::io, "cannot write " + file.string() + ": " + png.message);
    return {};
}

base::Result<GrayImage> readPng(const std::filesystem::path& file)
{
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&png, file.c_str()))
        return base::fail(base::errc::io, "cannot read " + file.string() + ": " + png.message);
    png.format = PNG_FORMAT_GRAY;
    GrayImage image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.pixels.resize(PNG_IMAGE_SIZE(png));
    if (!png_image_finish_read(&png, nullptr, image.pixels.data(), 0, nullptr))
        return base::fail(base::errc::parse, "cannot decode " + file.string() + ": " + png.message);
    return image;
}

GrayImage sideBySide(const GrayImage& left, const GrayImage& right, int gap)
{
    GrayImage out;
    out.width = left.width + gap + right.width;
    out.height = std::max(left.height, right.height);
    out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height),
                      255);
    auto blit = [&](const GrayImage& image, int x0) {
        for (int y = 0; y < image.height; ++y)
            std::memcpy(&out.pixels[static_cast<std::size_t>(y * out.width + x0)],
                        &image.pixels[static_cast<std::size_t>(y * image.width)],
                        static_cast<std::size_t>(image.width));
    };
    blit(left, 0);
    blit(right, left.width + gap);
    return out;
}

} // namespace drivers::receipt_printer
