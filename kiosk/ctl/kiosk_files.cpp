// SPDX-License-Identifier: Apache-2.0
#include "kiosk/ctl/kiosk_files.h"

#include "kiosk/core/runtime_files.h"
#include "kiosk/core/service_catalog.h"

namespace kiosk::ctl {

namespace {
nlohmann::json errorJson(const base::Error& error)
{
    return {{"error", error.message}};
}
} // namespace

nlohmann::json queueReport(const core::Config& config)
{
    auto store = core::openQueue(config);
    if (!store)
        return errorJson(store.error());
    auto counts = (*store)->counts();
    if (!counts)
        return errorJson(counts.error());
    return {{"pending", counts->pending},
            {"delivered", counts->delivered},
            {"deadLetter", counts->deadLetter},
            {"oldestPendingAgeS", counts->oldestPendingAgeS}};
}

nlohmann::json catalogReport(const core::Config& config)
{
    auto service = core::findServiceCatalog(config);
    if (!service)
        return errorJson(service.error());
    return {{"catalogVersion", service->catalog.catalogVersion},
            {"items", service->catalog.items.size()},
            {"source", service->source.string()},
            {"signed", service->signedEnvelope}};
}

} // namespace kiosk::ctl
