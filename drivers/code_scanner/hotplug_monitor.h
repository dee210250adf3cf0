// SPDX-License-Identifier: Apache-2.0
// drivers::HotplugMonitor: notices a scanner's device node vanish and come back (USB unplug,
// udev symlink removed and recreated) and lets the driver drop and reopen it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace drivers {

/// Polls for the device path while the driver is open. udev would tell us sooner; polling a
/// path works for every backend alike (V4L2 nodes, ttyACM, input events, test files) and
/// costs one stat() per interval.
class HotplugMonitor {
public:
    struct Hooks {
        std::function<void()> lost;     ///< the path is gone: drop the device, report it
        std::function<bool()> regained; ///< the path is back: reopen; false = retry later
    };

    HotplugMonitor() = default;
    HotplugMonitor(const HotplugMonitor&) = delete;
    HotplugMonitor& operator=(const HotplugMonitor&) = delete;
    ~HotplugMonitor() { stop(); }

    /// Starts watching `path` (assumed present and open now) every `interval`.
    void start(std::string path, std::chrono::milliseconds interval, Hooks hooks);
    void stop();
    /// An operation saw the device go away (ENODEV, hang-up): the next time the path is
    /// present the monitor calls `regained` again.
    void markLost();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::thread thread_;
    std::string path_;
    std::chrono::milliseconds interval_{200};
    Hooks hooks_;
    bool stopping_ = false;
    bool connected_ = true;
};

} // namespace drivers
