// SPDX-License-Identifier: Apache-2.0
// The simulated kiosks' catalog fetches: GET /v1/catalog with If-None-Match, each at the time
// its kiosk drew after a sync_catalog command, run by a few base::Worker threads with one
// keep-alive libcurl handle each (a kiosk fetches over HTTP with ETag, as any CDN would serve).
#pragma once

#include "base/worker.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <queue>
#include <string>
#include <vector>

namespace fleet_load {

struct FetchCounts {
    std::uint64_t ok = 0;          ///< 200: a new catalog
    std::uint64_t notModified = 0; ///< 304: the kiosk's ETag is current
    std::uint64_t failed = 0;      ///< transport errors and other statuses
    std::uint64_t peakPerSecond = 0;
    double meanPerSecond = 0; ///< over the seconds from the first to the last answer
};

class CatalogFetchers {
public:
    using Clock = std::chrono::steady_clock;

    /// `platformUrl`: platform-sim's base URL; `kioskIds` index the kiosks; every kiosk starts
    /// with `initialEtag`.
    CatalogFetchers(std::string platformUrl, std::vector<std::string> kioskIds,
                    std::string initialEtag, int workers);
    ~CatalogFetchers();
    CatalogFetchers(const CatalogFetchers&) = delete;
    CatalogFetchers& operator=(const CatalogFetchers&) = delete;

    /// Kiosk `kiosk` fetches at `due` (thread-safe; called on the swarm's loop).
    void schedule(std::size_t kiosk, Clock::time_point due);
    /// Starts counting a new storm (the per-second histogram and the counts).
    void resetCounts();
    [[nodiscard]] FetchCounts counts() const;
    /// Fetches scheduled and not yet answered.
    [[nodiscard]] std::size_t outstanding() const;

private:
    struct Due {
        Clock::time_point at;
        std::size_t kiosk;
        bool operator>(const Due& other) const { return at > other.at; }
    };
    std::chrono::milliseconds step(void* curl);
    void record(long status, bool transportOk);

    const std::string url_;
    const std::vector<std::string> kioskIds_;
    mutable std::mutex mutex_;
    std::vector<std::string> etags_;
    std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;
    std::size_t inFlight_ = 0;
    FetchCounts counts_;
    Clock::time_point stormStart_ = Clock::now();
    std::vector<std::uint64_t> perSecond_;
    std::vector<std::unique_ptr<base::Worker>> workers_;
};

} // namespace fleet_load
