// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/service_catalog.h"

namespace kiosk::core {

std::filesystem::path shippedCatalogPath()
{
    return KIOSK_SHIPPED_CATALOG;
}

std::filesystem::path configuredCatalogPath(const Config& config)
{
    return config.catalog.file.value_or(shippedCatalogPath());
}

base::Result<Catalog> loadServiceCatalog(const Config& config)
{
    if (!config.catalog.trustedKeys.empty())
        return base::fail(
            base::errc::unsupported,
            "[catalog] trusted_keys is set, but this build cannot verify signed catalog "
            "envelopes yet; remove the keys to use a plain development catalog");
    return loadCatalogFile(configuredCatalogPath(config).string());
}

} // namespace kiosk::core
