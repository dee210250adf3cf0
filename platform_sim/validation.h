// SPDX-License-Identifier: Apache-2.0
// Request bodies checked against the contract; each failure is the Reply to send (422 mostly).
#pragma once

#include "platform_sim/reply.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace platform_sim {

/// What a body must agree with: the request's headers.
struct Caller {
    std::string kioskId;        ///< X-Kiosk-Id
    std::string idempotencyKey; ///< Idempotency-Key, lower case
};

/// POST /v1/cases: 422 invalid_case naming the first field that is missing, of the wrong type
/// or inconsistent (submissionId must be the Idempotency-Key, kioskId the X-Kiosk-Id).
/// Whether the listed materials were uploaded is the caller's check (missing_material).
[[nodiscard]] std::optional<Reply> checkCase(const nlohmann::json& body, const Caller& caller);

/// POST /v1/evaluations: 422 invalid_level (not an integer 1..5), reason_required (level 1-2
/// without a code from `reasonCodes`; any code when that is empty) or invalid_evaluation.
[[nodiscard]] std::optional<Reply> checkEvaluation(const nlohmann::json& body, const Caller& caller,
                                                   const std::set<std::string>& reasonCodes);

/// POST /v1/kiosks/{id}/heartbeat: 422 invalid_heartbeat naming the first bad field.
[[nodiscard]] std::optional<Reply> checkHeartbeat(const nlohmann::json& body);

/// POST /v1/cases/query and /v1/documents: idType and idNumber, plus itemCode when `needItem`;
/// 422 invalid_query otherwise.
[[nodiscard]] std::optional<Reply> checkPersonQuery(const nlohmann::json& body, bool needItem);

/// RFC 3339 date-time with a "Z" or "+hh:mm" offset, e.g. "2026-11-23T10:15:00+08:00".
[[nodiscard]] bool isRfc3339(std::string_view text);

} // namespace platform_sim
