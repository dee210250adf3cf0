// SPDX-License-Identifier: Apache-2.0
// The US keyboard layout that keyboard-wedge scanners emulate: Linux key codes <-> ASCII.
#pragma once

#include <cstdint>
#include <optional>

namespace drivers::evdev {

/// The character a key types on a US layout, with or without shift; nullopt for keys that
/// type nothing (modifiers, function keys, Enter and Tab, which terminate codes).
[[nodiscard]] std::optional<char> charForKey(std::uint16_t keyCode, bool shift);

struct KeyStroke {
    std::uint16_t keyCode = 0;
    bool shift = false;
};

/// The key (and shift) that types `c` on a US layout; nullopt for characters it cannot type
/// (a wedge scanner cannot send non-ASCII, e.g. Chinese).
[[nodiscard]] std::optional<KeyStroke> keyForChar(char c);

} // namespace drivers::evdev
