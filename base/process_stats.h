// SPDX-License-Identifier: Apache-2.0
// Figures about the running process for start-up measurement (kiosk --measure-startup and
// the floor program it is compared with): time since the kernel started it, peak memory.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace base::process {

/// Time since the kernel created this process, from /proc/self/stat's start time. Its unit is
/// the clock tick (10 ms on Debian's kernels), so the figure is that coarse; callers who need
/// finer timing measure the launch from outside (tests/bench/startup.sh does both).
/// nullopt where /proc cannot tell.
[[nodiscard]] std::optional<std::chrono::milliseconds> sinceStart();

/// Peak resident set size in KiB (VmHWM of /proc/self/status); nullopt where /proc cannot tell.
[[nodiscard]] std::optional<long> peakRssKb();

/// The start-up report both programs print once their first frame has rendered:
/// {"firstFrameMs":N,"rssKb":N}, -1 for a figure /proc cannot tell.
[[nodiscard]] std::string startupReport();

} // namespace base::process
