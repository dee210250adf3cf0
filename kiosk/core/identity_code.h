// SPDX-License-Identifier: Apache-2.0
// Identity QR codes from a phone app (电子身份证 / 亮证): the token is resolved online by the
// platform (POST /v1/identity/resolve) into the same hal::CardData a card read gives, so the
// session treats both ways of identifying alike.
#pragma once

#include "base/result.h"
#include "hal/card_reader.h"
#include "offline_queue/platform_client.h"
#include "offline_queue/uplink.h"

#include <stop_token>
#include <string_view>

namespace kiosk::core {

/// The card data of a resolved identity: type, name, ID number, and for an 18-character number
/// with a valid check character also the birth date and sex it encodes (GB 11643). No photo,
/// address, nation, issuer or validity: the screen shows "no photo available" as for a card
/// without a decoder. `identity` is wiped. An ID type the hal does not know, or an ID number
/// that is not well formed for it, is errc::parse (naming the field, never its value).
[[nodiscard]] base::Result<hal::CardData> identityToCardData(queue::ResolvedIdentity identity);

/// Fills the birth date (characters 7-14, as YYYY-MM-DD) and sex (the 17th: odd male, even
/// female) that an 18-character ID number encodes; nothing for other numbers.
void fillFromIdNumber(hal::CardData& card);

/// Resolves a scanned token and converts it (queue::resolveIdentity, then identityToCardData).
/// Errors keep their codes: queue::IdentityErrc::{invalid_token, unknown_token, expired_token},
/// queue::UplinkErrc::{link, rejected, malformed}, base::errc::parse; identityCodeMessage()
/// says what the citizen is told. Blocks for up to the uplink's timeouts: call it off the GUI
/// thread, with `stop` requested when that thread must end (the request is abandoned).
[[nodiscard]] base::Result<hal::CardData>
resolveIdentityCode(queue::Uplink& uplink, std::string_view token, std::stop_token stop = {});

/// What the screen tells the citizen when resolveIdentityCode() failed (clear Chinese, with
/// what to do next). Expired: "二维码已过期，请在手机上刷新后重试。"
[[nodiscard]] std::string_view identityCodeMessage(const base::Error& error);

} // namespace kiosk::core
