// SPDX-License-Identifier: Apache-2.0
// A small ESC/POS interpreter: a tokenizer (commandLength) and a state machine over its
// commands that collects printed lines, QR symbols, raster images, feeds and cuts.
#include "drivers/receipt_printer/escpos_reader.h"

#include "drivers/receipt_printer/text_codec.h"

#include <algorithm>

namespace drivers::receipt_printer {

namespace {

constexpr std::uint8_t ESC = 0x1B, GS = 0x1D, FS = 0x1C, DLE = 0x10, LF = 0x0A;

/// ESC/GS/FS commands with one parameter byte (3 bytes in all).
bool hasOneParameter(std::uint8_t prefix, std::uint8_t command)
{
    switch (prefix) {
    case ESC:
        return std::string_view("aEdt-3MJ!GV{ ").find(char(command)) != std::string_view::npos;
    case GS:
        return command == '!' || command == 'a' || command == 'B' || command == 'L' ||
               command == 'H' || command == 'f' || command == 'h' || command == 'w';
    case FS:
        return command == '!' || command == '-' || command == 'W';
    }
    return false;
}

std::string hex(std::uint8_t value)
{
    constexpr char digits[] = "0123456789ABCDEF";
    return {digits[value >> 4], digits[value & 0xF]};
}

base::Result<std::size_t> unknown(std::span<const std::uint8_t> bytes)
{
    return base::fail(hal::errc::protocol,
                      "unsupported command " + hex(bytes[0]) + " " + hex(bytes[1]));
}

base::Result<std::size_t> gsLength(std::span<const std::uint8_t> bytes)
{
    const std::uint8_t command = bytes[1];
    if (command == 'V') { // GS V m [n]
        if (bytes.size() < 3)
            return 0;
        const std::uint8_t m = bytes[2];
        if (m == 0 || m == 1 || m == '0' || m == '1')
            return 3;
        if (m == 'A' || m == 'B')
            return 4;
        return unknown(bytes);
    }
    if (command == '(') { // GS ( k pL pH ...
        if (bytes.size() < 5)
            return 0;
        if (bytes[2] != 'k')
            return unknown(bytes.subspan(1));
        return 5 + std::size_t(bytes[3]) + 256 * std::size_t(bytes[4]);
    }
    if (command == 'v') { // GS v 0 m xL xH yL yH data
        if (bytes.size() < 8)
            return 0;
        if (bytes[2] != '0')
            return unknown(bytes.subspan(1));
        return 8 + (std::size_t(bytes[4]) + 256 * std::size_t(bytes[5])) *
                       (std::size_t(bytes[6]) + 256 * std::size_t(bytes[7]));
    }
    if (hasOneParameter(GS, command))
        return 3;
    return unknown(bytes);
}

} // namespace

base::Result<std::size_t> commandLength(std::span<const std::uint8_t> bytes)
{
    if (bytes.empty())
        return 0;
    const std::uint8_t first = bytes[0];
    if (first != ESC && first != GS && first != FS && first != DLE)
        return 1;
    if (bytes.size() < 2)
        return 0;
    const std::uint8_t command = bytes[1];
    switch (first) {
    case DLE:
        if (command == 0x04)
            return bytes.size() < 3 ? 0 : 3;
        return unknown(bytes);
    case ESC:
        if (command == '@' || command == '2')
            return 2;
        if (command == 'p')
            return bytes.size() < 5 ? 0 : 5;
        break;
    case FS:
        if (command == '&' || command == '.')
            return 2;
        break;
    case GS:
        return gsLength(bytes);
    }
    if (!hasOneParameter(first, command))
        return unknown(bytes);
    return bytes.size() < 3 ? 0 : 3;
}

bool isStatusQuery(std::span<const std::uint8_t> command)
{
    return command.size() == 3 && command[0] == DLE && command[1] == 0x04;
}

std::vector<std::string> PrintedDocument::textLines() const
{
    std::vector<std::string> lines;
    for (const auto& block : blocks)
        if (block.kind == PrintedBlock::Kind::Text) {
            std::string line;
            for (const auto& run : block.runs)
                line += run.text;
            lines.push_back(std::move(line));
        }
    return lines;
}

namespace {

/// The interpreter's state between commands.
class Reader {
public:
    explicit Reader(TextCodec codec) : codec_(std::move(codec)) {}

