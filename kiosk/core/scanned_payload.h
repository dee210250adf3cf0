// SPDX-License-Identifier: Apache-2.0
// What a scanned code is: a receipt this kiosk printed, a citizen's identity code, a URL or
// something else, after checking that it is safe to handle at all.
#pragma once

#include "base/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::core {

enum class PayloadKind {
    Receipt, ///< a receipt's QR: the [receipt] qr_url_template with a case number or
             ///< submission id, or the older "ZWFW-RECEIPT:<submission id>"
    Identity, ///< a candidate token from a phone app (电子身份证, 电子社保卡): 16 to 512 printable
              ///< ASCII characters (specs/platform-api.md); only the platform can resolve it
    Url,   ///< http(s) link, e.g. on a paper notice; the kiosk never opens one by itself
    Other, ///< valid text of no kind above
};
[[nodiscard]] std::string_view toString(PayloadKind kind);

struct ScannedPayload {
    PayloadKind kind = PayloadKind::Other;
    std::string text;         ///< the whole payload (personal data for Identity: never log it)
    std::string receiptRef;   ///< Receipt only: the case number or submission id it carries
    std::string submissionId; ///< Receipt only: the submission id, when the ref is one
};

/// The longest payload accepted. A QR code holds at most 2953 bytes; 4 KiB leaves room for
/// USB scanners' other symbologies and refuses anything built to exhaust memory.
inline constexpr std::size_t kMaxPayloadBytes = 4096;

enum class PayloadErrc {
    empty = 1,
    too_long,
    invalid_utf8,
    control_character, ///< C0/C1 controls, DEL, bidirectional overrides (screen spoofing)
    bad_receipt,       ///< our receipt prefix with an id we never print
    not_identity,      ///< valid, but not an identity token (identityToken() only)
};
const std::error_category& payloadCategory();
inline std::error_code make_error_code(PayloadErrc e)
{
    return {static_cast<int>(e), payloadCategory()};
}

/// Checks and classifies a scanned payload. Never throws; the error's message is English
/// for technicians and never contains the payload (identity codes are personal data).
/// `receiptUrlTemplate` is the configured qr_url_template: URLs made from it are receipts
/// (for progress lookup and late rating); empty: only the older ZWFW-RECEIPT: codes are.
[[nodiscard]] base::Result<ScannedPayload>
classifyPayload(std::string_view text, std::string_view receiptUrlTemplate = {});

/// For the identify screen: the token of a scanned identity code, ready for
/// resolveIdentityCode() (identity_code.h). Any valid text that is not a receipt and is 16 to
/// 512 printable ASCII characters is a candidate (a phone app's link too: only the platform
/// knows its tokens). Everything else is refused with classifyPayload()'s errors or
/// PayloadErrc::not_identity, whose message says why (a receipt, too short, too long, not
/// ASCII) without the text. The token is personal data: never log or show it.
[[nodiscard]] base::Result<std::string> identityToken(std::string_view text,
                                                      std::string_view receiptUrlTemplate = {});

/// What the screen tells the citizen when classifyPayload() or identityToken() refused a code
/// (clear Chinese).
[[nodiscard]] std::string_view citizenMessage(const base::Error& error);

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::PayloadErrc> : std::true_type {
};
