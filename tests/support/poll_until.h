// SPDX-License-Identifier: Apache-2.0
// pollUntil: the one "wait until this holds" of the tests, for effects that cross a real
// transport (a pty, a socket, a file) and so cannot be driven by a ManualClock.
#pragma once

#include <chrono>
#include <thread>

namespace test_support {

/// Checks `done()` every 2 ms until it holds or `timeout` passes (generous: the machine may be
/// loaded; the timeout is a failure bound, not a measurement). Returns done().
template <class Done>
bool pollUntil(Done&& done, std::chrono::milliseconds timeout = std::chrono::seconds(10))
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline)
            return done();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

} // namespace test_support
