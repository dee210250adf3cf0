// SPDX-License-Identifier: Apache-2.0
// drivers::SerialPort over termios and poll().
#include "drivers/transport/serial_port.h"

#include "hal/errc.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>
#include <utility>

namespace drivers {

namespace {

// Deadlines here become poll(2) timeouts, which the kernel waits out: the real steady clock,
// not base::Clock.
using Clock = std::chrono::steady_clock;

/// Errors after which the device is gone rather than busy: a USB adapter pulled out, or
/// the other end of a pty closed.
bool meansUnplugged(int error)
{
    return error == EIO || error == ENXIO || error == ENODEV || error == ENOENT;
}

base::Error systemError(const std::string& what, const std::string& path, int error)
{
    if (meansUnplugged(error))
        return base::Error{hal::errc::no_device, "serial " + path + ": device gone (" + what + ")"};
    return base::fromErrno("serial " + path + ": " + what, error);
}

base::Result<speed_t> speedFor(int baud)
{
    switch (baud) {
    case 9600:
        return B9600;
    case 19200:
        return B19200;
    case 38400:
        return B38400;
    case 57600:
        return B57600;
    case 115200:
        return B115200;
    case 230400:
        return B230400;
    case 460800:
        return B460800;
    case 921600:
        return B921600;
    default:
        return base::fail(hal::errc::unsupported,
                          "serial: unsupported baud rate " + std::to_string(baud));
    }
}

base::Result<void> makeRaw(int fd, const std::string& path, const SerialOptions& options)
{
    auto speed = speedFor(options.baud);
    if (!speed)
        return base::fail(speed.error());
    termios tio{};
    if (tcgetattr(fd, &tio) != 0)
        return base::fail(systemError("tcgetattr", path, errno));
    cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;
    if (options.hardwareFlowControl)
        tio.c_cflag |= CRTSCTS;
    else
        tio.c_cflag &= ~CRTSCTS;
    tio.c_cc[VMIN] = 0; // reads are timed by poll(), never blocked in the tty layer
    tio.c_cc[VTIME] = 0;
    cfsetispeed(&tio, *speed);
    cfsetospeed(&tio, *speed);
    if (tcsetattr(fd, TCSANOW, &tio) != 0)
        return base::fail(systemError("tcsetattr", path, errno));
    return {};
}

/// Waits for `events` on fd until `deadline`. Returns false on timeout.
base::Result<bool> waitFor(int fd, short events, Clock::time_point deadline,
                           const std::string& path)
{
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        pollfd pfd{fd, events, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::max<long>(left.count(), 0)));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0)
            return base::fail(systemError("poll", path, errno));
        if (ready == 0)
            return false;
        if ((pfd.revents & POLLNVAL) != 0)
            return base::fail(hal::errc::no_device, "serial " + path + ": descriptor closed");
        // POLLHUP/POLLERR: let the following read or write report what happened.
        return true;
    }
}

} // namespace

base::Result<SerialPort> SerialPort::open(const std::string& path, const SerialOptions& options)
{
    const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return base::fail(systemError("open", path, errno));
    SerialPort port(fd, path);
    if (auto raw = makeRaw(fd, path, options); !raw)
        return base::fail(raw.error());
    return port;
}

SerialPort::SerialPort(SerialPort&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_))
{
}

SerialPort& SerialPort::operator=(SerialPort&& other) noexcept
{
    if (this != &other) {
        close();
        fd_ = std::exchange(other.fd_, -1);
        path_ = std::move(other.path_);
    }
    return *this;
}

SerialPort::~SerialPort()
{
    close();
}

void SerialPort::close()
{
    if (fd_ >= 0)
        ::close(fd_);
    fd_ = -1;
}

base::Result<void> SerialPort::write(std::span<const std::uint8_t> bytes,
                                     std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
        if (written > 0) {
            bytes = bytes.subspan(static_cast<std::size_t>(written));
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && errno != EAGAIN)
            return base::fail(systemError("write", path_, errno));
        auto ready = waitFor(fd_, POLLOUT, deadline, path_);
        if (!ready)
            return base::fail(ready.error());
        if (!*ready)
            return base::fail(hal::errc::timeout, "serial " + path_ + ": write timed out");
    }
    return {};
}

base::Result<std::size_t> SerialPort::read(std::span<std::uint8_t> buffer,
                                           std::chrono::milliseconds timeout)
{
    auto ready = waitFor(fd_, POLLIN, Clock::now() + timeout, path_);
    if (!ready)
        return base::fail(ready.error());
    if (!*ready)
        return 0;
    for (;;) {
        const ssize_t got = ::read(fd_, buffer.data(), buffer.size());
        if (got > 0)
            return static_cast<std::size_t>(got);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && errno == EAGAIN)
            return 0;
        // A readable line that yields end-of-file has hung up: the device is gone.
        return base::fail(systemError("read", path_, got == 0 ? EIO : errno));
    }
}

base::Result<void> SerialPort::discardInput()
{
    if (tcflush(fd_, TCIFLUSH) != 0)
        return base::fail(systemError("tcflush", path_, errno));
    return {};
}

} // namespace drivers
