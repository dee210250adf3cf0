// SPDX-License-Identifier: Apache-2.0
#include "base/json_reader.h"

#include "base/secure_buffer.h"

#include <algorithm>
#include <limits>

namespace base::json {

namespace {

std::string expected(std::string_view what, const Json& got)
{
    return "expected " + std::string(what) + ", got " + std::string(typeName(got));
}

bool isTokenChar(char c)
{
    return c > ' ' && c < 0x7f; // printable ASCII, no space: nothing a terminal interprets
}

} // namespace

Result<Json> parse(std::string_view text, ParseLimits limits)
{
    if (text.size() > limits.maxBytes)
        return fail(errc::parse, "longer than " + std::to_string(limits.maxBytes) + " bytes");
    bool tooDeep = false;
    // The callback sees every start of an object or array with its depth; the parser itself
    // is iterative, so checking here bounds everything done with the document afterwards.
    const Json::parser_callback_t depthCheck = [&](int depth, Json::parse_event_t event, Json&) {
        const bool opens =
            event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start;
        if (opens && static_cast<std::size_t>(depth) >= limits.maxDepth)
            tooDeep = true;
        return !tooDeep;
    };
    Json document = Json::parse(text.begin(), text.end(), depthCheck, false);
    if (tooDeep)
        return fail(errc::parse, "nested deeper than " + std::to_string(limits.maxDepth));
    if (document.is_discarded())
        return fail(errc::parse, "not valid JSON");
    return document;
}

Result<Json> parseObject(std::string_view text, ParseLimits limits)
{
    auto document = parse(text, limits);
    if (document && !document->is_object())
        return fail(errc::parse, expected("an object", *document));
    return document;
}

std::string_view typeName(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::object:
        return "object";
    case Json::value_t::array:
        return "array";
    case Json::value_t::string:
        return "string";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "number";
    case Json::value_t::binary:
        return "binary";
    case Json::value_t::null:
    case Json::value_t::discarded:
        break;
    }
    return "null";
}

namespace {

/// The most characters `value` can take as compact JSON: every byte of a string escaped as
/// \uXXXX at worst, and room for the punctuation and numbers.
std::size_t dumpedSizeBound(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::string:
        return 6 * value.get_ref<const std::string&>().size() + 2;
    case Json::value_t::object: {
        std::size_t size = 2;
        for (const auto& [key, member] : value.items())
            size += 6 * key.size() + 4 + dumpedSizeBound(member);
        return size;
    }
    case Json::value_t::array: {
        std::size_t size = 2;
        for (const auto& element : value)
            size += 1 + dumpedSizeBound(element);
        return size;
    }
    default:
        return 32; // numbers, true, false, null
    }
}

} // namespace

Result<std::string> dump(const Json& value)
{
    try {
        // Serialised into room reserved up front: a growing string would leave copies of
        // what it held so far (personal data, in a case body) in freed memory. nlohmann's own
        // dump() does the same with a string of its own, which cannot be reserved.
        std::string out;
        out.reserve(dumpedSizeBound(value));
        nlohmann::detail::serializer<Json> serializer(
            nlohmann::detail::output_adapter<char, std::string>(out), ' ',
            Json::error_handler_t::strict);
        serializer.dump(value, false, false, 0);
        return out;
    } catch (const Json::exception&) {
        // Only type_error 316 (a string that is not UTF-8) can happen here; its message
        // quotes the offending bytes, so it is not passed on.
        return fail(errc::invalid_argument, "a string is not valid UTF-8");
    }
}

void wipe(Json& value)
{
    switch (value.type()) {
    case Json::value_t::string:
        secureZero(value.get_ref<std::string&>());
        break;
    case Json::value_t::object:
        for (auto& [key, member] : value.items())
            wipe(member);
        break;
    case Json::value_t::array:
        for (auto& element : value)
            wipe(element);
        break;
    default:
        break;
    }
    value = nullptr;
}

Reader::Reader(const Json& value, std::string path) : value_(&value), path_(std::move(path)) {}

Error Reader::error(std::string_view what) const
{
    return Error{make_error_code(errc::parse),
                 (path_.empty() ? std::string("(root)") : path_) + ": " + std::string(what)};
}

