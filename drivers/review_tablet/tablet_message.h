// SPDX-License-Identifier: Apache-2.0
// The review-tablet link protocol (../shared/specs/review-tablet.md): one JSON object per
// line. Parses what the tablet sends through base::json's checked reader (nothing throws)
// and encodes what the kiosk sends.
#pragma once

#include "base/result.h"
#include "hal/review_tablet.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace drivers::review_tablet {

/// Lines longer than this are a protocol error (the spec's 64 KiB).
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;

struct HelloMessage {
    hal::TabletInfo info;
};
struct PingMessage {
    std::int64_t seq = 0;
};
struct PongMessage {
    std::int64_t seq = 0;
};
struct RatingMessage {
    std::string requestId;
    hal::Rating rating;
};
struct TimeoutMessage {
    std::string requestId;
};
struct ErrorMessage {
    std::string code; ///< busy | bad_request (others are passed on as they are)
    std::optional<std::string> requestId;
};

using TabletMessage = std::variant<HelloMessage, PingMessage, PongMessage, RatingMessage,
                                   TimeoutMessage, ErrorMessage>;

/// What is wrong with a refused line; the driver logs each kind once per connection.
enum class LineProblem { Malformed, UnknownType, OutOfRange, TooLong, Stale };
std::string_view toString(LineProblem problem);

/// The problem behind a parse error (its code).
[[nodiscard]] LineProblem problemOf(const base::Error& error);

/// Parses one line (without its '\n'). Errors say what is wrong and where, never the
/// values: base::errc::parse (not JSON, wrong shape), hal::errc::unsupported (unknown type),
/// hal::errc::protocol (a level, key count or sequence number out of range).
[[nodiscard]] base::Result<TabletMessage> parseTabletLine(std::string_view line);

/// The kiosk's lines, each ending in '\n'. A request whose strings are not UTF-8 is an error.
[[nodiscard]] base::Result<std::string> encodeShow(const std::string& requestId,
                                                   const hal::RatingRequest& request);
[[nodiscard]] std::string encodeCancel(const std::string& requestId);
[[nodiscard]] std::string encodeIdle();
[[nodiscard]] std::string encodePing(std::int64_t seq);
[[nodiscard]] std::string encodePong(std::int64_t seq);
[[nodiscard]] std::string encodeReasonRequired(const std::string& requestId);

} // namespace drivers::review_tablet
