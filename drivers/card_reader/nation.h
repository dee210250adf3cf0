// SPDX-License-Identifier: Apache-2.0
// Nation (民族) codes of GB/T 3304 as the card's text block carries them.
#pragma once

#include <string_view>

namespace drivers::card_reader {

/// The nation's name for a two-digit code ("01" -> "汉"). Unknown or malformed codes map to
/// "其他", never to an error: a new or odd code must not keep a citizen from being served.
[[nodiscard]] std::string_view nationName(std::string_view code);

} // namespace drivers::card_reader