Result<Reader> Reader::asObject() const
{
    if (!value_->is_object())
        return fail(error(expected("an object", *value_)));
    return *this;
}

Result<std::string> Reader::asString(std::size_t maxLength) const
{
    if (!value_->is_string())
        return fail(error(expected("a string", *value_)));
    const auto& text = value_->get_ref<const std::string&>();
    if (text.size() > maxLength)
        return fail(error("longer than " + std::to_string(maxLength) + " bytes"));
    return text;
}

Reader Reader::child(std::string_view key, const Json& value) const
{
    return Reader(value, path_.empty() ? std::string(key) : path_ + "." + std::string(key));
}

Result<const Json*> Reader::member(std::string_view key) const
{
    if (!value_->is_object())
        return fail(error(expected("an object", *value_)));
    const auto found = value_->find(key);
    if (found == value_->end() || found->is_null())
        return nullptr;
    return &*found;
}

Result<Reader> Reader::required(std::string_view key) const
{
    auto found = member(key);
    if (!found)
        return fail(found.error());
    if (*found == nullptr)
        return fail(child(key, *value_).error("missing"));
    return child(key, **found);
}

Result<std::string> Reader::string(std::string_view key, std::size_t maxLength) const
{
    auto found = required(key);
    if (!found)
        return fail(found.error());
    return found->asString(maxLength);
}

Result<std::string> Reader::token(std::string_view key, std::size_t maxLength) const
{
    auto text = string(key, maxLength);
    if (text && (text->empty() || !std::all_of(text->begin(), text->end(), isTokenChar)))
        return fail(child(key, *value_).error("not an id (printable ASCII without spaces)"));
    return text;
}

Result<std::int64_t> Reader::integer(std::string_view key) const
{
    auto found = required(key);
    if (!found)
        return fail(found.error());
    const Json& value = found->value();
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
        return fail(found->error("out of range"));
    if (!value.is_number_integer())
        return fail(found->error(expected("an integer", value)));
    return value.get<std::int64_t>();
}

Result<bool> Reader::boolean(std::string_view key) const
{
    auto found = required(key);
    if (!found)
        return fail(found.error());
    if (!found->value().is_boolean())
        return fail(found->error(expected("a boolean", found->value())));
    return found->value().get<bool>();
}

Result<Reader> Reader::object(std::string_view key) const
{
    auto found = required(key);
    if (!found)
        return fail(found.error());
    return found->asObject();
}

Result<std::vector<Reader>> Reader::array(std::string_view key) const
{
    auto found = required(key);
    if (!found)
        return fail(found.error());
    if (!found->value().is_array())
        return fail(found->error(expected("an array", found->value())));
    std::vector<Reader> elements;
    elements.reserve(found->value().size());
    for (std::size_t i = 0; i < found->value().size(); ++i)
        elements.emplace_back(found->value()[i], found->path() + "[" + std::to_string(i) + "]");
    return elements;
}

template <class T, class Read>
Result<std::optional<T>> Reader::optionalMember(std::string_view key, Read read) const
{
    auto found = member(key);
    if (!found)
        return fail(found.error());
    if (*found == nullptr)
        return std::optional<T>{};
    auto value = read(key, **found);
    if (!value)
        return fail(value.error());
    return std::optional<T>{std::move(*value)};
}

Result<std::optional<std::string>> Reader::optionalString(std::string_view key,
                                                          std::size_t maxLength) const
{
    return optionalMember<std::string>(key, [&](std::string_view name, const Json& value) {
        return child(name, value).asString(maxLength);
    });
}

Result<std::optional<std::string>> Reader::optionalToken(std::string_view key,
                                                         std::size_t maxLength) const
{
    return optionalMember<std::string>(
        key, [&](std::string_view name, const Json&) { return token(name, maxLength); });
}

Result<std::optional<Reader>> Reader::optionalObject(std::string_view key) const
{
    return optionalMember<Reader>(key, [&](std::string_view name, const Json& value) {
        return child(name, value).asObject();
    });
}

} // namespace base::json
