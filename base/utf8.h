// SPDX-License-Identifier: Apache-2.0
// UTF-8 helpers for code that walks text by characters (receipt layout, printer code pages).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace base::utf8 {

/// Bytes of the UTF-8 sequence that starts with `lead` (1 for ASCII, a continuation or a stray
/// byte, so a walk over bad text still moves on). Callers clamp it to what is left.
[[nodiscard]] constexpr std::size_t sequenceLength(unsigned char lead)
{
    if (lead >= 0xF0)
        return 4;
    if (lead >= 0xE0)
        return 3;
    if (lead >= 0xC0)
        return 2;
    return 1;
}

/// Decodes the code point at `text[i]` and advances `i` past it; std::nullopt (leaving `i`) for
/// anything RFC 3629 forbids: overlong forms, surrogates, beyond U+10FFFF, truncated sequences
/// and stray continuation bytes. For text from outside (scanned codes, typed names).
[[nodiscard]] inline std::optional<char32_t> decode(std::string_view text, std::size_t& i)
{
    const auto byte = [&](std::size_t k) {
        return static_cast<std::uint8_t>(text[k]);
    };
    const std::uint8_t lead = byte(i);
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2, cp = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, cp = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, cp = lead & 0x07, minimum = 0x10000;
    } else {
        return std::nullopt;
    }
    if (i + length > text.size())
        return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            return std::nullopt;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return std::nullopt;
    i += length;
    return cp;
}

} // namespace base::utf8
