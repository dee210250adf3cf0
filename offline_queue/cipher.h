// SPDX-License-Identifier: Apache-2.0
// queue::Cipher: encryption at rest of the queue's record bodies (AES-256-GCM, or SM4-CTR with
// HMAC-SM3 encrypt-then-MAC), keyed from a file readable only by the kiosk user.
#pragma once

#include "base/result.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace queue {

enum class CipherAlg : std::uint8_t { Aes256Gcm = 1, Sm4CtrHmacSm3 = 2 };

/// "aes-256-gcm" or "sm4-ctr-hmac-sm3" (the [queue] cipher setting).
[[nodiscard]] base::Result<CipherAlg> cipherFromString(std::string_view name);
[[nodiscard]] std::string_view toString(CipherAlg alg);

using CipherKey = std::array<std::uint8_t, 32>;

/// What loadOrCreateKey() had to make, so that the caller can warn.
struct KeyFileMade {
    bool key = false;             ///< the key file did not exist and was created
    std::filesystem::path folder; ///< the outermost folder created for it; empty if none was
};

/// The key in `path`: exactly 32 bytes, owned by this user, mode 0600 or stricter. A key
/// others could read is refused (the message says how to fix it). When the file does not
/// exist it is created from the system's random source, with its missing folders (mode 0700),
/// and `made` says so, so that the caller can warn (a new key cannot read records sealed with a
/// lost one). The new key and its folders are synced to disk before the key is returned.
[[nodiscard]] base::Result<CipherKey> loadOrCreateKey(const std::filesystem::path& path,
                                                      KeyFileMade& made);

/// Seals and opens record bodies. A sealed body names its algorithm in its first byte, so
/// records written before a change of [queue] cipher still open. `aad` binds a body to its
/// record (its idempotency key and kind): a body moved to another record does not open.
class Cipher {
public:
    Cipher(const CipherKey& key, CipherAlg alg);
    Cipher(const Cipher&) = delete;
    Cipher& operator=(const Cipher&) = delete;
    ~Cipher();

    [[nodiscard]] base::Result<std::string> seal(std::string_view plain,
                                                 std::string_view aad) const;
    [[nodiscard]] base::Result<std::string> open(std::string_view sealed,
                                                 std::string_view aad) const;
    [[nodiscard]] CipherAlg alg() const { return alg_; }

private:
    CipherKey key_;
    CipherAlg alg_;
};

} // namespace queue
