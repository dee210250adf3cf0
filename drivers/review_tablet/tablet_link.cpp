// SPDX-License-Identifier: Apache-2.0
#include "drivers/review_tablet/tablet_link.h"

#include "base/tcp_connect.h"
#include "drivers/transport/serial_port.h"
#include "hal/errc.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace drivers::review_tablet {

namespace {

// Write deadlines are poll(2) timeouts the kernel waits out: the real clock.
using SteadyClock = std::chrono::steady_clock;

class SerialTabletLink final : public TabletLink {
public:
    explicit SerialTabletLink(SerialPort port) : port_(std::move(port)) {}
    int fd() const override { return port_.fd(); }
    base::Result<std::size_t> read(std::span<char> buffer) override
    {
        return port_.read(std::span(reinterpret_cast<std::uint8_t*>(buffer.data()), buffer.size()),
                          std::chrono::milliseconds(0));
    }
    base::Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override
    {
        return port_.write(
            std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), timeout);
    }
    std::string describe() const override { return "serial " + port_.path(); }

private:
    SerialPort port_;
};

bool gone(int error)
{
    return error == ECONNRESET || error == EPIPE || error == ENOTCONN || error == ECONNREFUSED ||
           error == EHOSTUNREACH || error == ENETUNREACH || error == ETIMEDOUT ||
           error == ECONNABORTED;
}

base::Error socketError(const std::string& where, std::string_view what, int error)
{
    const std::string message =
        where + ": " + std::string(what) + " (" + std::strerror(error) + ")";
    if (gone(error))
        return base::Error{make_error_code(hal::errc::no_device), message};
    return base::fromErrno(where + ": " + std::string(what), error);
}

class TcpTabletLink final : public TabletLink {
public:
    TcpTabletLink(int fd, std::string where) : fd_(fd), where_(std::move(where)) {}
    TcpTabletLink(const TcpTabletLink&) = delete;
    TcpTabletLink& operator=(const TcpTabletLink&) = delete;
    ~TcpTabletLink() override { ::close(fd_); }

    int fd() const override { return fd_; }

    base::Result<std::size_t> read(std::span<char> buffer) override
    {
        for (;;) {
            const ssize_t got = ::recv(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
            if (got > 0)
                return static_cast<std::size_t>(got);
            if (got == 0)
                return base::fail(hal::errc::no_device,
                                  where_ + ": the tablet closed the connection");
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return 0;
            return base::fail(socketError(where_, "read", errno));
        }
    }

    base::Result<void> write(std::string_view bytes, std::chrono::milliseconds timeout) override
    {
        const auto deadline = SteadyClock::now() + timeout;
        while (!bytes.empty()) {
            const ssize_t sent =
                ::send(fd_, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
            if (sent > 0) {
                bytes.remove_prefix(static_cast<std::size_t>(sent));
                continue;
            }
            if (sent < 0 && errno == EINTR)
                continue;
            if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
                return base::fail(socketError(where_, "write", errno));
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - SteadyClock::now());
            pollfd pfd{fd_, POLLOUT, 0};
            if (left.count() <= 0 || ::poll(&pfd, 1, static_cast<int>(left.count())) == 0)
                return base::fail(hal::errc::timeout, where_ + ": the tablet takes no data");
        }
        return {};
    }

    std::string describe() const override { return where_; }

private:
    int fd_;
    std::string where_;
};

} // namespace

base::Result<std::unique_ptr<TabletLink>> openSerialLink(const std::string& path)
{
    auto port = SerialPort::open(path, {115200, false});
    if (!port)
        return base::fail(port.error());
    // Input is not discarded: the tablet's hello may already wait in the line (a tablet on
    // before the kiosk opened the port). Older answers name requests not shown and are ignored.
    return std::unique_ptr<TabletLink>(std::make_unique<SerialTabletLink>(std::move(*port)));
}

base::Result<std::unique_ptr<TabletLink>> openTcpLink(const std::string& host, std::uint16_t port,
                                                      std::chrono::milliseconds timeout,
                                                      std::stop_token stop)
{
    auto fd = base::connectTcp(host, port, timeout, std::move(stop));
    if (!fd) {
        auto error = fd.error();
        // stopped: cancelled; every failed connect: no tablet there
        error.code =
            make_error_code(error.code == std::errc::operation_canceled ? hal::errc::cancelled
                                                                        : hal::errc::no_device);
        return base::fail(error);
    }
    return std::unique_ptr<TabletLink>(
        std::make_unique<TcpTabletLink>(*fd, "tcp " + host + ":" + std::to_string(port)));
}

base::Result<std::pair<std::string, std::uint16_t>> parseHostPort(std::string_view text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size())
        return base::fail(base::errc::invalid_argument, "expected HOST:PORT");
    std::string host(text.substr(0, colon));
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    const auto portText = text.substr(colon + 1);
    unsigned port = 0;
    const auto [end, error] =
        std::from_chars(portText.data(), portText.data() + portText.size(), port);
    if (error != std::errc{} || end != portText.data() + portText.size() || port == 0 ||
        port > 65535)
        return base::fail(base::errc::invalid_argument, "port must be 1 to 65535");
    return std::pair{std::move(host), static_cast<std::uint16_t>(port)};
}

} // namespace drivers::review_tablet
