// SPDX-License-Identifier: Apache-2.0
// The signed catalog envelope of specs/platform-api.md: {"alg","keyId","payload","signature"},
// verified with ed25519 or SM2 (SM3, default user id) through OpenSSL, and produced by
// `kioskctl catalog sign`.
#pragma once

#include "base/result.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/config.h"

#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace kiosk::core {

struct CatalogEnvelope {
    std::string alg;       ///< "ed25519" or "sm2"
    std::string keyId;     ///< selects the trusted public key
    std::string payload;   ///< the decoded catalog bytes, exactly as signed
    std::string signature; ///< the decoded signature
};

/// A catalog whose signature verified, with what it was signed by.
struct VerifiedCatalog {
    Catalog catalog;
    std::string keyId;
    std::string alg;
};

enum class EnvelopeErrc {
    malformed = 1, ///< not an envelope: bad JSON, missing or mistyped member, not UTF-8
    bad_base64,    ///< payload or signature is not strict base64
    unknown_key,   ///< keyId is not among the trusted keys
    bad_signature, ///< the signature does not verify
    key_error,     ///< a configured key file cannot be read or has the wrong type
    unsupported,   ///< alg is neither ed25519 nor sm2
};
const std::error_category& envelopeCategory();
inline std::error_code make_error_code(EnvelopeErrc e)
{
    return {static_cast<int>(e), envelopeCategory()};
}

/// The SM2 user id of GB/T 32918 that envelopes use ("1234567812345678").
inline constexpr std::string_view sm2DefaultUserId = "1234567812345678";

/// Standard base64 (RFC 4648 §4) with padding.
[[nodiscard]] std::string base64Encode(std::string_view bytes);
/// Strict: only the alphabet, length a multiple of 4, '=' only as the final padding.
[[nodiscard]] base::Result<std::string> base64Decode(std::string_view text);

/// True when `text` looks like an envelope (a "payload" member, no "items") rather than a
/// plain catalog; parsing then decides whether it really is one.
[[nodiscard]] bool looksLikeEnvelope(std::string_view text);

/// Parses the envelope JSON and decodes payload and signature. Nothing is verified yet.
[[nodiscard]] base::Result<CatalogEnvelope> parseEnvelope(std::string_view json);

/// Verifies the signature with the trusted key named by keyId, then parses and validates the
/// catalog. Refusals say why: unknown key, wrong signature, schema problem (naming item and
/// field).
[[nodiscard]] base::Result<VerifiedCatalog> verifyEnvelope(const CatalogEnvelope& envelope,
                                                           const std::vector<TrustedKey>& keys);

/// Only the signature: the trusted key named by keyId verifies `payload`. What the payload is
/// (a catalog, a configuration fragment of set_config) is for the caller to check.
[[nodiscard]] base::Result<void> verifySignature(const CatalogEnvelope& envelope,
                                                 const std::vector<TrustedKey>& keys);

/// The largest catalog envelope: a catalog of maxCatalogBytes grows by a third in base64, and
/// the envelope's other fields are small. Larger ones are refused unread.
inline constexpr std::size_t maxEnvelopeBytes = maxCatalogBytes / 3 * 4 + 4096;

/// parseEnvelope then verifyEnvelope; envelopes over maxEnvelopeBytes are refused unread.
[[nodiscard]] base::Result<VerifiedCatalog> verifyEnvelopeText(std::string_view json,
                                                               const std::vector<TrustedKey>& keys);

/// Signs the exact bytes of `catalogJson` with the PEM private key in `keyFile` and returns
/// the envelope JSON. `alg` must match the key's type.
[[nodiscard]] base::Result<std::string> signCatalog(std::string_view catalogJson,
                                                    const std::string& keyFile,
                                                    std::string_view keyId, std::string_view alg);

/// Signs the exact bytes of `payload` (checked by nobody: signCatalog checks a catalog first)
/// and returns the envelope JSON.
[[nodiscard]] base::Result<std::string> signPayload(std::string_view payload,
                                                    const std::string& keyFile,
                                                    std::string_view keyId, std::string_view alg);

} // namespace kiosk::core

template <> struct std::is_error_code_enum<kiosk::core::EnvelopeErrc> : std::true_type {
};
