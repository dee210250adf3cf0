// SPDX-License-Identifier: Apache-2.0
// A checked reader over nlohmann::json for everything from outside: never throws, and turns a
// wrong shape or type into an Error naming the path ("commands[0].type: expected a string, got
// number"), never the value, which may be personal data.
#pragma once

#include "base/result.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace base::json {

using Json = nlohmann::json;

/// Bounds on a document from outside. The depth bound matters beyond memory: nlohmann copies,
/// compares and dumps recursively, so a deep document could overflow the stack later.
struct ParseLimits {
    std::size_t maxBytes = 4 * 1024 * 1024;
    std::size_t maxDepth = 64;
};

/// Parses `text`; errc::parse for invalid JSON, too many bytes or too deep nesting.
[[nodiscard]] Result<Json> parse(std::string_view text, ParseLimits limits = {});

/// "object", "array", "string", "number", "boolean", "null": for messages.
[[nodiscard]] std::string_view typeName(const Json& value);

/// Serialises without throwing: strings that are not UTF-8 (possible only in values built
/// by the kiosk, never in parsed ones) are an errc::invalid_argument instead of an exception.
[[nodiscard]] Result<std::string> dump(const Json& value);

/// Zeroes every string value of `value` in place, then empties it: a JSON document that held
/// personal data (a case body) leaves none of it in freed memory. Member names are the
/// kiosk's own (field ids) and are not zeroed.
void wipe(Json& value);

/// Longest string read by default. Ids and codes have their own, smaller bound (maxTokenLength).
inline constexpr std::size_t maxStringLength = 64 * 1024;
/// Longest id, code or number the platform may send (caseNo, command id, error code).
inline constexpr std::size_t maxTokenLength = 128;

/// A view of one value inside a document, with its path for messages. Borrows the document,
/// which must outlive it. Every accessor checks that this value is an object first.
class Reader {
public:
    explicit Reader(const Json& value, std::string path = {});

    [[nodiscard]] const Json& value() const { return *value_; }
    [[nodiscard]] const std::string& path() const { return path_; }
    /// An error (errc::parse) about this value: "<path>: <what>".
    [[nodiscard]] Error error(std::string_view what) const;

    /// This value as an object (errors unless it is one).
    [[nodiscard]] Result<Reader> asObject() const;
    /// This value as a string of at most `maxLength` bytes.
    [[nodiscard]] Result<std::string> asString(std::size_t maxLength = maxStringLength) const;

    /// A required member of each type. Missing, null or another type is an error.
    [[nodiscard]] Result<std::string> string(std::string_view key,
                                             std::size_t maxLength = maxStringLength) const;
    /// An id or code: 1..maxLength bytes of printable ASCII without spaces, so it is safe to
    /// log, show on a terminal and store. Anything else is an error.
    [[nodiscard]] Result<std::string> token(std::string_view key,
                                            std::size_t maxLength = maxTokenLength) const;
    [[nodiscard]] Result<std::int64_t> integer(std::string_view key) const;
    [[nodiscard]] Result<bool> boolean(std::string_view key) const;
    [[nodiscard]] Result<Reader> object(std::string_view key) const;
    /// The elements of an array member, each with its path ("commands[2]").
    [[nodiscard]] Result<std::vector<Reader>> array(std::string_view key) const;

    /// Optional members: absent or null is std::nullopt; another type is still an error.
    [[nodiscard]] Result<std::optional<std::string>>
    optionalString(std::string_view key, std::size_t maxLength = maxStringLength) const;
    [[nodiscard]] Result<std::optional<std::string>>
    optionalToken(std::string_view key, std::size_t maxLength = maxTokenLength) const;
    [[nodiscard]] Result<std::optional<Reader>> optionalObject(std::string_view key) const;

private:
    /// The member `key`, or nullptr when absent or null; an error if this is not an object.
    [[nodiscard]] Result<const Json*> member(std::string_view key) const;
    /// The member `key`, which must be present and not null.
    [[nodiscard]] Result<Reader> required(std::string_view key) const;
    [[nodiscard]] Reader child(std::string_view key, const Json& value) const;
    /// std::nullopt when `key` is absent or null, else what `read(key, member)` reads.
    template <class T, class Read>
    [[nodiscard]] Result<std::optional<T>> optionalMember(std::string_view key, Read read) const;

    const Json* value_;
    std::string path_;
};

/// Parses `text` and checks that it is an object: the usual first step for an answer.
[[nodiscard]] Result<Json> parseObject(std::string_view text, ParseLimits limits = {});

} // namespace base::json
