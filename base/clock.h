// SPDX-License-Identifier: Apache-2.0
// Clock: the source of time for code that waits, retries or stamps records, so tests can fake it.
#pragma once

#include <chrono>
#include <string>

namespace base {

class Clock {
public:
    using TimePoint = std::chrono::system_clock::time_point;
    virtual ~Clock() = default;
    /// Wall-clock time, for timestamps sent to the platform.
    [[nodiscard]] virtual TimePoint now() const = 0;
    /// Monotonic time, for timeouts and backoff.
    [[nodiscard]] virtual std::chrono::steady_clock::time_point steadyNow() const = 0;
};

/// The real clocks of the machine.
class SystemClock final : public Clock {
public:
    [[nodiscard]] TimePoint now() const override { return std::chrono::system_clock::now(); }
    [[nodiscard]] std::chrono::steady_clock::time_point steadyNow() const override
    {
        return std::chrono::steady_clock::now();
    }
};

/// RFC 3339 with the China Standard Time offset, e.g. "2026-11-23T10:15:00+08:00".
/// Kiosks of this platform run in China; the offset is fixed (no daylight saving time).
[[nodiscard]] std::string toRfc3339(Clock::TimePoint time);

} // namespace base