    base::Result<PrintedDocument> read(std::span<const std::uint8_t> bytes)
    {
        for (std::size_t at = 0; at < bytes.size();) {
            auto length = commandLength(bytes.subspan(at));
            if (!length)
                return base::fail(length.error().withContext("at byte " + std::to_string(at)));
            if (*length == 0 || at + *length > bytes.size())
                return base::fail(hal::errc::protocol,
                                  "command cut short at byte " + std::to_string(at));
            if (auto done = apply(bytes.subspan(at, *length)); !done)
                return base::fail(done.error().withContext("at byte " + std::to_string(at)));
            at += *length;
        }
        flushLine(false);
        return std::move(document_);
    }

private:
    base::Result<void> apply(std::span<const std::uint8_t> c)
    {
        if (c.size() == 1)
            return character(c[0]);
        const std::uint8_t p = c.size() > 2 ? c[2] : 0;
        switch ((c[0] << 8) | c[1]) {
        case (ESC << 8) | '@':
            flushText();
            style_ = {};
            align_ = hal::ReceiptLine::Align::Left;
            chinese_ = false;
            qrModule_ = 3;
            qrEcc_ = 1;
            break;
        case (ESC << 8) | 'a':
            align_ = p <= 2                 ? static_cast<hal::ReceiptLine::Align>(p)
                     : p >= '0' && p <= '2' ? static_cast<hal::ReceiptLine::Align>(p - '0')
                                            : hal::ReceiptLine::Align::Left;
            break;
        case (ESC << 8) | 'E':
            setStyle(p & 1, style_.width, style_.height);
            break;
        case (GS << 8) | '!':
            setStyle(style_.bold, ((p >> 4) & 7) + 1, (p & 7) + 1);
            break;
        case (ESC << 8) | 'd':
            flushLine(false);
            feed(p * 30);
            break;
        case (FS << 8) | '&':
            chinese_ = true;
            break;
        case (FS << 8) | '.':
            chinese_ = false;
            break;
        case (DLE << 8) | 0x04:
            ++document_.statusQueries;
            break;
        case (GS << 8) | 'V':
            flushLine(false);
            cut(c.size() == 4 ? c[3] : 0);
            break;
        case (GS << 8) | '(':
            return qr(c);
        case (GS << 8) | 'v':
            raster(c);
            break;
        default:
            break; // a known command with no effect on the picture (code page, ...)
        }
        return {};
    }

    base::Result<void> character(std::uint8_t byte)
    {
        if (byte == LF) {
            flushLine(true);
            return {};
        }
        if (byte < 0x20)
            return {}; // CR, HT and other controls print nothing here
        pending_.push_back(static_cast<char>(byte));
        return {};
    }

    void setStyle(bool bold, int width, int height)
    {
        if (bold == style_.bold && width == style_.width && height == style_.height)
            return;
        flushText();
        style_.bold = bold;
        style_.width = width;
        style_.height = height;
    }

    /// Decodes the bytes gathered under the current style into a run of the current line.
    void flushText()
    {
        if (pending_.empty())
            return;
        PrintedRun run = style_;
        run.text = chinese_ ? codec_.decode(pending_) : asciiOnly(pending_);
        pending_.clear();
        if (line_.runs.empty())
            line_.align = align_;
        line_.runs.push_back(std::move(run));
    }

    static std::string asciiOnly(std::string text)
    {
        for (char& c : text)
            if (static_cast<unsigned char>(c) >= 0x80)
                c = '?';
        return text;
    }

    /// Ends the line; an empty line fed by LF is a blank line of the current height.
    void flushLine(bool lineFeed)
    {
        flushText();
        if (!line_.runs.empty()) {
            document_.blocks.push_back(std::move(line_));
        } else if (lineFeed) {
            feed(30 * style_.height);
        }
        line_ = {};
    }

    void feed(int dots)
    {
        PrintedBlock block;
        block.kind = PrintedBlock::Kind::Feed;
        block.feedDots = dots;
        document_.blocks.push_back(std::move(block));
    }

    void cut(int dots)
    {
        PrintedBlock block;
        block.kind = PrintedBlock::Kind::Cut;
        block.feedDots = dots;
        document_.blocks.push_back(std::move(block));
    }

    base::Result<void> qr(std::span<const std::uint8_t> c)
    {
        if (c.size() < 7 || c[5] != '1')
            return {}; // another 2D symbology: not printed by this reader
        const std::uint8_t fn = c[6];
        if (fn == 'C' && c.size() >= 8)
            qrModule_ = std::clamp<int>(c[7], 1, 16);
        else if (fn == 'E' && c.size() >= 8)
            qrEcc_ = std::clamp<int>(c[7] - '0', 0, 3);
        else if (fn == 'P' && c.size() >= 8)
            qrData_.assign(c.begin() + 8, c.end());
        else if (fn == 'Q') {
            flushLine(false);
            PrintedBlock block;
            block.kind = PrintedBlock::Kind::Qr;
            block.align = align_;
            block.qrData = qrData_;
            block.qrModule = qrModule_;
            block.qrEcc = qrEcc_;
            document_.blocks.push_back(std::move(block));
        }
        return {};
    }

    void raster(std::span<const std::uint8_t> c)
    {
        flushLine(false);
        PrintedBlock block;
        block.kind = PrintedBlock::Kind::Raster;
        block.align = align_;
        block.rasterWidthBytes = c[4] + 256 * c[5];
        block.rasterRows = c[6] + 256 * c[7];
        block.raster.assign(c.begin() + 8, c.end());
        document_.blocks.push_back(std::move(block));
    }

    TextCodec codec_;
    PrintedDocument document_;
    PrintedRun style_;
    hal::ReceiptLine::Align align_ = hal::ReceiptLine::Align::Left;
    bool chinese_ = false;
    std::string pending_;
    PrintedBlock line_;
    std::string qrData_;
    int qrModule_ = 3;
    int qrEcc_ = 1;
};

} // namespace

base::Result<PrintedDocument> readEscPos(std::span<const std::uint8_t> bytes)
{
    auto codec = TextCodec::create("GB18030");
    if (!codec)
        return base::fail(codec.error());
    return Reader(std::move(*codec)).read(bytes);
}

} // namespace drivers::receipt_printer
