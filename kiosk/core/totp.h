// SPDX-License-Identifier: Apache-2.0
// Time-based one-time codes (RFC 6238 TOTP over RFC 4226 HOTP, HMAC-SHA1 through OpenSSL) and
// the RFC 4648 base32 text in which authenticator apps and provisioning tools carry secrets.
#pragma once

#include "base/clock.h"
#include "base/result.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// The parameters a technician's authenticator app uses by default (RFC 6238 §4, §5.2).
struct TotpParameters {
    std::chrono::seconds step{30}; ///< X: codes change every step
    int digits = 6;                ///< 6..8
    int window = 1;                ///< steps accepted either side of now (clock drift, typing)
};

/// RFC 4226 §5.3: HMAC-SHA1(key, counter), dynamic truncation, `digits` decimal digits with
/// leading zeros. `digits` must be 6..8.
[[nodiscard]] std::string hotp(std::span<const std::uint8_t> key, std::uint64_t counter,
                               int digits);

/// The step number of `time` (RFC 6238 T = floor((unix time - 0) / X)).
[[nodiscard]] std::uint64_t totpStep(base::Clock::TimePoint time, std::chrono::seconds step);
/// The same from Unix seconds, for times a nanosecond TimePoint cannot hold (after 2262:
/// RFC 6238's last vector is in 2603).
[[nodiscard]] std::uint64_t totpStep(std::int64_t unixSeconds, std::chrono::seconds step);

/// The code of `time`.
[[nodiscard]] std::string totp(std::span<const std::uint8_t> key, base::Clock::TimePoint time,
                               const TotpParameters& parameters = {});

/// The step whose code `code` is, among now-window .. now+window, or nullopt. The
/// comparison does not stop at the first differing digit (CRYPTO_memcmp).
[[nodiscard]] std::optional<std::uint64_t> matchTotp(std::span<const std::uint8_t> key,
                                                     std::string_view code,
                                                     base::Clock::TimePoint time,
                                                     const TotpParameters& parameters = {});

/// RFC 4648 §6 base32 ("JBSWY3DPEHPK3PXP"): upper or lower case, '=' padding optional,
/// spaces and hyphens (as printed for people) ignored. An error for any other character.
[[nodiscard]] base::Result<std::vector<std::uint8_t>> decodeBase32(std::string_view text);

} // namespace kiosk::core
