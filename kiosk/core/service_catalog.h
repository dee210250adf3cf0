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

/// Loads and validates the catalog in service. A plain catalog JSON is accepted only while no
/// trusted key is configured (development); with trusted keys only signed envelopes are, and
/// until envelope verification lands such a configuration is refused with a clear error
/// rather than trusted blindly. The kiosk refuses to start when this fails.
[[nodiscard]] base::Result<Catalog> loadServiceCatalog(const Config& config);

} // namespace kiosk::core
