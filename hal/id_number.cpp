// SPDX-License-Identifier: Apache-2.0
#include "hal/id_number.h"

namespace hal {

std::optional<char> idNumberCheckCharacter(std::string_view first17)
{
    // ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 -> 'X'.
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    if (first17.size() != 17)
        return std::nullopt;
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        const char c = first17[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        sum += (c - '0') * weights[i];
    }
    return checks[sum % 11];
}

bool hasValidIdNumberChecksum(std::string_view idNumber)
{
    if (idNumber.size() != 18)
        return false;
    const auto check = idNumberCheckCharacter(idNumber.substr(0, 17));
    const char last = idNumber[17] == 'x' ? 'X' : idNumber[17];
    return check && *check == last;
}

bool isForeignPermanent2017Number(std::string_view number)
{
    if (number.size() != 15)
        return false;
    for (std::size_t i = 0; i < number.size(); ++i) {
        const char c = number[i];
        const bool ok = i < 3 ? (c >= 'A' && c <= 'Z') : (c >= '0' && c <= '9');
        if (!ok)
            return false;
    }
    return true;
}

bool isWellFormedIdNumber(std::string_view number)
{
    return hasValidIdNumberChecksum(number) || isForeignPermanent2017Number(number);
}

} // namespace hal
