// SPDX-License-Identifier: Apache-2.0
// SHA-256 and Base64 through OpenSSL: material digests, idempotency hashes, ETags, envelopes.
// The simulator keeps its own copy rather than borrow offline_queue's: it stands for the other
// side of the contract, so it shares no code with the client it checks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace platform_sim {

/// The SHA-256 of `bytes` as 64 lower-case hex digits.
[[nodiscard]] std::string sha256Hex(std::string_view bytes);

/// True if `text` is 64 hex digits (either case), the form of a material's path digest.
[[nodiscard]] bool isSha256Hex(std::string_view text);

/// Decodes standard padded Base64 (no line breaks); nullopt if `text` is not Base64.
[[nodiscard]] std::optional<std::string> decodeBase64(std::string_view text);

/// ASCII lower-casing, for hex digests and UUIDs (which compare case-insensitively).
[[nodiscard]] std::string toLower(std::string_view text);

} // namespace platform_sim
