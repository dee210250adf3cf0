// SPDX-License-Identifier: Apache-2.0
// Faults: injected failures, latency and dropped responses for the platform API endpoints.
#pragma once

#include "base/result.h"
#include "platform_sim/reply.h"

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace platform_sim {

/// What to inject into /v1 requests. Admin endpoints (/admin/...) are never affected.
struct Faults {
    int failNext = 0;       ///< answer this many matching requests with failStatus, unprocessed
    int failStatus = 503;   ///< 400..599
    std::string retryAfter; ///< Retry-After value sent with injected failures; empty = none
    std::string pathPrefix; ///< failNext and dropNext count only requests whose path starts so
    int latencyMs = 0;      ///< delay before every /v1 request is handled
    int dropNext = 0;       ///< process this many matching requests, then cut the response short
    /// Path prefix -> body text answered instead of the real body (status kept, request
    /// processed), for every /v1 request under the longest matching prefix until cleared:
    /// a platform that answers valid JSON of the wrong shape. Not counted, not path-filtered
    /// by pathPrefix; ETag and X-Document-Id are dropped, as they describe the real body.
    std::map<std::string, std::string, std::less<>> replaceBodies;
};

/// `{"failNext", "failStatus", "retryAfter", "pathPrefix", "latencyMs", "dropNext"}`.
[[nodiscard]] nlohmann::json toJson(const Faults& faults);

/// `current` with the fields present in `changes` replaced (retryAfter may be a number);
/// errc::invalid_argument naming the field when one has the wrong type or range.
[[nodiscard]] base::Result<Faults> mergeFaults(Faults current, const nlohmann::json& changes);

/// Range checks shared by the flags, the admin endpoint and Server::setFaults.
[[nodiscard]] base::Result<Faults> checkFaults(Faults faults);

/// Replaces `reply`'s body when `faults.replaceBodies` has a prefix of `path` (the longest);
/// answers without a body (304) stay as they are.
void replaceBody(const Faults& faults, std::string_view path, Reply& reply);

/// What the injector decided for one request.
struct FaultDecision {
    std::optional<Reply> failure; ///< answer this instead of processing the request
    bool drop = false;            ///< process the request, then cut the response short
};

/// The live fault settings, consumed request by request. Thread-safe.
class FaultInjector {
public:
    void set(Faults faults);
    /// Applies mergeFaults() to the current settings atomically; returns the new settings.
    [[nodiscard]] base::Result<Faults> merge(const nlohmann::json& changes);
    [[nodiscard]] Faults get() const;
    [[nodiscard]] std::chrono::milliseconds latency() const;
    /// Counts the request against failNext (first) or dropNext if `path` matches the prefix.
    [[nodiscard]] FaultDecision take(std::string_view path);
    /// replaceBody() with the current settings.
    void replaceBody(std::string_view path, Reply& reply) const;

private:
    mutable std::mutex mutex_;
    Faults faults_;
};

} // namespace platform_sim
