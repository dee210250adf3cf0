// SPDX-License-Identifier: Apache-2.0
#include "drivers/review_tablet/tablet_message.h"

#include "base/json_reader.h"
#include "hal/errc.h"

#include <algorithm>

namespace drivers::review_tablet {

namespace {

using base::json::Json;
using base::json::Reader;

/// A model or firmware name: short, and no control characters (it reaches the status).
constexpr std::size_t kMaxNameBytes = 128;
/// More reasons than any catalog offers: the rest of the list is refused, not truncated.
constexpr std::size_t kMaxReasons = 32;
constexpr std::size_t kMaxCommentBytes = 4096;

base::Error outOfRange(const Reader& reader, std::string_view what)
{
    return base::Error{make_error_code(hal::errc::protocol),
                       reader.path().empty() ? std::string(what)
                                             : reader.path() + ": " + std::string(what)};
}

bool printable(std::string_view text)
{
    return std::none_of(text.begin(), text.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

base::Result<std::string> name(const Reader& reader, std::string_view key)
{
    auto value = reader.optionalString(key, kMaxNameBytes);
    if (!value)
        return base::fail(value.error());
    if (!*value)
        return std::string{};
    if (!printable(**value))
        return base::fail(reader.error(std::string(key) + ": control characters"));
    return std::move(**value);
}

base::Result<TabletMessage> readHello(const Reader& reader)
{
    HelloMessage hello;
    auto model = name(reader, "model");
    if (!model)
        return base::fail(model.error());
    auto firmware = name(reader, "firmware");
    if (!firmware)
        return base::fail(firmware.error());
    hello.info.model = std::move(*model);
    hello.info.firmware = std::move(*firmware);
    const Json& keys = reader.value().contains("keys") ? reader.value()["keys"] : Json();
    if (keys.is_number_integer()) {
        auto count = reader.integer("keys");
        if (!count)
            return base::fail(count.error());
        if (*count != 4 && *count != 5)
            return base::fail(outOfRange(reader, "keys: 4, 5 or \"touch\" expected"));
        hello.info.input = hal::TabletInput::Keys;
        hello.info.keys = static_cast<int>(*count);
        return hello;
    }
    auto touch = reader.string("keys", 16);
    if (!touch)
        return base::fail(touch.error());
    if (*touch != "touch")
        return base::fail(outOfRange(reader, "keys: 4, 5 or \"touch\" expected"));
    hello.info.input = hal::TabletInput::Touch;
    return hello;
}

base::Result<std::int64_t> sequence(const Reader& reader)
{
    auto seq = reader.integer("seq");
    if (!seq)
        return base::fail(seq.error());
    if (*seq < 0)
        return base::fail(outOfRange(reader, "seq: negative"));
    return *seq;
}

base::Result<std::vector<std::string>> readReasons(const Reader& reader)
{
    std::vector<std::string> codes;
    const Json& value = reader.value().contains("reasons") ? reader.value()["reasons"] : Json();
    if (value.is_null())
        return codes;
    auto items = reader.array("reasons");
    if (!items)
        return base::fail(items.error());
    if (items->size() > kMaxReasons)
        return base::fail(outOfRange(reader, "reasons: too many"));
    for (const auto& item : *items) {
        auto code = item.asString(base::json::maxTokenLength);
        if (!code)
            return base::fail(code.error());
        if (code->empty() || !printable(*code) || code->find(' ') != std::string::npos)
            return base::fail(item.error("not a reason code"));
        codes.push_back(std::move(*code));
    }
    return codes;
}

base::Result<TabletMessage> readRating(const Reader& reader)
{
    RatingMessage message;
    auto id = reader.token("requestId");
    if (!id)
        return base::fail(id.error());
    auto level = reader.integer("level");
    if (!level)
        return base::fail(level.error());
    if (*level < 1 || *level > 5)
        return base::fail(outOfRange(reader, "level: 1 to 5 expected"));
    auto reasons = readReasons(reader);
    if (!reasons)
        return base::fail(reasons.error());
    auto comment = reader.optionalString("comment", kMaxCommentBytes);
    if (!comment)
        return base::fail(comment.error());
    message.requestId = std::move(*id);
    message.rating = {static_cast<int>(*level), std::move(*reasons),
                      comment->value_or(std::string{})};
    return message;
}

base::Result<TabletMessage> readError(const Reader& reader)
{
    auto code = reader.token("code", 64);
    if (!code)
        return base::fail(code.error());
    auto id = reader.optionalToken("requestId");
    if (!id)
        return base::fail(id.error());
    return ErrorMessage{std::move(*code), std::move(*id)};
}

base::Result<TabletMessage> readMessage(const Reader& reader)
{
    auto type = reader.token("type", 32);
    if (!type)
        return base::fail(type.error());
    if (*type == "hello")
        return readHello(reader);
    if (*type == "ping" || *type == "pong") {
        auto seq = sequence(reader);
        if (!seq)
            return base::fail(seq.error());
        if (*type == "ping")
            return PingMessage{*seq};
        return PongMessage{*seq};
    }
    if (*type == "rating")
        return readRating(reader);
    if (*type == "timeout") {
        auto id = reader.token("requestId");
        if (!id)
            return base::fail(id.error());
        return TimeoutMessage{std::move(*id)};
    }
    if (*type == "error")
        return readError(reader);
    // Not the value: a tablet's unknown type could be anything.
    return base::fail(hal::errc::unsupported, "type: not a message type of this protocol");
}

std::string line(const Json& value)
{
    // Every value here is built by the kiosk from ASCII ids and integers: dump cannot fail.
    auto text = base::json::dump(value);
    return (text ? *text : std::string("{}")) + "\n";
}

} // namespace

std::string_view toString(LineProblem problem)
{
    switch (problem) {
    case LineProblem::Malformed:
        return "malformed line";
    case LineProblem::UnknownType:
        return "unknown message type";
    case LineProblem::OutOfRange:
        return "value out of range";
    case LineProblem::TooLong:
        return "line over 64 KiB";
    case LineProblem::Stale:
        return "answer for a request not shown";
    }
    return "unknown problem";
}

LineProblem problemOf(const base::Error& error)
{
    if (error.code == make_error_code(hal::errc::unsupported))
        return LineProblem::UnknownType;
    if (error.code == make_error_code(hal::errc::protocol))
        return LineProblem::OutOfRange;
    return LineProblem::Malformed;
}

base::Result<TabletMessage> parseTabletLine(std::string_view text)
{
    if (text.size() > kMaxLineBytes)
        return base::fail(base::errc::parse, "line over 64 KiB");
    auto document = base::json::parseObject(text, {kMaxLineBytes, 8});
    if (!document)
        return base::fail(document.error());
    return readMessage(Reader(*document));
}

base::Result<std::string> encodeShow(const std::string& requestId,
                                     const hal::RatingRequest& request)
{
    Json reasons = Json::array();
    for (const auto& reason : request.reasons)
        reasons.push_back({{"code", reason.code}, {"text", reason.text}});
    const Json message = {{"type", "show"},
                          {"requestId", requestId},
                          {"itemName", request.itemName},
                          {"caseRef", request.caseRef},
                          {"levels", {5, 4, 3, 2, 1}},
                          {"reasons", std::move(reasons)},
                          {"timeoutS", request.timeout.count()}};
    auto text = base::json::dump(message);
    if (!text)
        return base::fail(text.error());
    return *text + "\n";
}

std::string encodeCancel(const std::string& requestId)
{
    return line({{"type", "cancel"}, {"requestId", requestId}});
}

std::string encodeIdle()
{
    return line({{"type", "idle"}});
}

std::string encodePing(std::int64_t seq)
{
    return line({{"type", "ping"}, {"seq", seq}});
}

std::string encodePong(std::int64_t seq)
{
    return line({{"type", "pong"}, {"seq", seq}});
}

std::string encodeReasonRequired(const std::string& requestId)
{
    return line({{"type", "error"}, {"code", "reason_required"}, {"requestId", requestId}});
}

} // namespace drivers::review_tablet
