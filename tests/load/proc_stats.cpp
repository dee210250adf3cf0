// SPDX-License-Identifier: Apache-2.0
#include "tests/load/proc_stats.h"

#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace fleet_load {

namespace {

std::string procPath(pid_t pid, const char* file)
{
    return "/proc/" + (pid == 0 ? std::string("self") : std::to_string(pid)) + "/" + file;
}

long statusKiB(pid_t pid, const std::string& key)
{
    std::ifstream status(procPath(pid, "status"));
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(key + ":"))
            return std::stol(line.substr(key.size() + 1));
    }
    return 0;
}

} // namespace

ProcSample sampleProcess(pid_t pid)
{
    ProcSample sample;
    std::ifstream stat(procPath(pid, "stat"));
    std::string text;
    std::getline(stat, text);
    // Fields after the command name (which may hold spaces, so start after its ')'):
    // state is field 3; utime and stime are fields 14 and 15.
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return sample;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    unsigned long long utime = 0;
    unsigned long long stime = 0;
    for (int index = 3; index <= 15 && fields >> field; ++index) {
        if (index == 14)
            utime = std::stoull(field);
        if (index == 15)
            stime = std::stoull(field);
    }
    sample.cpuSeconds =
        static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
    sample.rssKiB = statusKiB(pid, "VmRSS");
    sample.peakRssKiB = statusKiB(pid, "VmHWM");
    return sample;
}

double cpuPercent(const ProcSample& before, const ProcSample& after, double wallSeconds)
{
    if (wallSeconds <= 0)
        return 0;
    return 100.0 * (after.cpuSeconds - before.cpuSeconds) / wallSeconds;
}

} // namespace fleet_load
