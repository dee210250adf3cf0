// SPDX-License-Identifier: Apache-2.0
// Device files and TCP sockets: one descriptor, non-blocking, poll() for every wait.
#include "drivers/receipt_printer/transport/transports.h"

#include "base/tcp_connect.h"
#include "hal/errc.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace drivers::receipt_printer {

namespace {

// Deadlines here are kernel waits (poll), so the real steady clock, not base::Clock.
using Steady = std::chrono::steady_clock;

int remainingMs(Steady::time_point deadline)
{
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Steady::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 60'000));
}

/// errno values that mean the printer is gone, not just slow.
bool isGone(int error)
{
    return error == EIO || error == ENODEV || error == ENXIO || error == EPIPE ||
           error == ECONNRESET || error == ENOTCONN || error == EHOSTUNREACH ||
           error == ENETUNREACH || error == ECONNREFUSED || error == EBADF;
}

base::Error systemError(const std::string& what, int error)
{
    const auto code = isGone(error) || error == ENOENT ? hal::errc::no_device : hal::errc::protocol;
    return {make_error_code(code), what + ": " + std::strerror(error)};
}

class FdTransport final : public PrinterTransport {
public:
    /// `eofIsGone`: a socket's end of stream means the printer closed the connection; a
    /// device file's 0-byte read only means no data.
    FdTransport(int fd, std::string name, bool eofIsGone)
        : fd_(fd), name_(std::move(name)), eofIsGone_(eofIsGone)
    {
    }
    FdTransport(const FdTransport&) = delete;
    FdTransport& operator=(const FdTransport&) = delete;
    ~FdTransport() override { ::close(fd_); }

    base::Result<void> write(std::span<const std::uint8_t> bytes,
                             std::chrono::milliseconds timeout) override
    {
        const auto deadline = Steady::now() + timeout;
        while (!bytes.empty()) {
            const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            const ssize_t written =
                n < 0 && errno == ENOTSOCK ? ::write(fd_, bytes.data(), bytes.size()) : n;
            if (written > 0) {
                bytes = bytes.subspan(static_cast<std::size_t>(written));
                continue;
            }
            if (written < 0 && errno != EAGAIN && errno != EINTR)
                return base::fail(systemError(name_ + ": write", errno));
            if (auto ready = wait(POLLOUT, deadline); !ready)
                return base::fail(ready.error());
            else if (!*ready)
                return base::fail(hal::errc::timeout, name_ + ": the printer stopped taking data");
        }
        return {};
    }

    base::Result<std::size_t> read(std::span<std::uint8_t> buffer,
                                   std::chrono::milliseconds timeout) override
    {
        const auto deadline = Steady::now() + timeout;
        for (;;) {
            const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
            if (n > 0)
                return static_cast<std::size_t>(n);
            if (n == 0 && eofIsGone_)
                return base::fail(hal::errc::no_device,
                                  name_ + ": the printer closed the connection");
            if (n < 0 && errno != EAGAIN && errno != EINTR)
                return base::fail(systemError(name_ + ": read", errno));
            if (n == 0 && Steady::now() >= deadline)
                return 0;
            if (n == 0) { // a device file with nothing to say: wait a little, then try again
                ::poll(nullptr, 0, std::min(remainingMs(deadline), 10));
                continue;
            }
            auto ready = wait(POLLIN, deadline);
            if (!ready)
                return base::fail(ready.error());
            if (!*ready)
                return 0;
        }
    }

    void discardInput() override
    {
        std::uint8_t scratch[256];
        while (::read(fd_, scratch, sizeof scratch) > 0) {
        }
    }

    std::string describe() const override { return name_; }

private:
    /// Waits for `events`; false on timeout; an error when the other end hung up.
    base::Result<bool> wait(short events, Steady::time_point deadline)
    {
        pollfd entry{fd_, events, 0};
        const int rc = ::poll(&entry, 1, remainingMs(deadline));
        if (rc < 0)
            return errno == EINTR ? base::Result<bool>(false)
                                  : base::fail(systemError(name_ + ": poll", errno));
        if (rc == 0)
            return false;
        if ((entry.revents & (POLLERR | POLLNVAL)) != 0 ||
            ((entry.revents & POLLHUP) != 0 && (entry.revents & events) == 0))
            return base::fail(hal::errc::no_device, name_ + ": the printer hung up");
        return true;
    }

    int fd_;
    std::string name_;
    bool eofIsGone_;
};

} // namespace

base::Result<std::unique_ptr<PrinterTransport>> openFileTransport(const std::string& path)
{
    int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && (errno == EACCES || errno == EROFS)) // some lp nodes are write-only
        fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return base::fail(systemError("open " + path, errno));
    return std::unique_ptr<PrinterTransport>(
        std::make_unique<FdTransport>(fd, "file " + path, false));
}

base::Result<std::unique_ptr<PrinterTransport>>
openTcpTransport(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout)
{
    auto fd = base::connectTcp(host, port, timeout);
    if (!fd) {
        auto error = fd.error();
        error.code = make_error_code(hal::errc::no_device); // not reachable: no printer there
        return base::fail(error);
    }
    const int one = 1;
    ::setsockopt(*fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one); // status queries are tiny
    return std::unique_ptr<PrinterTransport>(
        std::make_unique<FdTransport>(*fd, "tcp " + host + ":" + std::to_string(port), true));
}

} // namespace drivers::receipt_printer
