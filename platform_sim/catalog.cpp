// SPDX-License-Identifier: Apache-2.0
#include "platform_sim/catalog.h"

#include "platform_sim/digest.h"
#include "platform_sim/file_io.h"

namespace platform_sim {

namespace {
using nlohmann::json;

std::string_view trimmed(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string_view withoutWeakPrefix(std::string_view tag)
{
    return tag.starts_with("W/") ? tag.substr(2) : tag;
}

CatalogInfo infoFromCatalog(const json& catalog)
{
    CatalogInfo info;
    for (const json& item : catalog.value("items", json::array())) {
        if (!item.is_object() || !item.value("code", json()).is_string())
            continue;
        const auto code = item["code"].get<std::string>();
        const json name = item.value("name", json());
        info.itemNames[code] = name.is_string() ? name.get<std::string>() : code;
    }
    for (const json& reason : catalog.value("reasons", json::array())) {
        if (reason.is_object() && reason.value("code", json()).is_string())
            info.reasonCodes.insert(reason["code"].get<std::string>());
    }
    return info;
}
} // namespace

Reply catalogReply(const std::string& path, std::string_view ifNoneMatch)
{
    if (path.empty())
        return errorReply(404, "no_catalog", "no catalog is published");
    auto bytes = readFile(path);
    if (!bytes)
        return errorReply(404, "no_catalog", "no catalog is published");
    return catalogReplyFromBytes(std::move(*bytes), ifNoneMatch);
}

Reply catalogReplyFromBytes(std::string bytes, std::string_view ifNoneMatch)
{
    const std::string etag = catalogEtag(bytes);
    if (!ifNoneMatch.empty() && etagMatches(ifNoneMatch, etag))
        return Reply{304, {}, {}, {{"ETag", etag}}};
    return Reply{200, std::move(bytes), "application/json", {{"ETag", etag}}};
}

std::string catalogEtag(const std::string& bytes)
{
    return "\"" + sha256Hex(bytes) + "\"";
}

std::string envelopeShapeProblem(const std::string& bytes)
{
    const json envelope = json::parse(bytes, nullptr, false);
    if (!envelope.is_object())
        return "the body is not a JSON object";
    for (const char* member : {"alg", "keyId", "payload", "signature"}) {
        const json value = envelope.value(member, json());
        if (!value.is_string() || value.get_ref<const std::string&>().empty())
            return std::string("'") + member + "' must be a non-empty string";
    }
    return {};
}

CatalogInfo readCatalogInfo(const std::string& path)
{
    if (path.empty())
        return {};
    const auto bytes = readFile(path);
    if (!bytes)
        return {};
    const json envelope = json::parse(*bytes, nullptr, false);
    if (!envelope.is_object() || !envelope.value("payload", json()).is_string())
        return {};
    const auto payload = decodeBase64(envelope["payload"].get<std::string>());
    if (!payload)
        return {};
    const json catalog = json::parse(*payload, nullptr, false);
    return catalog.is_object() ? infoFromCatalog(catalog) : CatalogInfo{};
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag)
{
    std::size_t start = 0;
    while (start <= ifNoneMatch.size()) {
        const auto comma = std::min(ifNoneMatch.find(',', start), ifNoneMatch.size());
        const auto tag = trimmed(ifNoneMatch.substr(start, comma - start));
        if (tag == "*" || withoutWeakPrefix(tag) == withoutWeakPrefix(etag))
            return true;
        start = comma + 1;
    }
    return false;
}

} // namespace platform_sim
