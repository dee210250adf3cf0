// SPDX-License-Identifier: Apache-2.0
#include "base/clock.h"

#include <cstdio>
#include <ctime>

namespace base {

Clock::SteadyTime Clock::deadlineIn(std::chrono::nanoseconds duration) const
{
    const auto now = steadyNow();
    if (duration <= std::chrono::nanoseconds::zero())
        return now;
    if (duration >= SteadyTime::max() - now)
        return SteadyTime::max();
    return now + std::chrono::duration_cast<SteadyTime::duration>(duration);
}

bool Clock::waitFor(std::unique_lock<std::mutex>& lock, std::condition_variable_any& wake,
                    std::chrono::nanoseconds duration, std::stop_token stop,
                    const Ready& ready) const
{
    return waitUntil(lock, wake, deadlineIn(duration), std::move(stop), ready);
}

bool Clock::sleepFor(std::chrono::nanoseconds duration, std::stop_token stop) const
{
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    (void)waitFor(lock, wake, duration, stop, [] { return false; });
    return !stop.stop_requested();
}

bool SystemClock::waitUntil(std::unique_lock<std::mutex>& lock, std::condition_variable_any& wake,
                            SteadyTime deadline, std::stop_token stop, const Ready& ready) const
{
    // A far deadline is waited for in slices: some libstdc++ versions overflow when converting
    // time_point::max() to the condition variable's clock.
    constexpr auto slice = std::chrono::hours(24);
    while (steadyNow() < deadline) {
        const auto until = deadline - steadyNow() > slice ? steadyNow() + slice : deadline;
        if (wake.wait_until(lock, stop, until, ready))
            return true;
        if (stop.stop_requested())
            return ready();
    }
    return ready();
}

const Clock& systemClock()
{
    static const SystemClock clock;
    return clock;
}

std::string toRfc3339(Clock::TimePoint time)
{
    const auto seconds = std::chrono::system_clock::to_time_t(time) + 8 * 3600;
    std::tm utcPlus8{};
    gmtime_r(&seconds, &utcPlus8);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S+08:00", &utcPlus8);
    return buffer;
}

} // namespace base
