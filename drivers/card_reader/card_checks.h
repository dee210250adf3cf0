// SPDX-License-Identifier: Apache-2.0
// Plausibility checks on a parsed card: is the number well formed and consistent with the
// birth date and sex printed beside it, and is the card still valid today.
#pragma once

#include "hal/card_reader.h"

#include <string>
#include <string_view>

namespace drivers::card_reader {

/// True if the card's number is valid for its type: the MOD 11-2 check character (resident,
/// HMT, foreigner 2023) or the 15-character form (foreigner 2017), the type's prefix
/// (81/82/83 0000 for HMT, 9 for foreigner 2023), the birth date embedded in the number equal
/// to the birth date field and, where the card says male or female, the sequence number's
/// parity (odd male, even female) agreeing with it.
[[nodiscard]] bool idNumberValid(const hal::CardData& card);

/// True if the card's validity ended before `today` (YYYY-MM-DD). A long-term card never
/// expires; an unreadable expiry date is not called expired (the number check still runs).
[[nodiscard]] bool expired(const hal::CardData& card, std::string_view today);

/// Today's local date as YYYY-MM-DD.
[[nodiscard]] std::string localDateToday();

} // namespace drivers::card_reader
