// SPDX-License-Identifier: Apache-2.0
// Citizen ID numbers (GB 11643-1999): the MOD 11-2 check character.
#pragma once

#include <optional>
#include <string_view>

namespace hal {

/// The check character ('0'-'9' or 'X') for the first 17 digits of an 18-character ID number.
/// std::nullopt if `first17` is not 17 ASCII digits.
[[nodiscard]] std::optional<char> idNumberCheckCharacter(std::string_view first17);

/// True if `idNumber` is 18 characters whose last one is the MOD 11-2 check character.
[[nodiscard]] bool hasValidIdNumberChecksum(std::string_view idNumber);

/// True if `number` has the form of a 2017-edition foreigner's permanent residence permit
/// number: 15 characters, three upper-case letters (ISO alpha-3 nationality) and 12 digits.
/// That edition has no check character.
[[nodiscard]] bool isForeignPermanent2017Number(std::string_view number);

/// True if `number` is a well-formed number of any ID card the reader knows: 18 characters with
/// a valid MOD 11-2 check (resident, HMT residence permit, foreigner 2023) or the 2017 form.
[[nodiscard]] bool isWellFormedIdNumber(std::string_view number);

} // namespace hal
