// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/identity.h"

#include <algorithm>
#include <array>

namespace platform_sim {

namespace {
using nlohmann::json;

constexpr std::size_t minTokenLength = 16;
constexpr std::size_t maxTokenLength = 512;
/// A day: tests and the demo need minutes; anything longer is a mistake in the request.
constexpr std::int64_t maxTtlS = 24 * 3600;

bool isTokenText(std::string_view token)
{
    return token.size() >= minTokenLength && token.size() <= maxTokenLength &&
           std::ranges::all_of(token, [](char c) { return c >= 0x20 && c <= 0x7E; });
}

bool isIdType(std::string_view idType)
{
    constexpr std::array<std::string_view, 4> known{
        "resident", "hmt_residence", "foreign_permanent_2017", "foreign_permanent_2023"};
    return std::ranges::find(known, idType) != known.end();
}

/// The first field of `identity` that is not usable, or "" when all are.
std::string badField(const IdentityToken& identity)
{
    if (!isTokenText(identity.token))
        return "token (16 to 512 printable ASCII characters)";
    if (!isIdType(identity.idType))
        return "idType";
    if (identity.idNumber.empty())
        return "idNumber";
    if (identity.name.empty())
        return "name";
    if (identity.ttl.count() < 0 || identity.ttl.count() > maxTtlS)
        return "ttlS (0 to 86400)";
    return {};
}

std::string stringMember(const json& body, const char* key)
{
    const auto found = body.find(key);
    return found != body.end() && found->is_string() ? found->get<std::string>() : std::string();
}
} // namespace

IdentityTokens::IdentityTokens(const base::Clock& clock) : clock_(clock) {}

base::Result<std::string> IdentityTokens::add(IdentityToken token)
{
    if (const std::string bad = badField(token); !bad.empty())
        return base::fail(base::errc::invalid_argument, "identity token: bad " + bad);
    const auto expiresAt = clock_.now() + token.ttl;
    std::lock_guard lock(mutex_);
    std::string key = token.token;
    tokens_.insert_or_assign(std::move(key), Entry{std::move(token), expiresAt});
    return base::toRfc3339(expiresAt);
}

Reply IdentityTokens::addFromJson(std::string_view text)
{
    const json body = json::parse(text, nullptr, false);
    if (!body.is_object())
        return errorReply(400, "invalid_identity_token", "expected a JSON object");
    IdentityToken token;
    token.token = stringMember(body, "token");
    token.idType = stringMember(body, "idType");
    token.idNumber = stringMember(body, "idNumber");
    token.name = stringMember(body, "name");
    if (const auto ttl = body.find("ttlS"); ttl != body.end()) {
        if (!ttl->is_number_integer())
            return errorReply(400, "invalid_identity_token", "bad ttlS (an integer)");
        token.ttl = std::chrono::seconds(ttl->get<std::int64_t>());
    }
    std::string key = token.token;
    auto added = add(std::move(token));
    if (!added)
        return errorReply(400, "invalid_identity_token", added.error().message);
    return jsonReply(201, {{"token", key}, {"expiresAt", *added}});
}

Reply IdentityTokens::resolve(std::string_view text) const
{
    const json body = json::parse(text, nullptr, false);
    const std::string token = body.is_object() ? stringMember(body, "token") : "";
    if (!isTokenText(token))
        return errorReply(422, "invalid_token",
                          "token must be 16 to 512 printable ASCII characters");
    std::lock_guard lock(mutex_);
    const auto found = tokens_.find(token);
    if (found == tokens_.end())
        return errorReply(404, "unknown_token", "this token was not issued");
    if (clock_.now() >= found->second.expiresAt)
        return errorReply(410, "expired_token", "this token has expired");
    const IdentityToken& identity = found->second.identity;
    return jsonReply(200, {{"idType", identity.idType},
                           {"idNumber", identity.idNumber},
                           {"name", identity.name},
                           {"expiresAt", base::toRfc3339(found->second.expiresAt)}});
}

std::size_t IdentityTokens::size() const
{
    std::lock_guard lock(mutex_);
    return tokens_.size();
}

void IdentityTokens::clear()
{
    std::lock_guard lock(mutex_);
    tokens_.clear();
}

} // namespace platform_sim
