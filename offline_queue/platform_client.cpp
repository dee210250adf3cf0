// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/platform_client.h"

#include "base/json_reader.h"
#include "base/secure_buffer.h"

#include <nlohmann/json.hpp>

namespace queue {

namespace {

/// Longest error code, status or timestamp taken from an answer.
constexpr std::size_t maxCodeLength = 64;
/// Longest item name shown to the citizen.
constexpr std::size_t maxNameLength = 1024;

/// Sends a request whose body holds an ID number, then wipes the body.
base::Result<UplinkResponse> sendPersonal(Uplink& uplink, UplinkRequest& request)
{
    auto answer = uplink.send(request);
    base::secureZero(request.body);
    return answer;
}

UplinkRequest personalRequest(std::string path, nlohmann::json body)
{
    UplinkRequest request;
    request.method = "POST";
    request.path = std::move(path);
    request.body = body.dump();
    for (auto& [key, value] : body.items())
        if (value.is_string())
            base::secureZero(value.get_ref<std::string&>());
    return request;
}

/// One case of a progress answer. Names and numbers are bounded; the item name is free
/// text for the screen, never logged.
base::Result<CaseProgress> readProgress(const base::json::Reader& item)
{
    auto caseNo = item.token("caseNo");
    if (!caseNo)
        return base::fail(caseNo.error());
    auto status = item.token("status", maxCodeLength);
    if (!status)
        return base::fail(status.error());
    auto itemCode = item.optionalToken("itemCode");
    if (!itemCode)
        return base::fail(itemCode.error());
    auto itemName = item.optionalString("itemName", maxNameLength);
    if (!itemName)
        return base::fail(itemName.error());
    auto updatedAt = item.optionalString("updatedAt", maxCodeLength);
    if (!updatedAt)
        return base::fail(updatedAt.error());
    return CaseProgress{*caseNo, itemCode->value_or(""), itemName->value_or(""), *status,
                        updatedAt->value_or("")};
}

} // namespace

std::string platformErrorCode(std::string_view body)
{
    // Only the code is read: it goes into logs and the queue's last error. The message is
    // free text and is never read.
    const auto json = base::json::parseObject(body);
    if (!json)
        return {};
    return base::json::Reader(*json).token("code", maxCodeLength).value_or("");
}

base::Error rejection(const UplinkRequest& request, const UplinkResponse& response)
{
    const std::string code = platformErrorCode(response.body);
    return {UplinkErrc::rejected, request.method + " " + request.path + ": " +
                                      std::to_string(response.status) +
                                      (code.empty() ? "" : " " + code)};
}

base::Result<std::vector<CaseProgress>> queryCases(Uplink& uplink, std::string_view idType,
                                                   std::string_view idNumber)
{
    auto request = personalRequest("/v1/cases/query", {{"idType", idType}, {"idNumber", idNumber}});
    auto answer = sendPersonal(uplink, request);
    if (!answer)
        return base::fail(answer.error());
    if (answer->status < 200 || answer->status >= 300)
        return base::fail(rejection(request, *answer));
    auto cases = readCaseList(answer->body);
    if (!cases)
        return base::fail(UplinkErrc::malformed, "POST /v1/cases/query: " + cases.error().message);
    return cases;
}

base::Result<std::vector<CaseProgress>> readCaseList(std::string_view body)
{
    const auto json = base::json::parseObject(body);
    if (!json)
        return base::fail(json.error());
    auto items = base::json::Reader(*json).array("cases");
    if (!items)
        return base::fail(items.error());
    std::vector<CaseProgress> cases;
    cases.reserve(items->size());
    for (const auto& item : *items) {
        auto progress = readProgress(item);
        if (!progress)
            return base::fail(progress.error());
        cases.push_back(std::move(*progress));
    }
    return cases;
}

base::Result<std::optional<Document>> fetchDocument(Uplink& uplink, std::string_view itemCode,
                                                    std::string_view idType,
                                                    std::string_view idNumber)
{
    auto request = personalRequest(
        "/v1/documents", {{"itemCode", itemCode}, {"idType", idType}, {"idNumber", idNumber}});
    auto answer = sendPersonal(uplink, request);
    if (!answer)
        return base::fail(answer.error());
    if (answer->status == 404 && platformErrorCode(answer->body) == "no_document")
        return std::optional<Document>{};
    if (answer->status != 200)
        return base::fail(rejection(request, *answer));
    if (answer->contentType.rfind("application/pdf", 0) != 0 || answer->body.rfind("%PDF-", 0) != 0)
        return base::fail(UplinkErrc::malformed, "POST /v1/documents: the answer is not a PDF");
    return std::optional<Document>{Document{answer->documentId, std::move(answer->body)}};
}

} // namespace queue
