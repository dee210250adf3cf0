// SPDX-License-Identifier: Apache-2.0
// CPU time and memory of a process, read from /proc (for the fleet load report).
#pragma once

#include <sys/types.h>

namespace fleet_load {

struct ProcSample {
    double cpuSeconds = 0; ///< user + system time so far
    long rssKiB = 0;       ///< resident set now (VmRSS)
    long peakRssKiB = 0;   ///< highest resident set (VmHWM)
};

/// The sample of `pid` (0: this process); zeros if it cannot be read.
[[nodiscard]] ProcSample sampleProcess(pid_t pid);

/// CPU use between two samples over `wallSeconds`, in percent of one core.
[[nodiscard]] double cpuPercent(const ProcSample& before, const ProcSample& after,
                                double wallSeconds);

} // namespace fleet_load
