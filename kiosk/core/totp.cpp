// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/totp.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cctype>

namespace kiosk::core {

std::string hotp(std::span<const std::uint8_t> key, std::uint64_t counter, int digits)
{
    std::array<std::uint8_t, 8> message{};
    for (int i = 7; i >= 0; --i, counter >>= 8)
        message[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(counter & 0xff);
    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int macLength = 0;
    // HMAC() is OpenSSL 3.0's one-shot HMAC; SHA-1 as RFC 6238's default and every app's.
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
         mac.data(), &macLength);
    // Dynamic truncation (RFC 4226 §5.3): 31 bits from the offset in the last nibble.
    const std::size_t offset = mac[macLength - 1] & 0x0f;
    const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7f) << 24) |
                                 (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                                 (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                                 static_cast<std::uint32_t>(mac[offset + 3]);
    std::uint32_t modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::uint64_t totpStep(std::int64_t unixSeconds, std::chrono::seconds step)
{
    if (unixSeconds < 0)
        return 0;
    return static_cast<std::uint64_t>(unixSeconds) / static_cast<std::uint64_t>(step.count());
}

std::uint64_t totpStep(base::Clock::TimePoint time, std::chrono::seconds step)
{
    return totpStep(
        std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count(), step);
}

std::string totp(std::span<const std::uint8_t> key, base::Clock::TimePoint time,
                 const TotpParameters& parameters)
{
    return hotp(key, totpStep(time, parameters.step), parameters.digits);
}

std::optional<std::uint64_t> matchTotp(std::span<const std::uint8_t> key, std::string_view code,
                                       base::Clock::TimePoint time,
                                       const TotpParameters& parameters)
{
    if (code.size() != static_cast<std::size_t>(parameters.digits))
        return std::nullopt;
    const std::uint64_t now = totpStep(time, parameters.step);
    std::optional<std::uint64_t> matched;
    // Every candidate is computed and compared, so the time taken says nothing of which matched.
    for (int delta = -parameters.window; delta <= parameters.window; ++delta) {
        if (delta < 0 && now < static_cast<std::uint64_t>(-delta))
            continue;
        const std::uint64_t step =
            now + static_cast<std::uint64_t>(static_cast<std::int64_t>(delta));
        const std::string expected = hotp(key, step, parameters.digits);
        if (CRYPTO_memcmp(expected.data(), code.data(), code.size()) == 0 && !matched)
            matched = step;
    }
    return matched;
}

base::Result<std::vector<std::uint8_t>> decodeBase32(std::string_view text)
{
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::vector<std::uint8_t> out;
    std::uint32_t buffer = 0;
    int bits = 0;
    bool padding = false;
    for (const char raw : text) {
        if (raw == ' ' || raw == '-' || raw == '\n' || raw == '\r' || raw == '\t')
            continue;
        if (raw == '=') {
            padding = true;
            continue;
        }
        const auto upper = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
        const auto index = alphabet.find(upper);
        if (index == std::string_view::npos || padding)
            return base::fail(base::errc::invalid_argument, "not base32 (RFC 4648: A-Z and 2-7)");
        buffer = (buffer << 5) | static_cast<std::uint32_t>(index);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
        }
    }
    return out;
}

} // namespace kiosk::core
