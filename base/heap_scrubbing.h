// SPDX-License-Identifier: Apache-2.0
// Freed heap memory overwritten at once. A citizen's name in a freed QString, a JavaScript
// string the QML engine let go of, or a Qt text layout is not zeroed by whoever freed it: the
// bytes stay readable (a core file, /proc/PID/mem) until the allocator hands the block out
// again. glibc overwrites every freed block when two tunables are set, which it reads only at
// process start:
//   glibc.malloc.perturb=N       free() fills the block with N (and malloc() with ~N);
//   glibc.malloc.tcache_count=0  the per-thread cache, which would keep up to 7 freed blocks per
//                                size unfilled, is off.
// So a program that shows personal data restarts itself once, first thing in main(), with them.
#pragma once

#include "base/result.h"

#include <string>
#include <string_view>

namespace base {

/// The tunables, as GLIBC_TUNABLES takes them.
inline constexpr std::string_view kHeapScrubbingTunables =
    "glibc.malloc.tcache_count=0:glibc.malloc.perturb=165";

/// `existing` (GLIBC_TUNABLES as found, possibly empty) with the scrubbing tunables added: ours
/// come last, so they win over the same names set before.
[[nodiscard]] std::string tunablesWithHeapScrubbing(std::string_view existing);

/// Whether this process started with the scrubbing tunables in GLIBC_TUNABLES.
[[nodiscard]] bool heapScrubbingActive();

/// Unless heapScrubbingActive(), starts this program again in this process (execv of
/// /proc/self/exe with the same `argv`) with the tunables added to GLIBC_TUNABLES. Returns only
/// when they are active already, or when the restart failed: the error says why, and the
/// caller logs it and goes on unscrubbed. Call it before any thread starts.
[[nodiscard]] Result<void> restartWithHeapScrubbing(char** argv);

} // namespace base
