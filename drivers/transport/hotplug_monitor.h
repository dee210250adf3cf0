// SPDX-License-Identifier: Apache-2.0
// drivers::HotplugMonitor: notices a device node vanish and come back (USB unplug, udev
// symlink removed and recreated) and lets the driver drop and reopen it (scanners, cameras).
#pragma once

#include "base/worker.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace drivers {

/// Whether a device node (or the udev symlink to one) is there now. A dangling symlink counts
/// as gone.
bool pathPresent(const std::string& path);

/// Polls for the device path while the driver is open. udev would tell us sooner; polling a
/// path works for every backend alike (V4L2 nodes, ttyACM, input events, test files) and
/// costs one stat() per interval.
class HotplugMonitor {
public:
    struct Hooks {
        std::function<void()> lost;     ///< the path is gone: drop the device, report it
        std::function<bool()> regained; ///< the path is back: reopen; false = retry later
    };

    explicit HotplugMonitor(const base::Clock& clock = base::systemClock());
    HotplugMonitor(const HotplugMonitor&) = delete;
    HotplugMonitor& operator=(const HotplugMonitor&) = delete;
    ~HotplugMonitor() { stop(); }

    /// Starts watching `path` (assumed present and open now) every `interval`. The hooks run
    /// on the monitor's worker, without any lock of the monitor held.
    void start(std::string path, std::chrono::milliseconds interval, Hooks hooks);
    void stop();
    /// An operation saw the device go away (ENODEV, hang-up): the next time the path is
    /// present the monitor calls `regained` again.
    void markLost();

private:
    /// One poll on the worker.
    void check(const std::string& path, const Hooks& hooks);

    std::mutex mutex_;
    bool connected_ = true; ///< guarded by mutex_
    base::Worker worker_;   ///< last: stopped before the members it uses go
};

} // namespace drivers
