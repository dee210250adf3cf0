// SPDX-License-Identifier: Apache-2.0
// Catalog distribution from the platform: GET /v1/catalog with If-None-Match, verified and
// installed through CatalogStore, staged in the CatalogHolder, on a worker that runs every
// period and at once when the heartbeat's sync_catalog command triggers it.
#pragma once

#include "base/result.h"
#include "base/worker.h"
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/catalog_store.h"
#include "offline_queue/uplink.h"

#include <chrono>
#include <cstdint>
#include <stop_token>
#include <string>

namespace kiosk::core {

struct CatalogSyncOutcome {
    enum class Kind { Unchanged, Installed, Refused };
    Kind kind = Kind::Unchanged;
    std::int64_t catalogVersion = 0; ///< of the downloaded catalog, when it could be read
    std::string reason;              ///< why it was refused
};

class CatalogSync {
public:
    /// Everything borrowed must outlive the sync.
    CatalogSync(queue::Uplink& uplink, CatalogStore& store, CatalogHolder& holder,
                const base::Clock& clock);
    ~CatalogSync();
    CatalogSync(const CatalogSync&) = delete;
    CatalogSync& operator=(const CatalogSync&) = delete;

    /// One exchange. An error means the link or the platform failed (try again later); a
    /// refused catalog is an outcome, audited by the store, and its ETag is remembered so the
    /// same bad catalog is not downloaded and refused again every period. On the caller's
    /// thread, for the worker and for tests; not while the worker is started.
    [[nodiscard]] base::Result<CatalogSyncOutcome> syncNow(std::stop_token stop = {});

    /// Runs syncNow() every `period` on the worker until stop() or destruction, logging what
    /// came of it.
    void start(std::chrono::milliseconds period);
    /// Runs it now on the worker (the sync_catalog command); returns at once.
    void trigger();
    /// Returns at once, abandoning a download in flight.
    void stop();

private:
    queue::Uplink& uplink_;
    CatalogStore& store_;
    CatalogHolder& holder_;
    std::string etag_;
    base::Worker worker_; ///< last: stopped before the members it uses go
};

} // namespace kiosk::core
