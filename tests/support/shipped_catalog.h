// SPDX-License-Identifier: Apache-2.0
// The catalog the kiosk ships (kiosk/data/catalog.json), loaded as the kiosk loads it, for the
// tests and benchmarks that run the screens on real items.
#pragma once

#include "kiosk/core/catalog.h"
#include "kiosk/core/service_catalog.h"

#include <stdexcept>
#include <utility>

namespace test_support {

/// Throws std::runtime_error saying why when it cannot be loaded: nothing can go on without it.
inline kiosk::core::Catalog shippedCatalog()
{
    auto catalog = kiosk::core::loadCatalogFile(kiosk::core::shippedCatalogPath().string());
    if (!catalog)
        throw std::runtime_error(catalog.error().describe());
    return std::move(*catalog);
}

} // namespace test_support
