// SPDX-License-Identifier: Apache-2.0
// Driving workers on a base::ManualClock, and the bound on stopping them (issue 12: "stopping
// any component returns within 200 ms even in the middle of a request").
#pragma once

#include "base/manual_clock.h"

#include <chrono>

namespace test_support {

/// Moves `clock` on by `by` and waits (for real, a generous failure bound) until a worker woken
/// by it has done its round and sleeps on the clock again. Call it only while the worker
/// sleeps (after start() and awaitWaits(), or after an earlier advanceAndSettle()), so that
/// what the worker did between two calls is deterministic. False if nobody went back to sleep.
[[nodiscard]] inline bool advanceAndSettle(base::ManualClock& clock, std::chrono::nanoseconds by)
{
    const auto waits = clock.waitsBegun();
    clock.advance(by);
    return clock.awaitWaits(waits + 1);
}

/// Runs `start` and waits until the worker it starts has done its first round and sleeps.
template <class Start>
[[nodiscard]] bool startAndSettle(const base::ManualClock& clock, Start&& start)
{
    const auto waits = clock.waitsBegun();
    start();
    return clock.awaitWaits(waits + 1);
}

/// The promise of issue 12 for every component's stop(), measured on the real clock: the
/// worker must leave a request or a wait at once, not when it would have ended.
inline constexpr std::chrono::milliseconds stopBound{200};

/// How long `stop()` took, on the real steady clock.
template <class Stop> std::chrono::milliseconds timeToStop(Stop&& stop)
{
    const auto before = std::chrono::steady_clock::now();
    stop();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 before);
}

} // namespace test_support
