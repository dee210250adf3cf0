// SPDX-License-Identifier: Apache-2.0
// The 256-byte text block of the four card layouts (UTF-16LE, fixed width, space padded).
#pragma once

#include "base/result.h"
#include "hal/card_reader.h"

#include <cstdint>
#include <span>
#include <string>

namespace drivers::card_reader {

inline constexpr std::size_t textBlockSize = 256;

/// UTF-16LE to UTF-8, trailing spaces and NULs trimmed. An odd final byte is ignored and an
/// unpaired surrogate becomes U+FFFD, so no input can fail or read past `bytes`.
[[nodiscard]] std::string utf16leToUtf8(std::span<const std::uint8_t> bytes);

/// "YYYYMMDD" -> "YYYY-MM-DD"; "长期" -> "long-term" when `allowLongTerm`; anything else
/// -> "" (the field is shown as missing rather than the card refused).
[[nodiscard]] std::string cardDate(std::string_view text, bool allowLongTerm = false);

/// The card type from the character at offset 248.
[[nodiscard]] hal::CardType cardTypeOf(std::span<const std::uint8_t, textBlockSize> text);

/// Parses a text block (at least 256 bytes; only the first 256 are read) into the fields of
/// its layout. Errors: base::errc::parse if the block is short. Unknown codes (nation, sex,
/// type character) degrade to "其他", Sex::Unknown and the resident layout.
[[nodiscard]] base::Result<hal::CardData> parseCardText(std::span<const std::uint8_t> text);

/// The appended address block (UTF-16LE, 70 bytes per the resident layout; any size works).
[[nodiscard]] std::string parseAppendedAddress(std::span<const std::uint8_t> block);

} // namespace drivers::card_reader
