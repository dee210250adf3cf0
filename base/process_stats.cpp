// SPDX-License-Identifier: Apache-2.0
#include "base/process_stats.h"

#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace base::process {

namespace {

/// Field 22 of /proc/self/stat: start time after boot, in clock ticks. The command name
/// (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
std::optional<long long> startTicks()
{
    std::ifstream file("/proc/self/stat");
    std::string stat((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const auto nameEnd = stat.rfind(')');
    if (nameEnd == std::string::npos)
        return std::nullopt;
    std::istringstream fields(stat.substr(nameEnd + 1));
    std::string field;
    for (int index = 3; index <= 22; ++index) { // field 3 (state) follows the name
        if (!(fields >> field))
            return std::nullopt;
    }
    try {
        return std::stoll(field);
    } catch (...) {
        return std::nullopt;
    }
}

} // namespace

std::optional<std::chrono::milliseconds> sinceStart()
{
    const auto ticks = startTicks();
    const long ticksPerSecond = sysconf(_SC_CLK_TCK);
    timespec now{};
    // The start time counts from boot including suspend, like CLOCK_BOOTTIME.
    if (!ticks || ticksPerSecond <= 0 || clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return std::nullopt;
    const auto nowMs =
        std::chrono::seconds(now.tv_sec) + std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::nanoseconds(now.tv_nsec));
    const auto startMs = std::chrono::milliseconds(*ticks * 1000 / ticksPerSecond);
    return nowMs - startMs;
}

std::optional<long> peakRssKb()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            long value = 0;
            if (status >> value)
                return value;
            return std::nullopt;
        }
        status.ignore(4096, '\n');
    }
    return std::nullopt;
}

std::string startupReport()
{
    const auto age = sinceStart();
    return "{\"firstFrameMs\":" + std::to_string(age ? age->count() : -1) +
           ",\"rssKb\":" + std::to_string(peakRssKb().value_or(-1)) + "}";
}

} // namespace base::process
