// SPDX-License-Identifier: Apache-2.0
// The platform's online-only calls (specs/platform-api.md): progress lookup, certificates and
// identity QR codes.
// Never queued: a citizen waits at the screen for the answer, or is told the link is down.
#pragma once

#include "base/result.h"
#include "offline_queue/uplink.h"

#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace queue {

/// One case in a progress lookup (办件进度查询).
struct CaseProgress {
    std::string caseNo;
    std::string itemCode;
    std::string itemName;
    std::string status; ///< received | accepted | in_review | approved | rejected | completed
    std::string updatedAt;
};

/// A printable certificate (自助打印).
struct Document {
    std::string documentId; ///< X-Document-Id
    std::string pdf;        ///< the PDF bytes
};

/// An identity resolved from a phone app's QR code (POST /v1/identity/resolve). Personal data
/// like a card's: it lives only in the session, is wiped on destruction, and is never logged.
/// (offline_queue knows nothing of hal: kiosk/core turns it into a hal::CardData.)
struct ResolvedIdentity {
    std::string idType;    ///< resident | hmt_residence | foreign_permanent_2017 | ..._2023
    std::string idNumber;  ///< as the platform sent it (bounded, printable ASCII)
    std::string name;      ///< bounded text
    std::string expiresAt; ///< when the token stops resolving (RFC 3339, not checked further)

    // An aggregate (no constructors declared): a move is a copy, and both copies are wiped.
    ~ResolvedIdentity() { wipe(); }
    /// Zeroes every field in place.
    void wipe();
};

/// Why an identity token was not resolved, when the platform said so (the link's failures
/// stay UplinkErrc::link, other error answers UplinkErrc::rejected, a bad 200 malformed).
enum class IdentityErrc {
    invalid_token = 1, ///< not 16-512 printable ASCII: refused before anything is sent
    unknown_token,     ///< 404 unknown_token: the platform never issued it
    expired_token,     ///< 410 expired_token: the citizen refreshes the code on the phone
};
const std::error_category& identityCategory();
inline std::error_code make_error_code(IdentityErrc e)
{
    return {static_cast<int>(e), identityCategory()};
}

/// The spec's token: 16 to 512 printable ASCII characters (0x20-0x7E).
[[nodiscard]] bool isIdentityTokenText(std::string_view token);

/// POST /v1/identity/resolve, online only, no Idempotency-Key. Errors: IdentityErrc (above),
/// UplinkErrc::link (the citizen is offered the card or manual entry), UplinkErrc::rejected
/// (another error answer, with its status and code), UplinkErrc::malformed (a 200 whose body is
/// not the contract's; the message names the path, never a value). Neither the token nor the
/// identity appears in any message. A requested `stop` abandons the request at once
/// (UplinkErrc::link).
[[nodiscard]] base::Result<ResolvedIdentity> resolveIdentity(Uplink& uplink, std::string_view token,
                                                             std::stop_token stop = {});

/// Reads the body of a 200 identity answer; the error names the path, never a value.
[[nodiscard]] base::Result<ResolvedIdentity> readResolvedIdentity(std::string_view body);

/// POST /v1/cases/query. UplinkErrc::link when the platform cannot be reached (or `stop` was
/// requested: the request is abandoned at once), rejected (with the platform's code, never the
/// ID number) for an error answer, malformed for a bad 2xx body.
[[nodiscard]] base::Result<std::vector<CaseProgress>> queryCases(Uplink& uplink,
                                                                 std::string_view idType,
                                                                 std::string_view idNumber,
                                                                 std::stop_token stop = {});

/// POST /v1/documents. std::nullopt when there is nothing to print (404 no_document). A
/// requested `stop` abandons the request at once (UplinkErrc::link).
[[nodiscard]] base::Result<std::optional<Document>>
fetchDocument(Uplink& uplink, std::string_view itemCode, std::string_view idType,
              std::string_view idNumber, std::stop_token stop = {});

/// Reads the body of a progress answer ({"cases": [...]}); the error names the path of the
/// first bad case, never its values.
[[nodiscard]] base::Result<std::vector<CaseProgress>> readCaseList(std::string_view body);

/// The machine code of an error body ({"code","message"}): a token of at most 64 printable
/// ASCII characters, or "" when there is none (not JSON, no code, a code of another type).
[[nodiscard]] std::string platformErrorCode(std::string_view body);

/// The error for a non-2xx answer: "POST /v1/cases/query: 422 invalid_query".
[[nodiscard]] base::Error rejection(const UplinkRequest& request, const UplinkResponse& response);

} // namespace queue

template <> struct std::is_error_code_enum<queue::IdentityErrc> : std::true_type {
};
