// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_sync.h"

namespace kiosk::core {

CatalogSync::CatalogSync(queue::Uplink& uplink, CatalogStore& store, CatalogHolder& holder)
    : uplink_(uplink), store_(store), holder_(holder)
{
}

CatalogSync::~CatalogSync()
{
    stop();
}

base::Result<CatalogSyncOutcome> CatalogSync::syncNow()
{
    const std::lock_guard lock(syncMutex_);
    queue::UplinkRequest request;
    request.method = "GET";
    request.path = "/v1/catalog";
    request.ifNoneMatch = etag_;
    auto response = uplink_.send(request);
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
    stop();
    {
        const std::lock_guard lock(stopMutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this, period] { run(period); });
}

void CatalogSync::stop()
{
    {
        const std::lock_guard lock(stopMutex_);
        stopping_ = true;
    }
    stopped_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void CatalogSync::run(std::chrono::milliseconds period)
{
    std::unique_lock lock(stopMutex_);
    while (!stopping_) {
        lock.unlock();
        (void)syncNow(); // failures are retried next period; refusals are in the audit trail
        lock.lock();
        stopped_.wait_for(lock, period, [this] { return stopping_; });
    }
}

} // namespace kiosk::core
