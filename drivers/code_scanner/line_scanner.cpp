// SPDX-License-Identifier: Apache-2.0
// drivers::LineScanner: the scan loop and hot-plug handling of the USB line scanners.
#include "drivers/code_scanner/line_scanner.h"

#include "drivers/code_scanner/code_line.h"

namespace drivers {

namespace {
// Deadlines here become read timeouts of a transport that the kernel waits out: the real
// steady clock, not base::Clock.
using Clock = std::chrono::steady_clock;
/// Reads wait at most this long at a time, so an unplug seen by the hot-plug thread ends a
/// long scan promptly.
constexpr std::chrono::milliseconds kReadSlice{100};
} // namespace

LineScanner::LineScanner(std::string path, Naming naming, std::chrono::milliseconds hotplugInterval,
                         std::unique_ptr<LineSource> source)
    : hal::CodeScanner(naming.backend, std::move(naming.model)), path_(std::move(path)),
      name_(naming.backend + " scanner " + path_), nodeKind_(std::move(naming.nodeKind)),
      hotplugInterval_(hotplugInterval), source_(std::move(source))
{
}

LineScanner::~LineScanner()
{
    monitor_.stop();
}

base::Result<void> LineScanner::openImpl()
{
    if (auto opened = openSource(); !opened)
        return opened;
    monitor_.start(path_, hotplugInterval_,
                   {[this] {
                        // Not under mutex_: a scan may hold it; it sees lost_ and ends.
                        deviceLost(nodeKind_ + " " + path_ + " is gone");
                    },
                    [this] {
                        return reopen();
                    }});
    return {};
}

void LineScanner::closeImpl()
{
    monitor_.stop();
    std::lock_guard lock(mutex_);
    closeSource();
}

base::Result<void> LineScanner::openSource()
{
    std::lock_guard lock(mutex_);
    if (auto opened = source_->open(); !opened)
        return opened;
    sourceOpen_ = true;
    // Codes scanned while nobody asked are stale: a citizen expects the scan they see.
    lines_.clear();
    lost_ = false;
    return {};
}

void LineScanner::closeSource()
{
    source_->close();
    sourceOpen_ = false;
}

void LineScanner::deviceLost(const std::string& detail)
{
    lost_ = true;
    monitor_.markLost();
    reportDisconnected(detail);
}

bool LineScanner::reopen()
{
    if (!openSource())
        return false;
    reportReconnected();
    return true;
}

base::Result<void> LineScanner::readSome(std::chrono::milliseconds timeout)
{
    if (!sourceOpen_)
        return base::fail(hal::errc::no_device, name_ + " is not connected");
    return source_->read(timeout, lines_);
}

base::Result<std::optional<hal::ScannedCode>>
LineScanner::scanImpl(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    std::unique_lock lock(mutex_);
    while (lines_.empty()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return std::optional<hal::ScannedCode>{};
        if (lost_)
            return base::fail(hal::errc::no_device, name_ + " is gone");
        if (auto read = readSome(std::min(left, kReadSlice)); !read) {
            closeSource();
            lock.unlock();
            if (read.error().code == hal::errc::no_device)
                deviceLost(read.error().message);
            return base::fail(read.error());
        }
    }
    auto line = std::move(lines_.front());
    lines_.pop_front();
    return std::optional<hal::ScannedCode>{codeFromLine(std::move(line))};
}

} // namespace drivers
