// SPDX-License-Identifier: Apache-2.0
// drivers::HotplugMonitor: one polling worker per open scanner.
#include "drivers/transport/hotplug_monitor.h"

#include <sys/stat.h>

namespace drivers {

bool pathPresent(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0; // follows symlinks: a dangling one is "gone"
}

HotplugMonitor::HotplugMonitor(const base::Clock& clock) : worker_({"drivers/hotplug"}, clock) {}

void HotplugMonitor::start(std::string path, std::chrono::milliseconds interval, Hooks hooks)
{
    stop();
    {
        std::lock_guard lock(mutex_);
        connected_ = true;
    }
    // The path was present when start() was called: the first look is one interval later.
    worker_.start(
        [this, path = std::move(path), interval, hooks = std::move(hooks)](std::stop_token) {
            check(path, hooks);
            return interval;
        },
        interval);
}

void HotplugMonitor::stop()
{
    worker_.stop();
}

void HotplugMonitor::markLost()
{
    std::lock_guard lock(mutex_);
    connected_ = false;
}

void HotplugMonitor::check(const std::string& path, const Hooks& hooks)
{
    const bool present = pathPresent(path);
    bool connected = false;
    {
        std::lock_guard lock(mutex_);
        connected = connected_;
    }
    // The hooks report status, and their slots may call back into the driver: no lock here.
    if (connected && !present) {
        {
            std::lock_guard lock(mutex_);
            connected_ = false;
        }
        hooks.lost();
    } else if (!connected && present) {
        const bool reopened = hooks.regained();
        std::lock_guard lock(mutex_);
        connected_ = reopened;
    }
}

} // namespace drivers
