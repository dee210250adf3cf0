// SPDX-License-Identifier: Apache-2.0
// The catalog in service: which file the kiosk loads at start, per specs/config.md.
#pragma once

#include "base/result.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/config.h"

#include <filesystem>

namespace kiosk::core {

/// The catalog shipped with the build (kiosk/data/catalog.json, installed as
/// /usr/share/kiosk/catalog.json).
[[nodiscard]] std::filesystem::path shippedCatalogPath();

/// The file the configuration selects: [catalog] file, else the shipped catalog.
[[nodiscard]] std::filesystem::path configuredCatalogPath(const Config& config);

/// The catalog in service and where it came from.
struct ServiceCatalog {
    Catalog catalog;
    std::filesystem::path source; ///< the file it was read from
    bool signedEnvelope = false;  ///< true when a trusted key's signature verified
    bool installed = false;       ///< true when it is the one installed under data_dir
};

/// Loads the configured (or shipped) catalog: a signed envelope, verified with the trusted
/// keys, or, only while no trusted key is configured, a plain catalog JSON (development).
[[nodiscard]] base::Result<ServiceCatalog> loadConfiguredCatalog(const Config& config);

/// The catalog in service: a newer signed catalog installed under data_dir wins over the
/// configured one (specs/config.md); an installed catalog that no longer verifies falls back to
/// the last known good one. The kiosk refuses to start when nothing usable is found.
[[nodiscard]] base::Result<ServiceCatalog> findServiceCatalog(const Config& config);

/// findServiceCatalog's catalog.
[[nodiscard]] base::Result<Catalog> loadServiceCatalog(const Config& config);

} // namespace kiosk::core
