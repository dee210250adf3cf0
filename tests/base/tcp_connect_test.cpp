// SPDX-License-Identifier: Apache-2.0
// base::connectTcp on loopback: a listener, a closed port, and a black hole (a listener whose
// accept queue is full drops the SYNs, like a host that has gone): the connect to it does not
// hold the caller past its deadline or its stop.
#include "base/tcp_connect.h"
#include "tests/support/black_hole.h"
#include "tests/support/manual_time.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <stop_token>
#include <thread>

using namespace std::chrono_literals;

namespace {

/// A listening socket on 127.0.0.1 (port chosen by the kernel), closed with the object.
class Listener {
public:
    explicit Listener(int backlog)
    {
        fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        ok_ = fd_ >= 0 && ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
              ::listen(fd_, backlog) == 0 &&
              ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0;
        port_ = ntohs(address.sin_port);
    }
    ~Listener()
    {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Listener(const Listener&) = delete;
    Listener& operator=(const Listener&) = delete;
    [[nodiscard]] bool ok() const { return ok_; }
    [[nodiscard]] std::uint16_t port() const { return port_; }

private:
    int fd_ = -1;
    bool ok_ = false;
    std::uint16_t port_ = 0;
};

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

TEST(TcpConnect, ConnectsToAListenerWithANonBlockingSocket)
{
    Listener listener(4);
    ASSERT_TRUE(listener.ok());
    auto fd = base::connectTcp("127.0.0.1", listener.port(), 2s);
    ASSERT_TRUE(fd) << fd.error().describe();
    EXPECT_NE(::fcntl(*fd, F_GETFL) & O_NONBLOCK, 0);
    EXPECT_NE(::fcntl(*fd, F_GETFD) & FD_CLOEXEC, 0);
    ::close(*fd);
}

TEST(TcpConnect, AClosedPortIsRefusedAndSaysWhere)
{
    std::uint16_t port = 0;
    {
        Listener gone(1);
        ASSERT_TRUE(gone.ok());
        port = gone.port();
    }
    auto fd = base::connectTcp("127.0.0.1", port, 2s);
    ASSERT_FALSE(fd);
    EXPECT_EQ(fd.error().code, std::errc::connection_refused);
    EXPECT_EQ(fd.error().message.rfind("tcp 127.0.0.1:" + std::to_string(port) + ": ", 0), 0u)
        << fd.error().message;
}

TEST(TcpConnect, AHostThatDropsTheSynsTimesOutAtTheDeadline)
{
    test_support::BlackHole hole;
    ASSERT_TRUE(hole.ok());
    const auto start = std::chrono::steady_clock::now();
    auto fd = base::connectTcp("127.0.0.1", hole.port(), 300ms);
    const auto took = since(start);
    ASSERT_FALSE(fd) << "the accept queue was not full";
    EXPECT_EQ(fd.error().code, base::errc::timeout) << fd.error().describe();
    EXPECT_GE(took, 300ms);
    EXPECT_LT(took, 1000ms) << "not the kernel's two minutes";
}

TEST(TcpConnect, AStopEndsAConnectThatWaits)
{
    test_support::BlackHole hole;
    ASSERT_TRUE(hole.ok());
    std::stop_source stop;
    std::optional<base::Result<int>> fd;
    std::jthread connecting(
        [&] { fd = base::connectTcp("127.0.0.1", hole.port(), 60s, stop.get_token()); });
    std::this_thread::sleep_for(100ms); // the connect is under way
    const auto took = test_support::timeToStop([&] {
        stop.request_stop();
        connecting.join();
    });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
    ASSERT_TRUE(fd.has_value());
    ASSERT_FALSE(*fd);
    EXPECT_EQ(fd->error().code, std::errc::operation_canceled);
}

} // namespace
