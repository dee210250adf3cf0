// SPDX-License-Identifier: Apache-2.0
// Identity QR tokens (POST /v1/identity/resolve): registered by a test or the demo through the
// admin API, resolved by the kiosk until they expire on the simulator's clock.
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "platform_sim/reply.h"

#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace platform_sim {

/// What a phone app's token stands for. Test data, but personal data in form: kept in memory
/// only (never in the state file, the snapshot or the log).
struct IdentityToken {
    std::string token;  ///< 16-512 printable ASCII, as the contract says
    std::string idType; ///< resident | hmt_residence | foreign_permanent_2017 | ..._2023
    std::string idNumber;
    std::string name;
    std::chrono::seconds ttl{60}; ///< 0: expired at once (tests of 410)
};

class IdentityTokens {
public:
    /// `clock` (borrowed) decides expiry.
    explicit IdentityTokens(const base::Clock& clock);

    /// Registers (or replaces) a token; returns its expiry (RFC 3339). errc::invalid_argument
    /// names the bad field.
    [[nodiscard]] base::Result<std::string> add(IdentityToken token);
    /// POST /admin/identity-tokens: {"token","idType","idNumber","name","ttlS"?} -> 201
    /// {"token","expiresAt"}, or 400 invalid_identity_token naming the field.
    [[nodiscard]] Reply addFromJson(std::string_view body);
    /// POST /v1/identity/resolve: 200 {idType,idNumber,name,expiresAt}, 404 unknown_token,
    /// 410 expired_token, 422 invalid_token for a body without a token of the contract's form.
    [[nodiscard]] Reply resolve(std::string_view body) const;
    /// Tokens registered (expired ones included).
    [[nodiscard]] std::size_t size() const;
    void clear();

private:
    struct Entry {
        IdentityToken identity;
        base::Clock::TimePoint expiresAt;
    };
    const base::Clock& clock_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry, std::less<>> tokens_;
};

} // namespace platform_sim
