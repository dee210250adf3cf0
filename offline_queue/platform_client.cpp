// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/platform_client.h"

#include "base/json_reader.h"
#include "base/secure_buffer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

namespace queue {

namespace {

/// Longest error code, status or timestamp taken from an answer.
constexpr std::size_t maxCodeLength = 64;
/// Longest item name shown to the citizen.
constexpr std::size_t maxNameLength = 1024;

/// Bounds of an identity answer's fields; a real ID number has 15 or 18 characters.
constexpr std::size_t maxIdNumberLength = 32;
constexpr std::size_t maxPersonNameLength = 256;
constexpr std::size_t minTokenLength = 16;
constexpr std::size_t maxIdentityTokenLength = 512;
constexpr std::string_view resolvePath = "/v1/identity/resolve";

class IdentityCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "identity"; }
    std::string message(int value) const override
    {
        switch (static_cast<IdentityErrc>(value)) {
        case IdentityErrc::invalid_token:
            return "not an identity token";
        case IdentityErrc::unknown_token:
            return "unknown identity token";
        case IdentityErrc::expired_token:
            return "expired identity token";
        }
        return "identity error";
    }
};

bool isKnownIdType(std::string_view idType)
{
    constexpr std::array<std::string_view, 4> known{
        "resident", "hmt_residence", "foreign_permanent_2017", "foreign_permanent_2023"};
    return std::ranges::find(known, idType) != known.end();
}

/// Sends a request whose body holds an ID number, then wipes the body.
base::Result<UplinkResponse> sendPersonal(Uplink& uplink, UplinkRequest& request,
                                          std::stop_token stop = {})
{
    auto answer = uplink.send(request, std::move(stop));
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

/// The identity's fields, bounded; the idType must be one of the contract's four.
base::Result<ResolvedIdentity> readIdentityFields(const base::json::Reader& answer)
{
    ResolvedIdentity identity;
    auto idType = answer.token("idType", maxCodeLength);
    if (!idType)
        return base::fail(idType.error());
    if (!isKnownIdType(*idType))
        return base::fail(answer.error("idType: not one of the contract's ID types"));
    identity.idType = std::move(*idType);
    auto idNumber = answer.token("idNumber", maxIdNumberLength);
    if (!idNumber)
        return base::fail(idNumber.error());
    identity.idNumber = std::move(*idNumber);
    auto name = answer.string("name", maxPersonNameLength);
    if (!name)
        return base::fail(name.error());
    if (name->empty())
        return base::fail(answer.error("name: empty"));
    identity.name = std::move(*name);
    auto expiresAt = answer.string("expiresAt", maxCodeLength);
    if (!expiresAt)
        return base::fail(expiresAt.error());
    identity.expiresAt = std::move(*expiresAt);
    return identity;
}

} // namespace

void ResolvedIdentity::wipe()
{
    base::secureZero(idType);
    base::secureZero(idNumber);
    base::secureZero(name);
    base::secureZero(expiresAt);
}

const std::error_category& identityCategory()
{
    static const IdentityCategory instance;
    return instance;
}

bool isIdentityTokenText(std::string_view token)
{
    return token.size() >= minTokenLength && token.size() <= maxIdentityTokenLength &&
           std::ranges::all_of(token, [](char c) { return c >= 0x20 && c <= 0x7E; });
}

base::Result<ResolvedIdentity> readResolvedIdentity(std::string_view body)
{
    auto json = base::json::parseObject(body);
    if (!json)
        return base::fail(json.error());
    auto identity = readIdentityFields(base::json::Reader(*json));
    // The parsed copy of the name and number is zeroed before its memory is freed, so the
    // session's end leaves nothing of them in the heap (issue 14, part 3).
    for (auto& [key, value] : json->items())
        if (value.is_string())
            base::secureZero(value.get_ref<std::string&>());
    return identity;
}

base::Result<ResolvedIdentity> resolveIdentity(Uplink& uplink, std::string_view token,
                                               std::stop_token stop)
{
    const std::string what = "POST " + std::string(resolvePath);
    if (!isIdentityTokenText(token))
        return base::fail(IdentityErrc::invalid_token,
                          what + ": the token is not 16 to 512 printable ASCII characters");
    // The token identifies a person for a minute: wiped with the body, like an ID number.
    auto request = personalRequest(std::string(resolvePath), {{"token", token}});
    auto answer = sendPersonal(uplink, request, std::move(stop));
    if (!answer)
        return base::fail(answer.error());
    const bool done = answer->status >= 200 && answer->status < 300;
    const std::string code = done ? "" : platformErrorCode(answer->body);
    if (answer->status == 404 && code == "unknown_token")
        return base::fail(IdentityErrc::unknown_token, what + ": 404 unknown_token");
    if (answer->status == 410 && code == "expired_token")
        return base::fail(IdentityErrc::expired_token, what + ": 410 expired_token");
    if (!done)
        return base::fail(rejection(request, *answer));
    auto identity = readResolvedIdentity(answer->body);
    base::secureZero(answer->body);
    if (!identity)
        return base::fail(UplinkErrc::malformed, what + ": " + identity.error().message);
    return identity;
}

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
                                                   std::string_view idNumber, std::stop_token stop)
{
    auto request = personalRequest("/v1/cases/query", {{"idType", idType}, {"idNumber", idNumber}});
    auto answer = sendPersonal(uplink, request, std::move(stop));
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
                                                    std::string_view idNumber, std::stop_token stop)
{
    auto request = personalRequest(
        "/v1/documents", {{"itemCode", itemCode}, {"idType", idType}, {"idNumber", idNumber}});
    auto answer = sendPersonal(uplink, request, std::move(stop));
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
