// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/manual_identity.h"
#include "base/citizen_text.h"

#include "base/utf8.h"
#include "hal/id_number.h"
#include "kiosk/core/identity_code.h"

#include <chrono>

namespace kiosk::core {

namespace {

constexpr std::size_t kIdLength = 18;
constexpr std::size_t kMaxNameCodePoints = 30;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Characters 7-14 (YYYYMMDD) as a real date between 1900 and 2099.
bool hasRealBirthDate(std::string_view number)
{
    const auto field = [&](std::size_t at, std::size_t length) {
        int value = 0;
        for (std::size_t i = at; i < at + length; ++i)
            value = value * 10 + (number[i] - '0');
        return value;
    };
    const int y = field(6, 4);
    const std::chrono::year_month_day date{std::chrono::year{y},
                                           std::chrono::month{unsigned(field(10, 2))},
                                           std::chrono::day{unsigned(field(12, 2))}};
    return y >= 1900 && y <= 2099 && date.ok();
}

hal::CardType typeOf(std::string_view number)
{
    if (number.starts_with('9'))
        return hal::CardType::ForeignPermanent2023;
    if (number.starts_with("81") || number.starts_with("82") || number.starts_with("83"))
        return hal::CardType::HmtResidence;
    return hal::CardType::Resident;
}

bool isNameCodePoint(char32_t cp)
{
    const bool cjk = (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                     (cp >= 0x20000 && cp <= 0x2EBEF);
    const bool latin = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
                       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
    return cjk || latin || cp == ' ' || cp == 0xB7 || cp == 0x30FB || cp == '-' || cp == '\'';
}

} // namespace

IdNumberCheck checkIdNumberInput(std::string_view typed)
{
    if (typed.empty())
        return {IdNumberInput::Empty, {}};
    if (typed.size() > kIdLength)
        return {IdNumberInput::Invalid,
                base::CitizenText::tr("身份证号码是18位，请核对后重新输入。")};
    for (std::size_t i = 0; i < typed.size(); ++i) {
        const bool last = i == kIdLength - 1;
        if (!isDigit(typed[i]) && !(last && (typed[i] == 'X' || typed[i] == 'x')))
            return {IdNumberInput::Invalid, last ? base::CitizenText::tr("最后一位只能是数字或X。")
                                                 : base::CitizenText::tr("前17位只能是数字。")};
    }
    if (typed.size() >= 14 && !hasRealBirthDate(typed))
        return {IdNumberInput::Invalid,
                base::CitizenText::tr("号码中的出生日期不正确，请核对后重新输入。")};
    if (typed.size() < kIdLength)
        return {IdNumberInput::Partial, {}};
    if (!hal::hasValidIdNumberChecksum(typed))
        return {IdNumberInput::Invalid,
                base::CitizenText::tr("号码校验不正确，请逐位核对后重新输入。")};
    return {IdNumberInput::Complete, {}};
}

std::string_view checkNameInput(std::string_view typed)
{
    std::size_t count = 0;
    for (std::size_t i = 0; i < typed.size(); ++count) {
        const auto cp = base::utf8::decode(typed, i);
        if (!cp || !isNameCodePoint(*cp))
            return base::CitizenText::tr("姓名只能包含汉字、字母和“·”。");
    }
    if (count > kMaxNameCodePoints)
        return base::CitizenText::tr("姓名太长，请核对后重新输入。");
    return {};
}

base::Result<hal::CardData> manualIdentity(std::string_view name, std::string_view idNumber)
{
    const auto number = checkIdNumberInput(idNumber);
    if (number.state != IdNumberInput::Complete)
        return base::fail(base::errc::invalid_argument,
                          std::string(number.message.empty()
                                          ? base::CitizenText::tr("请输入完整的18位身份证号码。")
                                          : number.message));
    const auto nameProblem = checkNameInput(name);
    if (name.find_first_not_of(' ') == std::string_view::npos || !nameProblem.empty())
        return base::fail(
            base::errc::invalid_argument,
            std::string(nameProblem.empty() ? base::CitizenText::tr("请输入姓名。") : nameProblem));
    hal::CardData card;
    card.type = typeOf(idNumber);
    card.name = std::string(name);
    card.idNumber = std::string(idNumber);
    if (card.idNumber.back() == 'x')
        card.idNumber.back() = 'X';
    fillFromIdNumber(card);
    return card;
}

} // namespace kiosk::core
