// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/card_text.h"

#include "base/secure_buffer.h"
#include "drivers/card_reader/nation.h"

#include <algorithm>
#include <array>

namespace drivers::card_reader {

namespace {

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

bool isHighSurrogate(char32_t c)
{
    return c >= 0xD800 && c <= 0xDBFF;
}
bool isLowSurrogate(char32_t c)
{
    return c >= 0xDC00 && c <= 0xDFFF;
}

/// The field at [offset, offset+size) of a 256-byte block, as trimmed UTF-8.
std::string field(std::span<const std::uint8_t, textBlockSize> text, std::size_t offset,
                  std::size_t size)
{
    return utf16leToUtf8(text.subspan(offset, size));
}

hal::Sex sexOf(std::string_view code)
{
    if (code == "1")
        return hal::Sex::Male;
    if (code == "2")
        return hal::Sex::Female;
    if (code == "9")
        return hal::Sex::Unstated;
    return hal::Sex::Unknown;
}

void parseResidentLike(std::span<const std::uint8_t, textBlockSize> text, hal::CardData& card)
{
    card.name = field(text, 0, 30);
    card.sex = sexOf(field(text, 30, 2));
    if (card.type == hal::CardType::Resident)
        card.nation = std::string(nationName(field(text, 32, 4)));
    card.birthDate = cardDate(field(text, 36, 16));
    card.address = field(text, 52, 70);
    card.idNumber = field(text, 122, 36);
    card.issuer = field(text, 158, 30);
    card.validFrom = cardDate(field(text, 188, 16));
    card.validUntil = cardDate(field(text, 204, 16), true);
}

void parseForeign2017(std::span<const std::uint8_t, textBlockSize> text, hal::CardData& card)
{
    card.nameEn = field(text, 0, 120);
    card.sex = sexOf(field(text, 120, 2));
    card.idNumber = field(text, 122, 30);
    card.name = field(text, 158, 30);
    card.validFrom = cardDate(field(text, 188, 16));
    card.validUntil = cardDate(field(text, 204, 16), true);
    card.birthDate = cardDate(field(text, 220, 16));
    // The block has only an office code; the card itself names the Ministry as issuer.
    card.issuer = "公安部";
}

void parseForeign2023(std::span<const std::uint8_t, textBlockSize> text, hal::CardData& card)
{
    card.name = field(text, 0, 30);
    card.sex = sexOf(field(text, 30, 2));
    card.birthDate = cardDate(field(text, 36, 16));
    // The English name runs on from part 1 (52/70) into part 2 (220/22): join the raw
    // halves before trimming, so a space at the end of part 1 survives.
    std::array<std::uint8_t, 92> english{};
    std::copy_n(text.begin() + 52, 70, english.begin());
    std::copy_n(text.begin() + 220, 22, english.begin() + 70);
    card.nameEn = utf16leToUtf8(english);
    base::secureZero(english.data(), english.size());
    card.idNumber = field(text, 122, 36);
    card.validFrom = cardDate(field(text, 188, 16));
    card.validUntil = cardDate(field(text, 204, 16), true);
    card.issuer = "国家移民管理局";
}

} // namespace

std::string utf16leToUtf8(std::span<const std::uint8_t> bytes)
{
    std::string out;
    out.reserve(bytes.size() * 3 / 2);
    const std::size_t units = bytes.size() / 2;
    for (std::size_t i = 0; i < units; ++i) {
        char32_t c = static_cast<char32_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
        if (isHighSurrogate(c) && i + 1 < units) {
            const auto low = static_cast<char32_t>(bytes[2 * i + 2] | (bytes[2 * i + 3] << 8));
            if (isLowSurrogate(low)) {
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                ++i;
            }
        }
        if (isHighSurrogate(c) || isLowSurrogate(c))
            c = 0xFFFD;
        appendUtf8(out, c);
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\0'))
        out.pop_back();
    return out;
}

std::string cardDate(std::string_view text, bool allowLongTerm)
{
    if (allowLongTerm && text == "长期")
        return "long-term";
    if (text.size() != 8)
        return {};
    for (const char c : text)
        if (c < '0' || c > '9')
            return {};
    const int month = (text[4] - '0') * 10 + (text[5] - '0');
    const int day = (text[6] - '0') * 10 + (text[7] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return {};
    return std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
           std::string(text.substr(6, 2));
}

hal::CardType cardTypeOf(std::span<const std::uint8_t, textBlockSize> text)
{
    if (text[249] != 0)
        return hal::CardType::Resident; // not an ASCII letter: the resident layout
    switch (text[248]) {
    case 'I':
        return hal::CardType::ForeignPermanent2017;
    case 'J':
        return hal::CardType::HmtResidence;
    case 'Y':
        return hal::CardType::ForeignPermanent2023;
    default:
        return hal::CardType::Resident;
    }
}

base::Result<hal::CardData> parseCardText(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < textBlockSize)
        return base::fail(base::errc::parse, "card text block is " + std::to_string(bytes.size()) +
                                                 " bytes, 256 expected");
    const auto text = bytes.first<textBlockSize>();
    hal::CardData card;
    card.type = cardTypeOf(text);
    switch (card.type) {
    case hal::CardType::Resident:
    case hal::CardType::HmtResidence:
        parseResidentLike(text, card);
        break;
    case hal::CardType::ForeignPermanent2017:
        parseForeign2017(text, card);
        break;
    case hal::CardType::ForeignPermanent2023:
        parseForeign2023(text, card);
        break;
    }
    return card;
}

std::string parseAppendedAddress(std::span<const std::uint8_t> block)
{
    return utf16leToUtf8(block);
}

} // namespace drivers::card_reader
