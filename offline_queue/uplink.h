// SPDX-License-Identifier: Apache-2.0
// queue::Uplink: one HTTP exchange with the provincial platform (specs/platform-api.md).
#pragma once

#include "base/clock.h"
#include "base/result.h"

#include <chrono>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace queue {

struct UplinkOptions {
    std::string baseUrl;   ///< "https://platform.example.gov.cn/api"; paths are appended
    std::string kioskId;   ///< X-Kiosk-Id
    std::string userAgent; ///< "kiosk/0.1.0"
    std::string caFile;    ///< CA bundle for the server's certificate (empty: system store)
    std::string certFile;  ///< client certificate (mutual TLS)
    std::string keyFile;   ///< client key
    bool allowInsecureLoopback = false; ///< permits http:// to 127.0.0.0/8 and ::1 only
    std::chrono::milliseconds connectTimeout{5000};
    std::chrono::milliseconds requestTimeout{30000};
    std::size_t maxInFlight = 16; ///< concurrent requests of one sendAll()
    /// "Now" for a Retry-After given as an HTTP date; must outlive the uplink. The request
    /// timeouts above are curl's own, on the real clock.
    const base::Clock* clock = &base::systemClock();
};

struct UplinkRequest {
    std::string method; ///< "POST", "PUT", "GET"
    std::string path;   ///< "/v1/cases"
    std::string contentType = "application/json";
    std::string body;
    std::string idempotencyKey; ///< sent as Idempotency-Key when not empty
    std::string ifNoneMatch;    ///< sent as If-None-Match when not empty (GET /v1/catalog)
};

/// The HTTP version an answer came in, as the transport negotiated it (ALPN over TLS).
enum class HttpVersion { Unknown, Http1_0, Http1_1, Http2, Http3 };

struct UplinkResponse {
    long status = 0;
    HttpVersion httpVersion = HttpVersion::Unknown;
    std::string body;
    std::string contentType;
    std::string etag;       ///< the ETag header, when the server sent one
    std::string documentId; ///< X-Document-Id (POST /v1/documents)
    /// Retry-After, in seconds or as an HTTP date, converted to a wait.
    std::optional<std::chrono::seconds> retryAfter;
};

/// link: no HTTP answer; refused_config: bad settings; rejected: the platform answered with an
/// error status; malformed: a 2xx whose body is not what the contract promises.
enum class UplinkErrc { link = 1, refused_config, rejected, malformed };
const std::error_category& uplinkCategory();
inline std::error_code make_error_code(UplinkErrc e)
{
    return {static_cast<int>(e), uplinkCategory()};
}

/// Sends one request. Any HTTP answer is a value (whatever its status); an error means the
/// link failed: no connection, TLS, timeout, reset, or `stop` was requested (the request is
/// abandoned at once: a worker being stopped never waits for the platform). Implementations
/// are thread-safe, and calls from several threads do not wait for each other.
class Uplink {
public:
    virtual ~Uplink() = default;
    [[nodiscard]] virtual base::Result<UplinkResponse> send(const UplinkRequest& request,
                                                            std::stop_token stop = {}) = 0;
    /// Sends independent requests, concurrently where the implementation can; one answer per
    /// request, in order. This default sends them one after another.
    [[nodiscard]] virtual std::vector<base::Result<UplinkResponse>>
    sendAll(std::span<const UplinkRequest> requests, std::stop_token stop = {})
    {
        std::vector<base::Result<UplinkResponse>> answers;
        answers.reserve(requests.size());
        for (const auto& request : requests)
            answers.push_back(send(request, stop));
        return answers;
    }
};

} // namespace queue

template <> struct std::is_error_code_enum<queue::UplinkErrc> : std::true_type {
};
