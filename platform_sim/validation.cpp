// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/validation.h"

#include "platform_sim/digest.h"

#include <algorithm>
#include <initializer_list>
#include <regex>

namespace platform_sim {

namespace {
using nlohmann::json;

enum class Kind { Text, Integer, Number, Object, Array, Time };

/// A required field: where it is (JSON pointer) and what it must be.
struct Field {
    const char* pointer;
    Kind kind;
};

bool hasKind(const json& value, Kind kind)
{
    switch (kind) {
    case Kind::Text:
        return value.is_string() && !value.get_ref<const std::string&>().empty();
    case Kind::Integer:
        return value.is_number_integer();
    case Kind::Number:
        return value.is_number();
    case Kind::Object:
        return value.is_object();
    case Kind::Array:
        return value.is_array();
    case Kind::Time:
        return value.is_string() && isRfc3339(value.get_ref<const std::string&>());
    }
    return false;
}

const char* kindName(Kind kind)
{
    switch (kind) {
    case Kind::Text:
        return "a non-empty string";
    case Kind::Integer:
        return "an integer";
    case Kind::Number:
        return "a number";
    case Kind::Object:
        return "an object";
    case Kind::Array:
        return "an array";
    case Kind::Time:
        return "an RFC 3339 time with offset";
    }
    return "?";
}

/// "applicant/idNumber must be a non-empty string" for the first field that is not as listed
/// (parents are listed before their children, so the message names the outermost problem).
std::optional<std::string> firstBadField(const json& body, std::initializer_list<Field> fields)
{
    if (!body.is_object())
        return "the body must be a JSON object";
    for (const Field& field : fields) {
        const json::json_pointer pointer(field.pointer);
        if (!body.contains(pointer) || !hasKind(body.at(pointer), field.kind))
            return std::string(field.pointer + 1) + " must be " + kindName(field.kind);
    }
    return std::nullopt;
}

bool isOneOf(const json& value, std::initializer_list<std::string_view> allowed)
{
    return value.is_string() &&
           std::ranges::find(allowed, value.get_ref<const std::string&>()) != allowed.end();
}

bool isStringArray(const json& value)
{
    return value.is_array() &&
           std::ranges::all_of(value, [](const json& v) { return v.is_string(); });
}

/// An optional field: absent, or of the given kind.
bool absentOr(const json& body, const char* key, bool (*valid)(const json&))
{
    return !body.contains(key) || valid(body.at(key));
}

std::optional<std::string> badMaterial(const json& material)
{
    if (auto bad = firstBadField(material, {{"/name", Kind::Text},
                                            {"/sha256", Kind::Text},
                                            {"/size", Kind::Integer},
                                            {"/contentType", Kind::Text}}))
        return bad;
    if (!isSha256Hex(material["sha256"].get_ref<const std::string&>()))
        return "sha256 must be 64 hex digits";
    if (material["size"].get<long long>() < 0)
        return "size must not be negative";
    return std::nullopt;
}

std::optional<std::string> badMaterials(const json& materials)
{
    for (std::size_t i = 0; i < materials.size(); ++i) {
        if (auto bad = badMaterial(materials[i]))
            return "materials/" + std::to_string(i) + ": " + *bad;
    }
    return std::nullopt;
}

std::optional<std::string> badDelivery(const json& delivery)
{
    if (!isOneOf(delivery["method"], {"pickup", "post"}))
        return "delivery/method must be pickup or post";
    if (delivery["method"] == "post" && !hasKind(delivery.value("address", json()), Kind::Text))
        return "delivery/address must be a non-empty string for post";
    return std::nullopt;
}

/// The consistency rules of a case once its fields have the right types.
std::optional<std::string> inconsistentCase(const json& body, const Caller& caller)
{
    if (toLower(body["submissionId"].get<std::string>()) != caller.idempotencyKey)
        return "submissionId must be the Idempotency-Key";
    if (body["kioskId"] != caller.kioskId)
        return "kioskId must be the X-Kiosk-Id";
    if (!isOneOf(body["applicant"]["idType"], {"resident", "foreign_permanent_2017",
                                               "foreign_permanent_2023", "hmt_residence", "other"}))
        return "applicant/idType is not one of the contract's ID types";
    if (!absentOr(body["applicant"], "phone", [](const json& v) { return v.is_string(); }))
        return "applicant/phone must be a string";
    if (auto bad = badMaterials(body["materials"]))
        return bad;
    return badDelivery(body["delivery"]);
}

bool hasKnownReason(const json& body, const std::set<std::string>& reasonCodes)
{
    return std::ranges::any_of(body.value("reasons", json::array()), [&](const json& reason) {
        return !reason.get_ref<const std::string&>().empty() &&
               (reasonCodes.empty() || reasonCodes.contains(reason.get<std::string>()));
    });
}

std::optional<std::string> badEvaluation(const json& body, const Caller& caller)
{
    if (auto bad = firstBadField(body, {{"/evaluationId", Kind::Text},
                                        {"/kioskId", Kind::Text},
                                        {"/itemCode", Kind::Text},
                                        {"/channel", Kind::Text},
                                        {"/evaluatedAt", Kind::Time}}))
        return bad;
    if (toLower(body["evaluationId"].get<std::string>()) != caller.idempotencyKey)
        return "evaluationId must be the Idempotency-Key";
    if (body["kioskId"] != caller.kioskId)
        return "kioskId must be the X-Kiosk-Id";
    if (!isOneOf(body["channel"], {"kiosk", "tablet", "qr"}))
        return "channel must be kiosk, tablet or qr";
    const auto text = [](const json& v) {
        return hasKind(v, Kind::Text);
    };
    if (!absentOr(body, "caseNo", text) || !absentOr(body, "submissionId", text) ||
        (!body.contains("caseNo") && !body.contains("submissionId")))
        return "caseNo or submissionId must identify the case";
    if (!absentOr(body, "comment", [](const json& v) { return v.is_string(); }))
        return "comment must be a string";
    return std::nullopt;
}

Reply unprocessable(std::string_view code, const std::string& message)
{
    return errorReply(422, code, message);
}
} // namespace

std::optional<Reply> checkCase(const json& body, const Caller& caller)
{
    auto bad = firstBadField(body, {{"/submissionId", Kind::Text},
                                    {"/kioskId", Kind::Text},
                                    {"/itemCode", Kind::Text},
                                    {"/catalogVersion", Kind::Integer},
                                    {"/applicant", Kind::Object},
                                    {"/applicant/idType", Kind::Text},
                                    {"/applicant/idNumber", Kind::Text},
                                    {"/applicant/name", Kind::Text},
                                    {"/form", Kind::Object},
                                    {"/materials", Kind::Array},
                                    {"/delivery", Kind::Object},
                                    {"/delivery/method", Kind::Text},
                                    {"/createdAt", Kind::Time}});
    if (!bad)
        bad = inconsistentCase(body, caller);
    return bad ? std::optional(unprocessable("invalid_case", *bad)) : std::nullopt;
}

std::optional<Reply> checkEvaluation(const json& body, const Caller& caller,
                                     const std::set<std::string>& reasonCodes)
{
    if (!body.is_object())
        return unprocessable("invalid_evaluation", "the body must be a JSON object");
    const json level = body.value("level", json());
    if (!level.is_number_integer() || level.get<long long>() < 1 || level.get<long long>() > 5)
        return unprocessable("invalid_level", "level must be an integer from 1 to 5");
    if (!absentOr(body, "reasons", isStringArray))
        return unprocessable("invalid_evaluation", "reasons must be an array of reason codes");
    if (level.get<int>() <= 2 && !hasKnownReason(body, reasonCodes))
        return unprocessable("reason_required",
                             "levels 1 and 2 need a reason code from the catalog's reason list");
    if (auto bad = badEvaluation(body, caller))
        return unprocessable("invalid_evaluation", *bad);
    return std::nullopt;
}

namespace {
/// The heartbeat's optional "results" (README): an object of command results.
bool validResults(const json& results)
{
    if (!results.is_object())
        return false;
    return std::ranges::all_of(results, [](const json& result) {
        const auto text = [&](const char* member) {
            return !result.contains(member) || result[member].is_string();
        };
        return result.is_object() && result.contains("ok") && result["ok"].is_boolean() &&
               text("error") && text("detail");
    });
}
} // namespace

std::optional<Reply> checkHeartbeat(const json& body)
{
    auto bad = firstBadField(body, {{"/time", Kind::Time},
                                    {"/softwareVersion", Kind::Text},
                                    {"/catalogVersion", Kind::Integer},
                                    {"/queue", Kind::Object},
                                    {"/queue/pending", Kind::Integer},
                                    {"/queue/deadLetter", Kind::Integer},
                                    {"/queue/oldestPendingAgeS", Kind::Number},
                                    {"/devices", Kind::Array}});
    if (!bad && !std::ranges::all_of(body["devices"], [](const json& d) { return d.is_object(); }))
        bad = "devices must be an array of objects";
    if (!bad && !absentOr(body, "ackedCommands", isStringArray))
        bad = "ackedCommands must be an array of command ids";
    if (!bad && body.contains("auditAnchor") &&
        firstBadField(body,
                      {{"/auditAnchor/seq", Kind::Integer}, {"/auditAnchor/hash", Kind::Text}}))
        bad = "auditAnchor must be {\"seq\": integer, \"hash\": string}";
    if (!bad && body.contains("results") && !validResults(body["results"]))
        bad = "results must be {\"<command id>\": {\"ok\": boolean, \"error\": string, "
              "\"detail\": string}}";
    return bad ? std::optional(unprocessable("invalid_heartbeat", *bad)) : std::nullopt;
}

std::optional<Reply> checkPersonQuery(const json& body, bool needItem)
{
    auto bad = firstBadField(body, {{"/idType", Kind::Text}, {"/idNumber", Kind::Text}});
    if (!bad && needItem)
        bad = firstBadField(body, {{"/itemCode", Kind::Text}});
    return bad ? std::optional(unprocessable("invalid_query", *bad)) : std::nullopt;
}

bool isRfc3339(std::string_view text)
{
    static const std::regex pattern(
        R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))");
    return std::regex_match(text.begin(), text.end(), pattern);
}

} // namespace platform_sim
