// SPDX-License-Identifier: Apache-2.0
// Catalog distribution from the platform: GET /v1/catalog with If-None-Match, verified and
// installed through CatalogStore, staged in the CatalogHolder. syncNow() is what the
// heartbeat's sync_catalog command calls; start() also runs it periodically.
#pragma once

#include "base/result.h"
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/catalog_store.h"
#include "offline_queue/uplink.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk::core {

struct CatalogSyncOutcome {
    enum class Kind { Unchanged, Installed, Refused };
    Kind kind = Kind::Unchanged;
    std::int64_t catalogVersion = 0; ///< of the downloaded catalog, when it could be read
    std::string reason;              ///< why it was refused
};

class CatalogSync {
public:
    CatalogSync(queue::Uplink& uplink, CatalogStore& store, CatalogHolder& holder);
    ~CatalogSync();
    CatalogSync(const CatalogSync&) = delete;
    CatalogSync& operator=(const CatalogSync&) = delete;

    /// One exchange. An error means the link or the platform failed (try again later); a
    /// refused catalog is an outcome, audited by the store, and its ETag is remembered so the
    /// same bad catalog is not downloaded and refused again every period.
    [[nodiscard]] base::Result<CatalogSyncOutcome> syncNow();

    /// Runs syncNow() every `period` on a thread until stop() or destruction.
    void start(std::chrono::milliseconds period);
    void stop();

private:
    void run(std::chrono::milliseconds period);

    queue::Uplink& uplink_;
    CatalogStore& store_;
    CatalogHolder& holder_;
    std::mutex syncMutex_; ///< one exchange at a time (the command and the timer may race)
    std::string etag_;

    std::mutex stopMutex_;
    std::condition_variable stopped_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace kiosk::core
