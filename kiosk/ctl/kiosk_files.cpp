// SPDX-License-Identifier: Apache-2.0
#include "kiosk/ctl/kiosk_files.h"

#include "kiosk/core/runtime_files.h"
#include "kiosk/core/service_catalog.h"

#include <iostream>

namespace kiosk::ctl {

namespace {
nlohmann::json errorJson(const base::Error& error)
{
    return {{"error", error.message}};
}
} // namespace

std::unique_ptr<core::AuditTrail> openAudit(const core::Config& config)
{
    auto trail = core::openAuditTrail(config, "kioskctl");
    if (!trail) {
        std::cerr << "kioskctl: warning: no audit trail: " << trail.error().describe() << "\n";
        return nullptr;
    }
    return std::move(*trail);
}

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
