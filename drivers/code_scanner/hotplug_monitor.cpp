// SPDX-License-Identifier: Apache-2.0
// drivers::HotplugMonitor: one polling thread per open scanner.
#include "drivers/code_scanner/hotplug_monitor.h"

#include <sys/stat.h>

namespace drivers {

namespace {
bool pathPresent(const std::string& path)
{
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0; // follows symlinks: a dangling one is "gone"
}
} // namespace

void HotplugMonitor::start(std::string path, std::chrono::milliseconds interval, Hooks hooks)
{
    stop();
    std::lock_guard lock(mutex_);
    path_ = std::move(path);
    interval_ = interval;
    hooks_ = std::move(hooks);
    stopping_ = false;
    connected_ = true;
    thread_ = std::thread([this] { run(); });
}

void HotplugMonitor::stop()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void HotplugMonitor::markLost()
{
    std::lock_guard lock(mutex_);
    connected_ = false;
}

void HotplugMonitor::run()
{
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        const bool present = pathPresent(path_);
        if (connected_ && !present) {
            connected_ = false;
            lock.unlock(); // hooks report status; their slots may call back into the driver
            hooks_.lost();
            lock.lock();
        } else if (!connected_ && present) {
            lock.unlock();
            const bool reopened = hooks_.regained();
            lock.lock();
            connected_ = reopened;
        }
    }
}

} // namespace drivers
