// SPDX-License-Identifier: Apache-2.0
// Downloads an update bundle to a file with libcurl, with the platform link's TLS settings:
// streamed to disk (a bundle is hundreds of MB), bounded in size, hashed (SHA-256) on the way.
#pragma once

#include "base/result.h"
#include "offline_queue/uplink.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>

namespace kiosk::core {

/// What a download wrote.
struct Downloaded {
    std::uint64_t bytes = 0;
    std::string sha256; ///< lower-case hex of the bytes written
};

/// Fetches `url` into `file` (created or truncated, mode 0600), at most `maxBytes` bytes: a
/// larger body (announced or not) is an error and the file is removed, as on every error.
using BundleDownload = std::function<base::Result<Downloaded>(
    const std::string& url, const std::filesystem::path& file, std::uint64_t maxBytes,
    std::stop_token stop)>;

/// The real download: https only (TLS 1.2 or newer, the platform's CA file and client
/// certificate when configured, redirects to https only); plain http only to a loopback host
/// when `tls.allowInsecureLoopback` (tests, platform-sim). A transfer slower than 1 KiB/s for
/// a minute is abandoned; a stop request abandons it at once.
[[nodiscard]] BundleDownload curlBundleDownload(queue::UplinkOptions tls);

} // namespace kiosk::core
