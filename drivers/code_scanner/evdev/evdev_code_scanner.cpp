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

namespace {

bool meansUnplugged(int error)
{
    return error == ENODEV || error == EIO || error == ENXIO || error == ENOENT;
}

/// An evdev node (grabbed), or a FIFO or file of recorded input_events (not grabbed).
class EvdevLines final : public LineSource {
public:
    EvdevLines(std::string path, EvdevScannerOptions options)
        : path_(std::move(path)), decoder_(options.terminator, options.maxLength)
    {
    }
    ~EvdevLines() override { close(); }
    EvdevLines(const EvdevLines&) = delete;
    EvdevLines& operator=(const EvdevLines&) = delete;

    base::Result<void> open() override
    {
        auto fd = openNode();
        if (!fd)
            return base::fail(fd.error());
        close();
        fd_ = *fd;
        struct stat info {};
        replay_ = ::fstat(fd_, &info) == 0 && S_ISREG(info.st_mode);
        decoder_.reset();
        return {};
    }

    void close() override
    {
        if (fd_ >= 0)
            ::close(fd_); // closing also releases the grab
        fd_ = -1;
    }

    base::Result<void> read(std::chrono::milliseconds timeout,
                            std::deque<std::string>& lines) override;

private:
    base::Result<int> openNode() const;

    const std::string path_;
    WedgeDecoder decoder_;
    int fd_ = -1;
    bool replay_ = false; ///< a regular file: end of file means "no more input", not unplug
};

base::Result<int> EvdevLines::openNode() const
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

base::Result<void> EvdevLines::read(std::chrono::milliseconds timeout,
                                    std::deque<std::string>& lines)
{
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
    if (ready < 0 && errno != EINTR)
        return base::fail(base::fromErrno("evdev scanner " + path_ + ": poll", errno));
    if (ready <= 0)
        return {};
    std::array<std::uint8_t, 64 * sizeof(input_event)> buffer{};
    const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
    if (got > 0) {
        decoder_.feed(std::span(buffer.data(), static_cast<std::size_t>(got)), lines);
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

} // namespace

EvdevCodeScanner::EvdevCodeScanner(std::string path, EvdevScannerOptions options)
    : LineScanner(path,
                  {.backend = "evdev",
                   .model = "keyboard-wedge scanner at " + path,
                   .nodeKind = "input node"},
                  options.hotplugInterval, std::make_unique<EvdevLines>(path, options))
{
}

} // namespace drivers
