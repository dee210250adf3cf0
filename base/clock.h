// SPDX-License-Identifier: Apache-2.0
// Clock: the one source of time for code that waits, retries or stamps records, so tests can
// run on a ManualClock (base/manual_clock.h) instead of sleeping.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>

namespace base {

class Clock {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    using SteadyTime = std::chrono::steady_clock::time_point;
    /// A wake-up condition checked with the waiter's lock held.
    using Ready = std::function<bool()>;

    virtual ~Clock() = default;
    /// Wall-clock time, for timestamps sent to the platform or stored.
    [[nodiscard]] virtual TimePoint now() const = 0;
    /// Monotonic time, for timeouts and backoff.
    [[nodiscard]] virtual SteadyTime steadyNow() const = 0;

    /// Blocks on `wake` (with `lock` held, as for a condition variable) until `ready()` is
    /// true, `stop` is requested, or steadyNow() reaches `deadline`. Returns ready().
    /// Whoever makes `ready()` true must change it under the lock and notify `wake`.
    [[nodiscard]] virtual bool waitUntil(std::unique_lock<std::mutex>& lock,
                                         std::condition_variable_any& wake, SteadyTime deadline,
                                         std::stop_token stop, const Ready& ready) const = 0;

    /// waitUntil() for a duration from now. A duration too long to add saturates.
    bool waitFor(std::unique_lock<std::mutex>& lock, std::condition_variable_any& wake,
                 std::chrono::nanoseconds duration, std::stop_token stop, const Ready& ready) const;

    /// Sleeps for `duration` unless `stop` is requested first. Returns false when stopped.
    bool sleepFor(std::chrono::nanoseconds duration, std::stop_token stop = {}) const;

    /// steadyNow() + duration, saturating instead of overflowing.
    [[nodiscard]] SteadyTime deadlineIn(std::chrono::nanoseconds duration) const;
};

/// The real clocks of the machine.
class SystemClock final : public Clock {
public:
    [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
    [[nodiscard]] SteadyTime steadyNow() const override { return std::chrono::steady_clock::now(); }
    [[nodiscard]] bool waitUntil(std::unique_lock<std::mutex>& lock,
                                 std::condition_variable_any& wake, SteadyTime deadline,
                                 std::stop_token stop, const Ready& ready) const override;
};

/// The process's real clock, for composition roots (kiosk, kioskctl) and platform-sim.
[[nodiscard]] const Clock& systemClock();

/// RFC 3339 with the China Standard Time offset, e.g. "2026-11-23T10:15:00+08:00".
/// Kiosks of this platform run in China; the offset is fixed (no daylight saving time).
[[nodiscard]] std::string toRfc3339(Clock::TimePoint time);

} // namespace base
