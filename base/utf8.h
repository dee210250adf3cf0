// SPDX-License-Identifier: Apache-2.0
// UTF-8 helpers for code that walks text by characters (receipt layout, printer code pages).
#pragma once

#include <cstddef>

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

} // namespace base::utf8
