// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_sync.h"

#include "base/log.h"

namespace kiosk::core {

namespace {
constexpr std::string_view catalogSyncLog = "core/catalog_sync";

void logOutcome(const base::Result<CatalogSyncOutcome>& outcome)
{
    if (!outcome) {
        base::log::warning(catalogSyncLog, outcome.error().describe()); // retried next period
        return;
    }
    using Kind = CatalogSyncOutcome::Kind;
    const auto version = std::to_string(outcome->catalogVersion);
    if (outcome->kind == Kind::Installed)
        base::log::info(catalogSyncLog, "catalog " + version + " installed");
    else if (outcome->kind == Kind::Refused)
        base::log::warning(catalogSyncLog, "catalog " + version + " refused: " + outcome->reason);
}
} // namespace

CatalogSync::CatalogSync(queue::Uplink& uplink, CatalogStore& store, CatalogHolder& holder,
                         const base::Clock& clock)
    : uplink_(uplink), store_(store), holder_(holder), worker_({std::string(catalogSyncLog)}, clock)
{
}

CatalogSync::~CatalogSync()
{
    stop();
}

base::Result<CatalogSyncOutcome> CatalogSync::syncNow(std::stop_token stop)
{
    queue::UplinkRequest request;
    request.method = "GET";
    request.path = "/v1/catalog";
    request.ifNoneMatch = etag_;
    auto response = uplink_.send(request, std::move(stop));
    if (!response)
        return base::fail(response.error().withContext("GET /v1/catalog"));
    CatalogSyncOutcome outcome;
    if (response->status == 304 || response->status == 404)
        return outcome; // unchanged, or nothing published
    if (response->status != 200)
        return base::fail(base::errc::io,
                          "GET /v1/catalog: HTTP " + std::to_string(response->status));
    CatalogStore::InstallOptions options;
    options.origin = "platform";
    options.inServiceVersion = holder_.newestVersion();
    options.auditSameVersion = false;
    auto installed = store_.install(response->body, options);
    etag_ = response->etag;
    if (!installed && installed.error().code == InstallErrc::already_in_service)
        return outcome; // the catalog in service, fetched again after a start: unchanged
    if (!installed) {
        outcome.kind = CatalogSyncOutcome::Kind::Refused;
        outcome.reason = installed.error().message;
        return outcome;
    }
    outcome.kind = CatalogSyncOutcome::Kind::Installed;
    outcome.catalogVersion = installed->catalog.catalogVersion;
    holder_.stage(std::move(installed->catalog));
    return outcome;
}

void CatalogSync::start(std::chrono::milliseconds period)
{
    worker_.start([this, period](std::stop_token stop) {
        logOutcome(syncNow(std::move(stop)));
        return period;
    });
}

void CatalogSync::trigger()
{
    worker_.trigger();
}

void CatalogSync::stop()
{
    worker_.stop();
}

} // namespace kiosk::core
