// SPDX-License-Identifier: Apache-2.0
#include "base/clock.h"

#include <cstdio>
#include <ctime>

namespace base {

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
