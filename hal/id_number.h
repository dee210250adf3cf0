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

} // namespace hal
