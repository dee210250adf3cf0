// SPDX-License-Identifier: Apache-2.0
// SystemdNotifier against a notify socket bound here, as systemd binds one for a Type=notify
// service: ready() sends READY=1, ping() WATCHDOG=1, the ping period is half of WATCHDOG_USEC
// and only for the process WATCHDOG_PID names; without NOTIFY_SOCKET nothing is sent.
#include "kiosk/app/systemd_notify.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

namespace {

/// A datagram socket in a temporary folder, named by NOTIFY_SOCKET while the test runs.
class NotifySocketTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        path_ = (dir_ / "notify").string();
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        ASSERT_GE(fd_, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        ASSERT_LT(path_.size(), sizeof(address.sun_path));
        std::memcpy(address.sun_path, path_.c_str(), path_.size() + 1);
        ASSERT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
        ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
    }
    void TearDown() override
    {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::close(fd_);
    }
    /// The next datagram already sent (sd_notify has returned), or nothing.
    std::optional<std::string> received()
    {
        char buffer[256];
        const auto n = ::recv(fd_, buffer, sizeof(buffer), 0);
        if (n < 0)
            return std::nullopt;
        return std::string(buffer, static_cast<std::size_t>(n));
    }
    static void watchdog(const std::string& usec, pid_t pid)
    {
        ::setenv("WATCHDOG_USEC", usec.c_str(), 1);
        ::setenv("WATCHDOG_PID", std::to_string(pid).c_str(), 1);
    }

    test_support::TempDir dir_;
    std::string path_;
    int fd_ = -1;
};

TEST_F(NotifySocketTest, ReadySendsReadyToTheNotifySocket)
{
    kiosk::app::SystemdNotifier notifier;
    notifier.ready();
    const auto message = received();
    ASSERT_TRUE(message);
    EXPECT_NE(message->find("READY=1"), std::string::npos) << *message;
}

TEST_F(NotifySocketTest, PingSendsWatchdog)
{
    kiosk::app::SystemdNotifier notifier;
    notifier.ping();
    EXPECT_EQ(received(), "WATCHDOG=1");
}

TEST_F(NotifySocketTest, PingIntervalIsHalfTheWatchdogPeriod)
{
    watchdog("10000000", ::getpid()); // WatchdogSec=10
    kiosk::app::SystemdNotifier notifier;
    EXPECT_EQ(notifier.pingInterval(), std::chrono::milliseconds(5000));
}

TEST_F(NotifySocketTest, NoWatchdogForAnotherProcess)
{
    watchdog("10000000", ::getpid() + 1); // the service's main process is someone else
    kiosk::app::SystemdNotifier notifier;
    EXPECT_EQ(notifier.pingInterval(), std::chrono::milliseconds(0));
}

TEST_F(NotifySocketTest, NoWatchdogAskedNoInterval)
{
    kiosk::app::SystemdNotifier notifier;
    EXPECT_EQ(notifier.pingInterval(), std::chrono::milliseconds(0));
}

TEST_F(NotifySocketTest, WithoutNotifySocketNothingIsSent)
{
    ::unsetenv("NOTIFY_SOCKET");
    kiosk::app::SystemdNotifier notifier;
    notifier.ready();
    notifier.ping();
    EXPECT_FALSE(received());
}

} // namespace
