// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/service_catalog.h"

#include "kiosk/core/catalog_envelope.h"
#include "kiosk/core/catalog_store.h"

namespace kiosk::core {

std::filesystem::path shippedCatalogPath()
{
    return KIOSK_SHIPPED_CATALOG;
}

std::filesystem::path configuredCatalogPath(const Config& config)
{
    return config.catalog.file.value_or(shippedCatalogPath());
}

base::Result<ServiceCatalog> loadConfiguredCatalog(const Config& config)
{
    const auto path = configuredCatalogPath(config);
    auto text = readFileLimited(path, maxEnvelopeBytes);
    if (!text)
        return base::fail(text.error());
    ServiceCatalog service;
    service.source = path;
    if (looksLikeEnvelope(*text)) {
        auto verified = verifyEnvelopeText(*text, config.catalog.trustedKeys);
        if (!verified)
            return base::fail(verified.error().withContext(path.string()));
        service.catalog = std::move(verified->catalog);
        service.signedEnvelope = true;
        return service;
    }
    if (!config.catalog.trustedKeys.empty())
        return base::fail(EnvelopeErrc::malformed,
                          path.string() +
                              ": a plain catalog is not accepted while [[catalog.trusted_keys]] "
                              "are configured; install a signed envelope");
    auto catalog = parseCatalog(*text);
    if (!catalog)
        return base::fail(catalog.error().withContext(path.string()));
    service.catalog = std::move(*catalog);
    return service;
}

base::Result<ServiceCatalog> findServiceCatalog(const Config& config)
{
    auto configured = loadConfiguredCatalog(config);
    if (config.catalog.trustedKeys.empty())
        return configured;
    const CatalogStore store(config.kiosk.dataDir, config.catalog.trustedKeys);
    auto installed = store.installed();
    if (!installed)
        return configured;
    // Only a newer installed catalog wins over the configured file (specs/config.md).
    if (configured && configured->catalog.catalogVersion >= installed->catalog.catalogVersion)
        return configured;
    ServiceCatalog service;
    service.catalog = std::move(installed->catalog);
    service.source = store.currentPath();
    service.signedEnvelope = true;
    service.installed = true;
    return service;
}

base::Result<Catalog> loadServiceCatalog(const Config& config)
{
    auto service = findServiceCatalog(config);
    if (!service)
        return base::fail(service.error());
    return std::move(service->catalog);
}

} // namespace kiosk::core
