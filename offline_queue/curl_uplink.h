// SPDX-License-Identifier: Apache-2.0
// queue::CurlUplink: the platform link over libcurl, with mutual TLS and the loopback-only http
// rule.
#pragma once

#include "offline_queue/uplink.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

typedef void CURLM;

namespace queue {

class CurlUplink final : public Uplink {
public:
    /// Checks the options: https needs no flag; http:// is accepted only for a loopback
    /// address (127.0.0.0/8, ::1) and only with allowInsecureLoopback. Anything else is
    /// refused with an error that says why.
    [[nodiscard]] static base::Result<std::unique_ptr<CurlUplink>> create(UplinkOptions options);

    ~CurlUplink() override;

    /// sendAll() of one request.
    [[nodiscard]] base::Result<UplinkResponse> send(const UplinkRequest& request,
                                                    std::stop_token stop = {}) override;
    /// The curl multi interface: up to maxInFlight transfers at once, multiplexed over one
    /// HTTP/2 connection where the server offers h2 (ALPN), else over parallel HTTP/1.1
    /// connections kept alive between calls. A stop request wakes curl (curl_multi_wakeup)
    /// and abandons the transfers still running.
    [[nodiscard]] std::vector<base::Result<UplinkResponse>>
    sendAll(std::span<const UplinkRequest> requests, std::stop_token stop = {}) override;

    /// Connections opened so far (CURLINFO_NUM_CONNECTS summed over every transfer): shows
    /// whether sendAll() multiplexed its requests over one HTTP/2 connection.
    [[nodiscard]] long connectionsOpened() const { return connectionsOpened_; }

private:
    struct Transfer;
    class MultiPool;
    explicit CurlUplink(UplinkOptions options);
    void prepare(Transfer& transfer, const UplinkRequest& request) const;
    UplinkOptions options_;
    /// Multi handles (each with its connection cache) lent to one call at a time, so the
    /// heartbeat never waits behind a sync pass and connections are reused between calls.
    std::unique_ptr<MultiPool> pool_;
    std::atomic<long> connectionsOpened_{0};
};

/// True if `host` is a literal loopback address: 127.0.0.0/8 or ::1 (with or without brackets).
[[nodiscard]] bool isLoopbackAddress(std::string_view host);

/// Parses a Retry-After value: delta seconds, or an HTTP date relative to `now`.
[[nodiscard]] std::optional<std::chrono::seconds>
parseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now);

} // namespace queue
