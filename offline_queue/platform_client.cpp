// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/platform_client.h"

#include "base/secure_buffer.h"

#include <nlohmann/json.hpp>

namespace queue {

namespace {

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

bool isText(const nlohmann::json& object, const char* key)
{
    const auto found = object.find(key);
    return found != object.end() && found->is_string();
}

} // namespace

base::Error rejection(const UplinkRequest& request, const UplinkResponse& response)
{
    const auto json = nlohmann::json::parse(response.body, nullptr, false);
    std::string code;
    if (json.is_object() && isText(json, "code"))
        code = " " + json["code"].get<std::string>();
    return {UplinkErrc::rejected,
            request.method + " " + request.path + ": " + std::to_string(response.status) + code};
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
    const auto json = nlohmann::json::parse(answer->body, nullptr, false);
    if (!json.is_object() || !json.contains("cases") || !json["cases"].is_array())
        return base::fail(UplinkErrc::malformed, "POST /v1/cases/query: no \"cases\" array");
    std::vector<CaseProgress> cases;
    for (const auto& item : json["cases"]) {
        if (!item.is_object() || !isText(item, "caseNo") || !isText(item, "status"))
            return base::fail(UplinkErrc::malformed,
                              "POST /v1/cases/query: a case without caseNo or status");
        CaseProgress progress;
        progress.caseNo = item["caseNo"].get<std::string>();
        progress.itemCode = item.value("itemCode", "");
        progress.itemName = item.value("itemName", "");
        progress.status = item["status"].get<std::string>();
        progress.updatedAt = item.value("updatedAt", "");
        cases.push_back(std::move(progress));
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
    if (answer->status == 404) {
        const auto json = nlohmann::json::parse(answer->body, nullptr, false);
        if (json.is_object() && json.value("code", "") == "no_document")
            return std::optional<Document>{};
    }
    if (answer->status != 200)
        return base::fail(rejection(request, *answer));
    if (answer->contentType.rfind("application/pdf", 0) != 0 || answer->body.rfind("%PDF-", 0) != 0)
        return base::fail(UplinkErrc::malformed, "POST /v1/documents: the answer is not a PDF");
    return std::optional<Document>{Document{answer->documentId, std::move(answer->body)}};
}

} // namespace queue
