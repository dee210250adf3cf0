// SPDX-License-Identifier: Apache-2.0
#include "base/tcp_connect.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>

namespace base {

namespace {

using Steady = std::chrono::steady_clock;

/// How often a connect in progress looks at the stop token.
constexpr std::chrono::milliseconds kSlice{50};

/// Waits for a non-blocking connect to finish; errno-style result (0 = connected).
int awaitConnect(int fd, Steady::time_point deadline, const std::stop_token& stop)
{
    for (;;) {
        if (stop.stop_requested())
            return ECANCELED;
        // rounded up: poll never wakes before the deadline
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Steady::now());
        if (left.count() <= 0)
            return ETIMEDOUT;
        pollfd pfd{fd, POLLOUT, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::min(left, kSlice).count()));
        if (ready < 0 && errno != EINTR)
            return errno;
        if (ready > 0) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            return error;
        }
    }
}

/// One address: the connected socket, or the errno of the attempt.
Result<int> connectTo(const addrinfo& address, Steady::time_point deadline,
                      const std::stop_token& stop)
{
    const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                            address.ai_protocol);
    if (fd < 0)
        return fail(Error{std::error_code(errno, std::generic_category()), "socket"});
    int error = ::connect(fd, address.ai_addr, address.ai_addrlen) == 0 ? 0 : errno;
    if (error == EINPROGRESS)
        error = awaitConnect(fd, deadline, stop);
    if (error == 0)
        return fd;
    ::close(fd);
    return fail(Error{std::error_code(error, std::generic_category()), std::strerror(error)});
}

} // namespace

Result<int> connectTcp(const std::string& host, std::uint16_t port,
                       std::chrono::milliseconds timeout, std::stop_token stop)
{
    const std::string where = "tcp " + host + ":" + std::to_string(port) + ": ";
    const auto deadline = Steady::now() + timeout;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (const int failed =
            ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
        failed != 0)
        return fail(errc::not_found, where + "cannot resolve (" + ::gai_strerror(failed) + ")");
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
    std::error_code last = std::make_error_code(std::errc::connection_refused);
    for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
        auto fd = connectTo(*address, deadline, stop);
        if (fd)
            return fd;
        last = fd.error().code;
        if (last == std::errc::operation_canceled)
            return fail(Error{last, where + "connect stopped"});
        if (last == std::errc::timed_out)
            return fail(errc::timeout, where + "no answer to connect");
    }
    return fail(Error{last, where + "connect (" + last.message() + ")"});
}

} // namespace base
