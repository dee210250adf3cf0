// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/delivery.h"

#include "base/json_reader.h"
#include "offline_queue/platform_client.h"

#include <nlohmann/json.hpp>

namespace queue {

namespace {

bool isOneOf(long status, std::initializer_list<long> statuses)
{
    return std::find(statuses.begin(), statuses.end(), status) != statuses.end();
}

/// A 2xx is success only with the body the spec promises; anything else is transient.
Verdict classifySuccess(RecordKind kind, const UplinkResponse& response)
{
    const std::string status = std::to_string(response.status);
    if (kind == RecordKind::Material)
        return {Disposition::Delivered, {}, status, std::nullopt, false};
    const auto json = base::json::parseObject(response.body);
    if (!json)
        return {Disposition::Retry, {}, status + " with a malformed body", std::nullopt, false};
    if (kind != RecordKind::Case)
        return {Disposition::Delivered, {}, status, std::nullopt, false};
    // The case number is stored, shown by kioskctl and printed on the receipt: only a
    // bounded token is taken. The reason names the path, never the value.
    auto caseNo = base::json::Reader(*json).token("caseNo");
    if (!caseNo)
        return {Disposition::Retry, {}, status + " " + caseNo.error().message, std::nullopt, false};
    return {Disposition::Delivered, std::move(*caseNo), status, std::nullopt, false};
}

/// The stored evaluation body with the case number the platform gave its case. A stored body
/// that cannot be read or written back is sent as it is: the platform judges it (422).
std::string withCaseNo(const std::string& body, const std::string& caseNo)
{
    auto json = base::json::parseObject(body);
    if (!json)
        return body;
    (*json)["caseNo"] = caseNo;
    return base::json::dump(*json).value_or(body);
}

} // namespace

UplinkRequest requestFor(const OutgoingRecord& record)
{
    UplinkRequest request;
    request.method = "POST";
    request.body = record.body;
    switch (record.kind) {
    case RecordKind::Material:
        // Content-addressed, hence idempotent by construction: no Idempotency-Key.
        request.method = "PUT";
        request.path = "/v1/materials/" + record.sha256;
        request.contentType = record.contentType;
        break;
    case RecordKind::Case:
        request.path = "/v1/cases";
        request.idempotencyKey = record.idempotencyKey;
        break;
    case RecordKind::Evaluation:
        request.path = "/v1/evaluations";
        request.idempotencyKey = record.idempotencyKey;
        if (!record.caseNo.empty())
            request.body = withCaseNo(record.body, record.caseNo);
        break;
    }
    return request;
}

Verdict classify(RecordKind kind, const base::Result<UplinkResponse>& answer)
{
    if (!answer)
        return {Disposition::Retry, {}, "link: " + answer.error().message, std::nullopt, true};
    const auto& response = *answer;
    const long status = response.status;
    if (status >= 200 && status < 300)
        return classifySuccess(kind, response);

    const std::string code = platformErrorCode(response.body);
    const std::string reason = std::to_string(status) + (code.empty() ? "" : " " + code);
    if (isOneOf(status, {401, 403}))
        return {Disposition::Hold, {}, reason, std::nullopt, false};
    // An evaluation may overtake its case at the platform: case_unknown means "not yet".
    if (status == 409 && kind == RecordKind::Evaluation && code == "case_unknown")
        return {Disposition::Retry, {}, reason, response.retryAfter, false};
    if (isOneOf(status, {400, 404, 409, 413, 422}))
        return {Disposition::DeadLetter, {}, reason, std::nullopt, false};
    // 408, 425, 429 and 5xx are transient by the table; any status it does not name is
    // treated the same way, because retrying is the choice that cannot lose a record.
    return {Disposition::Retry, {}, reason, response.retryAfter, false};
}

} // namespace queue
