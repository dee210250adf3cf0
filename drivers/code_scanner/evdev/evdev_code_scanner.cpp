// SPDX-License-Identifier: Apache-2.0
// drivers::EvdevCodeScanner: poll() + read() of struct input_event, EVIOCGRAB on real nodes.
#include "drivers/code_scanner/evdev/evdev_code_scanner.h"

#include "drivers/code_scanner/evdev/us_keymap.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace drivers {

namespace {

using Clock = std::chrono::steady_clock;
/// Reads wait at most this long at a time, so an unplug seen by the hot-plug thread ends a
/// long scan promptly.
constexpr std::chrono::milliseconds kReadSlice{100};

bool meansUnplugged(int error)
{
    return error == ENODEV || error == EIO || error == ENXIO || error == ENOENT;
}

} // namespace

// --- WedgeDecoder ---------------------------------------------------------------------------

WedgeDecoder::WedgeDecoder(WedgeTerminator terminator, std::size_t maxLength)
    : terminator_(terminator), assembler_(maxLength)
{
}

void WedgeDecoder::feed(std::span<const std::uint8_t> bytes, std::deque<std::string>& lines)
{
    pending_.insert(pending_.end(), bytes.begin(), bytes.end());
    std::size_t offset = 0;
    for (; pending_.size() - offset >= sizeof(input_event); offset += sizeof(input_event)) {
        input_event event{};
        std::memcpy(&event, pending_.data() + offset, sizeof event);
        if (event.type == EV_KEY)
            onKey(event.code, event.value, lines);
    }
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(offset));
}

void WedgeDecoder::reset()
{
    pending_.clear();
    assembler_.reset();
    leftShift_ = rightShift_ = false;
}

void WedgeDecoder::onKey(std::uint16_t code, std::int32_t value, std::deque<std::string>& lines)
{
    if (code == KEY_LEFTSHIFT || code == KEY_RIGHTSHIFT) {
        (code == KEY_LEFTSHIFT ? leftShift_ : rightShift_) = value != 0;
        return;
    }
    if (value != 1) // 0 release, 2 autorepeat: a scanner types each character once
        return;
    const bool enter = code == KEY_ENTER || code == KEY_KPENTER;
    const bool terminates = terminator_ == WedgeTerminator::Enter ? enter : code == KEY_TAB;
    if (terminates) {
        if (auto line = assembler_.add('\0', true))
            lines.push_back(std::move(*line));
        return;
    }
    if (auto c = evdev::charForKey(code, leftShift_ || rightShift_))
        (void)assembler_.add(*c, false);
}

// --- EvdevCodeScanner -----------------------------------------------------------------------

EvdevCodeScanner::EvdevCodeScanner(std::string path, EvdevScannerOptions options)
    : hal::CodeScanner("evdev", "keyboard-wedge scanner at " + path), path_(std::move(path)),
      options_(options), decoder_(options.terminator, options.maxLength)
{
}

EvdevCodeScanner::~EvdevCodeScanner()
{
    monitor_.stop();
    closeNode();
}

base::Result<int> EvdevCodeScanner::openNode() const
{
    const int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        if (meansUnplugged(error))
            return base::fail(hal::errc::no_device, "evdev scanner " + path_ + " not found");
        return base::fail(base::fromErrno("evdev scanner " + path_ + ": open", error));
    }
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISCHR(info.st_mode) && ::ioctl(fd, EVIOCGRAB, 1) != 0) {
        const int error = errno;
        ::close(fd);
        // EBUSY: another program (a desktop, a second kiosk) holds the scanner.
        return base::fail(hal::errc::device_fault,
                          "evdev scanner " + path_ + ": exclusive grab failed (" +
                              std::strerror(error) + "); stop the other program reading it");
    }
    return fd;
}

base::Result<void> EvdevCodeScanner::openImpl()
{
    auto fd = openNode();
    if (!fd)
        return base::fail(fd.error());
    struct stat info {};
    {
        std::lock_guard lock(fdMutex_);
        fd_ = *fd;
        replay_ = ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode);
        lines_.clear();
        decoder_.reset();
    }
    monitor_.start(path_, options_.hotplugInterval,
                   {[this] { deviceLost("input node " + path_ + " is gone"); },
                    [this] {
                        return reopen();
                    }});
    return {};
}

void EvdevCodeScanner::closeImpl()
{
    monitor_.stop();
    closeNode();
}

void EvdevCodeScanner::closeNode()
{
    std::lock_guard lock(fdMutex_);
    if (fd_ >= 0)
        ::close(fd_); // closing also releases the grab
    fd_ = -1;
}

void EvdevCodeScanner::deviceLost(const std::string& detail)
{
    lost_ = true;
    monitor_.markLost();
    reportDisconnected(detail);
}

bool EvdevCodeScanner::reopen()
{
    auto fd = openNode();
    if (!fd)
        return false;
    {
        std::lock_guard lock(fdMutex_);
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = *fd;
        lines_.clear();
        decoder_.reset();
        lost_ = false;
    }
    reportReconnected();
    return true;
}

base::Result<void> EvdevCodeScanner::readSome(std::chrono::milliseconds timeout)
{
    if (fd_ < 0)
        return base::fail(hal::errc::no_device, "evdev scanner " + path_ + " is not connected");
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR)
        return base::fail(base::fromErrno("evdev scanner " + path_ + ": poll", errno));
    if (ready <= 0)
        return {};
    std::array<std::uint8_t, 64 * sizeof(input_event)> buffer{};
    const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
    if (got > 0) {
        decoder_.feed(std::span(buffer.data(), static_cast<std::size_t>(got)), lines_);
        return {};
    }
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return {};
    if (got == 0 && replay_) {
        // A recording has ended: nothing more will come, but that is no unplug.
        std::this_thread::sleep_for(timeout);
        return {};
    }
    // ENODEV from an evdev node, or end of file on a FIFO whose writer left: unplugged.
    return base::fail(hal::errc::no_device, "evdev scanner " + path_ + ": device gone");
}

base::Result<std::optional<hal::ScannedCode>>
EvdevCodeScanner::scanImpl(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    std::unique_lock lock(fdMutex_);
    while (lines_.empty()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return std::optional<hal::ScannedCode>{};
        if (lost_)
            return base::fail(hal::errc::no_device, "evdev scanner " + path_ + " is gone");
        if (auto read = readSome(std::min(left, kReadSlice)); !read) {
            if (fd_ >= 0)
                ::close(fd_);
            fd_ = -1;
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
