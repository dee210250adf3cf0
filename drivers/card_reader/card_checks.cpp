// SPDX-License-Identifier: Apache-2.0
#include "drivers/card_reader/card_checks.h"

#include "hal/id_number.h"

#include <ctime>

namespace drivers::card_reader {

namespace {

/// "YYYY-MM-DD" -> "YYYYMMDD", or "" if not of that form.
std::string compactDate(std::string_view date)
{
    if (date.size() != 10 || date[4] != '-' || date[7] != '-')
        return {};
    return std::string(date.substr(0, 4)) + std::string(date.substr(5, 2)) +
           std::string(date.substr(8, 2));
}

bool sexAgrees(hal::Sex sex, char sequenceDigit)
{
    const bool odd = ((sequenceDigit - '0') % 2) == 1;
    if (sex == hal::Sex::Male)
        return odd;
    if (sex == hal::Sex::Female)
        return !odd;
    return true; // unknown or unstated: nothing to contradict
}

bool eighteenDigitNumberValid(const hal::CardData& card)
{
    const std::string_view number = card.idNumber;
    if (!hal::hasValidIdNumberChecksum(number))
        return false;
    if (number.substr(6, 8) != compactDate(card.birthDate))
        return false;
    return sexAgrees(card.sex, number[16]);
}

bool hmtPrefix(std::string_view number)
{
    return number.starts_with("810000") || number.starts_with("820000") ||
           number.starts_with("830000");
}

} // namespace

bool idNumberValid(const hal::CardData& card)
{
    const std::string_view number = card.idNumber;
    switch (card.type) {
    case hal::CardType::Resident:
        return eighteenDigitNumberValid(card);
    case hal::CardType::HmtResidence:
        return hmtPrefix(number) && eighteenDigitNumberValid(card);
    case hal::CardType::ForeignPermanent2023:
        return number.starts_with('9') && eighteenDigitNumberValid(card);
    case hal::CardType::ForeignPermanent2017: {
        // Nationality (3), office (4), birth date YYMMDD (6), sequence (2).
        const auto birth = compactDate(card.birthDate);
        return hal::isForeignPermanent2017Number(number) && birth.size() == 8 &&
               number.substr(7, 6) == std::string_view(birth).substr(2);
    }
    }
    return false;
}

bool expired(const hal::CardData& card, std::string_view today)
{
    if (card.validUntil == "long-term" || compactDate(card.validUntil).empty())
        return false;
    return card.validUntil < today; // YYYY-MM-DD compares in date order
}

std::string localDateToday()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    ::localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

} // namespace drivers::card_reader
