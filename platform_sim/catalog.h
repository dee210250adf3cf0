// SPDX-License-Identifier: Apache-2.0
// The catalog file the simulator serves (a signed envelope), and what it reads out of it.
#pragma once

#include "platform_sim/reply.h"

#include <map>
#include <set>
#include <string>
#include <string_view>

namespace platform_sim {

/// What the simulator uses from the catalog: item names for progress lookups and the reason
/// codes that bad ratings (levels 1-2) must carry.
struct CatalogInfo {
    std::map<std::string, std::string> itemNames; ///< by item code
    std::set<std::string> reasonCodes;            ///< empty: no catalog, any code is accepted
};

/// GET /v1/catalog: the file's bytes with a strong ETag (their SHA-256), 304 when
/// `ifNoneMatch` names that ETag, 404 no_catalog when `path` is empty or missing. The file is
/// read on every request, so replacing it publishes a new catalog.
[[nodiscard]] Reply catalogReply(const std::string& path, std::string_view ifNoneMatch);

/// The same answer for envelope bytes held in memory (published through POST /admin/catalog
/// when the simulator has no catalog file).
[[nodiscard]] Reply catalogReplyFromBytes(std::string bytes, std::string_view ifNoneMatch);

/// The strong ETag GET /v1/catalog sends for these bytes: their SHA-256, quoted.
[[nodiscard]] std::string catalogEtag(const std::string& bytes);

/// POST /admin/catalog's check: a JSON object with the envelope's string members (alg, keyId,
/// payload, signature). The signature is not checked (the kiosk verifies); empty if fine, else
/// which member is wrong.
[[nodiscard]] std::string envelopeShapeProblem(const std::string& bytes);

/// Item names and reason codes from the envelope at `path` (its Base64 payload is the catalog
/// JSON). The signature is not checked: the simulator serves, the kiosk verifies. Empty when
/// there is no catalog or it cannot be read.
[[nodiscard]] CatalogInfo readCatalogInfo(const std::string& path);

/// If-None-Match semantics (RFC 9110 13.1.2): "*" or any listed tag equal to `etag`, with the
/// weak comparison the header calls for.
[[nodiscard]] bool etagMatches(std::string_view ifNoneMatch, std::string_view etag);

} // namespace platform_sim
