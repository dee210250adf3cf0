// SPDX-License-Identifier: Apache-2.0
// The platform's online-only calls (specs/platform-api.md): progress lookup and certificates.
// Never queued: a citizen waits at the screen for the answer, or is told the link is down.
#pragma once

#include "base/result.h"
#include "offline_queue/uplink.h"

#include <optional>
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

/// POST /v1/cases/query. UplinkErrc::link when the platform cannot be reached, rejected
/// (with the platform's code, never the ID number) for an error answer, malformed for a bad
/// 2xx body.
[[nodiscard]] base::Result<std::vector<CaseProgress>>
queryCases(Uplink& uplink, std::string_view idType, std::string_view idNumber);

/// POST /v1/documents. std::nullopt when there is nothing to print (404 no_document).
[[nodiscard]] base::Result<std::optional<Document>> fetchDocument(Uplink& uplink,
                                                                  std::string_view itemCode,
                                                                  std::string_view idType,
                                                                  std::string_view idNumber);

/// Reads the body of a progress answer ({"cases": [...]}); the error names the path of the
/// first bad case, never its values.
[[nodiscard]] base::Result<std::vector<CaseProgress>> readCaseList(std::string_view body);

/// The machine code of an error body ({"code","message"}): a token of at most 64 printable
/// ASCII characters, or "" when there is none (not JSON, no code, a code of another type).
[[nodiscard]] std::string platformErrorCode(std::string_view body);

/// The error for a non-2xx answer: "POST /v1/cases/query: 422 invalid_query".
[[nodiscard]] base::Error rejection(const UplinkRequest& request, const UplinkResponse& response);

} // namespace queue
