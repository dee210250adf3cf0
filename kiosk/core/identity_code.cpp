// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/identity_code.h"
#include "base/citizen_text.h"

#include "hal/id_number.h"

#include <optional>

namespace kiosk::core {

namespace {

std::optional<hal::CardType> cardType(std::string_view idType)
{
    for (const auto type :
         {hal::CardType::Resident, hal::CardType::HmtResidence, hal::CardType::ForeignPermanent2017,
          hal::CardType::ForeignPermanent2023})
        if (hal::toString(type) == idType)
            return type;
    return std::nullopt;
}

/// The number's form must match its type: the 2017 foreigner's permit has 15 characters, the
/// others 18 with a MOD 11-2 check character.
bool fitsType(hal::CardType type, std::string_view idNumber)
{
    if (type == hal::CardType::ForeignPermanent2017)
        return hal::isForeignPermanent2017Number(idNumber);
    return hal::hasValidIdNumberChecksum(idNumber);
}

} // namespace

void fillFromIdNumber(hal::CardData& card)
{
    // For the form's prefill, as a card would give them.
    if (card.idNumber.size() != 18)
        return;
    const std::string_view digits(card.idNumber);
    card.birthDate = std::string(digits.substr(6, 4)) + "-" + std::string(digits.substr(10, 2)) +
                     "-" + std::string(digits.substr(12, 2));
    card.sex = (digits[16] - '0') % 2 == 1 ? hal::Sex::Male : hal::Sex::Female;
}

base::Result<hal::CardData> identityToCardData(queue::ResolvedIdentity identity)
{
    const auto type = cardType(identity.idType);
    if (!type)
        return base::fail(base::errc::parse, "identity: idType is not a card type the kiosk knows");
    if (!fitsType(*type, identity.idNumber))
        return base::fail(base::errc::parse,
                          "identity: idNumber is not well formed for its idType");
    hal::CardData card;
    card.type = *type;
    card.name = identity.name;
    card.idNumber = identity.idNumber;
    fillFromIdNumber(card);
    return card; // `identity` is wiped by its destructor
}

base::Result<hal::CardData> resolveIdentityCode(queue::Uplink& uplink, std::string_view token,
                                                std::stop_token stop)
{
    auto identity = queue::resolveIdentity(uplink, token, std::move(stop));
    if (!identity)
        return base::fail(identity.error());
    return identityToCardData(std::move(*identity));
}

std::string_view identityCodeMessage(const base::Error& error)
{
    if (error.code == queue::IdentityErrc::expired_token)
        return base::CitizenText::tr("二维码已过期，请在手机上刷新后重试。");
    if (error.code == queue::IdentityErrc::unknown_token)
        return base::CitizenText::tr(
            "无法识别这个身份二维码，请在手机上刷新后重试，或改用身份证。");
    if (error.code == queue::IdentityErrc::invalid_token)
        return base::CitizenText::tr(
            "这不是身份二维码，请打开手机上的电子身份证二维码，或改用身份证。");
    if (error.code == queue::UplinkErrc::link || error.code == queue::UplinkErrc::malformed)
        return base::CitizenText::tr("网络暂时不通，无法核验二维码，请改用身份证或手工输入。");
    return base::CitizenText::tr(
        "暂时无法核验这个二维码，请改用身份证或手工输入，或咨询工作人员。");
}

} // namespace kiosk::core
