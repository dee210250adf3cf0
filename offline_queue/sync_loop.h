// SPDX-License-Identifier: Apache-2.0
// queue::SyncLoop: the worker that uploads queued records and records what the platform said.
#pragma once

#include "base/clock.h"
#include "base/signal.h"
#include "base/worker.h"
#include "offline_queue/delivery.h"
#include "offline_queue/store.h"
#include "offline_queue/uplink.h"

#include <chrono>
#include <mutex>
#include <random>
#include <stop_token>

namespace queue {

struct SyncOptions {
    std::size_t batchSize = 32;                   ///< records fetched per pass
    std::chrono::milliseconds backoffBase{500};   ///< first retry waits up to this
    std::chrono::milliseconds backoffCap{60'000}; ///< no retry waits longer than this
    std::chrono::milliseconds idlePoll{2'000};    ///< longest sleep with nothing to do
    /// While the link is down, how often the platform is probed. When a probe is answered,
    /// every record that waited for the link is due at once (not after its backoff).
    std::chrono::milliseconds probeInterval{500};
    /// A cheap request whose any HTTP answer shows that the platform is reachable.
    std::string probePath = "/v1/catalog";
    std::chrono::hours pruneInterval{1}; ///< how often old dead letters are deleted
};

/// Whether the platform answered lately.
enum class LinkState { Unknown, Up, Down, Unauthorized };
std::string_view toString(LinkState value);

/// Uploads due records one pass after another on its worker: materials, then their case,
/// then its rating, each with its idempotency key. A pass sends its due records concurrently
/// (Uplink::sendAll, bounded in flight); dependencies hold because Store::due() never returns
/// a record whose predecessor is still pending. The store, uplink and clock must outlive it.
class SyncLoop {
public:
    SyncLoop(Store& store, Uplink& uplink, const base::Clock& clock, SyncOptions options);
    SyncLoop(const SyncLoop&) = delete;
    SyncLoop& operator=(const SyncLoop&) = delete;
    ~SyncLoop();

    void start();
    /// Abandons the requests in flight (their records stay as they were and are sent again
    /// under the same idempotency keys) and returns at once.
    void stop();
    /// Something was queued (or the link may be back): run a pass now.
    void notify();

    /// One pass over the due records, on the caller's thread (the worker uses it; so can
    /// tests). Returns how many records reached a final state (delivered or dead letter).
    /// When `stop` is requested meanwhile, only the answers already received are recorded.
    [[nodiscard]] base::Result<std::size_t> runPass(std::stop_token stop = {});

    [[nodiscard]] LinkState linkState() const;

    /// Asks the platform whether it is reachable (SyncOptions::probePath); when it answers,
    /// the records that waited for the link are made due. True if it answered.
    bool probe(std::stop_token stop = {});

    /// Emitted from the sync worker's thread when the link state changes (Unauthorized is the
    /// alarm: the kiosk's credentials were refused and nothing is sent until it is fixed).
    base::Signal<LinkState> linkStateChanged;

private:
    /// One round of the worker; returns how long to wait before the next.
    std::chrono::milliseconds step(std::stop_token stop);
    void setLinkState(LinkState state);
    std::chrono::milliseconds backoff(int attempts);
    std::chrono::milliseconds idleWait();
    std::chrono::milliseconds backoffFor(const Verdict& verdict, int attempts);
    void pruneIfDue();

    Store& store_;
    Uplink& uplink_;
    const base::Clock& clock_;
    SyncOptions options_;
    std::mt19937_64 random_{std::random_device{}()};

    mutable std::mutex mutex_; ///< guards linkState_
    LinkState linkState_ = LinkState::Unknown;
    base::Clock::TimePoint lastPrune_{}; ///< the worker's own
    base::Worker worker_;                ///< last: stopped before the members it uses go
};

} // namespace queue
