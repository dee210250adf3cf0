// SPDX-License-Identifier: Apache-2.0
// ManualClock: a Clock that moves only when a test says so, waking the threads that wait on it.
#pragma once

#include "base/clock.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace base {

/// Time stands still until advance(). Threads blocked in waitUntil() wake when their deadline
/// is passed by advance(), when they are notified, or when they are asked to stop; nothing
/// sleeps for real. Tests wait for a worker to be asleep (waitsBegun()/awaitWaits()) before
/// moving time, so what happens between two advances is deterministic. Thread-safe.
class ManualClock final : public Clock {
public:
    /// Starts at `wallStart` (default 2026-11-23T10:00:00+08:00) and an arbitrary steady time.
    explicit ManualClock(TimePoint wallStart = defaultStart());

    [[nodiscard]] TimePoint now() const override;
    [[nodiscard]] SteadyTime steadyNow() const override;
    [[nodiscard]] bool waitUntil(std::unique_lock<std::mutex>& lock,
                                 std::condition_variable_any& wake, SteadyTime deadline,
                                 std::stop_token stop, const Ready& ready) const override;

    /// Moves both clocks forward and wakes every waiter, which then checks its deadline.
    void advance(std::chrono::nanoseconds by);
    /// Sets the wall clock alone (as NTP may), leaving the steady clock where it is.
    void setWallTime(TimePoint time);

    /// How many waits have begun since the clock was made; a worker that finished its step and
    /// sleeps again has begun one more.
    [[nodiscard]] std::uint64_t waitsBegun() const;
    /// Blocks (for real, at most `timeout`) until waitsBegun() >= count. False on timeout.
    bool awaitWaits(std::uint64_t count,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    /// How many threads are waiting on this clock right now.
    [[nodiscard]] std::size_t waiting() const;

    [[nodiscard]] static TimePoint defaultStart();

private:
    struct Waiter {
        std::mutex* mutex;
        std::condition_variable_any* wake;
    };
    void enlist(const Waiter& waiter) const;
    void dismiss(const Waiter& waiter) const;

    std::atomic<std::int64_t> wallNs_;
    std::atomic<std::int64_t> steadyNs_{1'000'000'000'000}; ///< far from 0: no negative ages
    mutable std::mutex waitersMutex_;
    mutable std::condition_variable waitsChanged_;
    mutable std::vector<Waiter> waiters_;
    mutable std::uint64_t waitsBegun_ = 0;
};

} // namespace base
