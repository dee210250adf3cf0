// SPDX-License-Identifier: Apache-2.0
// queue::CurlUplink: the platform link over libcurl, with mutual TLS and the loopback-only http
// rule.
#pragma once

#include "offline_queue/uplink.h"

#include <atomic>
#include <memory>
#include <mutex>

typedef void CURLM;

namespace queue {

class CurlUplink final : public Uplink {
public:
    /// Checks the options: https needs no flag; http:// is accepted only for a loopback
    /// address (127.0.0.0/8, ::1) and only with allowInsecureLoopback. Anything else is
    /// refused with an error that says why.
    [[nodiscard]] static base::Result<std::unique_ptr<CurlUplink>> create(UplinkOptions options);

    ~CurlUplink() override;

    [[nodiscard]] base::Result<UplinkResponse> send(const UplinkRequest& request) override;
    /// The curl multi interface: up to maxInFlight transfers at once, multiplexed over one
    /// HTTP/2 connection where the server offers h2 (ALPN), else over parallel HTTP/1.1
    /// connections kept alive between calls.
    [[nodiscard]] std::vector<base::Result<UplinkResponse>>
    sendAll(std::span<const UplinkRequest> requests) override;

    /// Connections opened so far (CURLINFO_NUM_CONNECTS summed over every transfer): shows
    /// whether sendAll() multiplexed its requests over one HTTP/2 connection. send() uses a
    /// connection of its own each time.
    [[nodiscard]] long connectionsOpened() const { return connectionsOpened_; }

private:
    struct Transfer;
    explicit CurlUplink(UplinkOptions options);
    void prepare(Transfer& transfer, const UplinkRequest& request) const;
    UplinkOptions options_;
    std::mutex multiMutex_; ///< one sendAll at a time on the shared multi handle
    CURLM* multi_ = nullptr;
    std::atomic<long> connectionsOpened_{0};
};

/// True if `host` is a literal loopback address: 127.0.0.0/8 or ::1 (with or without brackets).
[[nodiscard]] bool isLoopbackAddress(std::string_view host);

/// Parses a Retry-After value: delta seconds, or an HTTP date relative to `now`.
[[nodiscard]] std::optional<std::chrono::seconds>
parseRetryAfter(std::string_view value, std::chrono::system_clock::time_point now);

} // namespace queue
