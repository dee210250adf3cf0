// SPDX-License-Identifier: Apache-2.0
// Identification by manual entry (the third way, after the card and the QR code): the ID number
// checked as the citizen types it (digits, then the MOD 11-2 check character), the name
// checked, and the result as the same hal::CardData a card read gives.
#pragma once

#include "base/result.h"
#include "hal/card_reader.h"

#include <string>
#include <string_view>

namespace kiosk::core {

enum class IdNumberInput {
    Empty,    ///< nothing typed yet
    Partial,  ///< a valid beginning: keep typing
    Complete, ///< 18 characters with the right check character
    Invalid,  ///< cannot become a valid number: `message` says why
};

struct IdNumberCheck {
    IdNumberInput state = IdNumberInput::Empty;
    std::string_view message; ///< for the citizen, next to the field; empty unless Invalid
};

/// Checks an 18-character ID number (resident, HMT residence permit, foreigner's 2023 permit)
/// as typed: 17 digits, then a digit or X (x is taken as X); the birth date (characters 7-14)
/// once it is all there; the check character at the end. Never throws; never logs.
[[nodiscard]] IdNumberCheck checkIdNumberInput(std::string_view typed);

/// The name as typed: empty is Partial-like (returns ""), else the message for the citizen
/// when it cannot be a name (control characters, digits, over 30 characters), or "" when fine.
/// Names may hold Chinese, Latin letters, spaces and the middle dot of minority names (·).
[[nodiscard]] std::string_view checkNameInput(std::string_view typed);

/// The card data of a manual entry: type from the number (81/82/83: HMT residence permit; 9:
/// foreigner's 2023 permit; else resident), name, number (x as X), and the birth date and sex
/// it encodes. errc::invalid_argument when checkIdNumberInput() is not Complete or the name is
/// empty or refused; the message is the citizen's (Chinese), without the values.
[[nodiscard]] base::Result<hal::CardData> manualIdentity(std::string_view name,
                                                         std::string_view idNumber);

} // namespace kiosk::core
