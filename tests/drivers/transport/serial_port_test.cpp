// SPDX-License-Identifier: Apache-2.0
// drivers::SerialPort over a real pseudo-terminal pair: raw bytes both ways, timed reads,
// and a device that vanishes.
#include "drivers/transport/serial_port.h"
#include "hal/errc.h"
#include "tests/support/pty_pair.h"

#include <gtest/gtest.h>

#include <array>

using namespace std::chrono_literals;

namespace {

std::vector<std::uint8_t> bytes(std::initializer_list<int> values)
{
    std::vector<std::uint8_t> out;
    for (int v : values)
        out.push_back(static_cast<std::uint8_t>(v));
    return out;
}

TEST(SerialPortTest, MissingDeviceIsNoDevice)
{
    auto port = drivers::SerialPort::open("/dev/ttyACM-does-not-exist");
    ASSERT_FALSE(port);
    EXPECT_EQ(port.error().code, hal::errc::no_device);
    EXPECT_NE(port.error().message.find("/dev/ttyACM-does-not-exist"), std::string::npos);
}

TEST(SerialPortTest, UnknownBaudRateIsRefused)
{
    test_support::PtyPair pty;
    drivers::SerialOptions options;
    options.baud = 12345;
    auto port = drivers::SerialPort::open(pty.devicePath(), options);
    ASSERT_FALSE(port);
    EXPECT_EQ(port.error().code, hal::errc::unsupported);
}

TEST(SerialPortTest, BinaryBytesPassUnchangedBothWays)
{
    test_support::PtyPair pty;
    auto port = drivers::SerialPort::open(pty.devicePath());
    ASSERT_TRUE(port) << port.error().message;

    // Bytes a cooked tty would translate or swallow: CR, LF, XON/XOFF, ^C, ^D, 0x00, 0xFF.
    const auto frame =
        bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x0D, 0x0A, 0x11, 0x13, 0x03, 0x04, 0x00, 0xFF});
    ASSERT_TRUE(port->write(frame, 1s));
    EXPECT_EQ(pty.receive(frame.size(), 1s), frame);

    pty.send(frame);
    std::array<std::uint8_t, 64> buffer{};
    std::vector<std::uint8_t> got;
    while (got.size() < frame.size()) {
        auto n = port->read(buffer, 1s);
        ASSERT_TRUE(n) << n.error().message;
        ASSERT_GT(*n, 0u) << "timed out after " << got.size() << " bytes";
        got.insert(got.end(), buffer.begin(), buffer.begin() + static_cast<long>(*n));
    }
    EXPECT_EQ(got, frame);
}

TEST(SerialPortTest, ReadWithNothingToReadTimesOutWithZeroBytes)
{
    test_support::PtyPair pty;
    auto port = drivers::SerialPort::open(pty.devicePath());
    ASSERT_TRUE(port);
    std::array<std::uint8_t, 16> buffer{};
    const auto start = std::chrono::steady_clock::now();
    auto n = port->read(buffer, 50ms);
    ASSERT_TRUE(n) << n.error().message;
    EXPECT_EQ(*n, 0u);
    EXPECT_GE(std::chrono::steady_clock::now() - start, 45ms);
}

TEST(SerialPortTest, DiscardInputDropsStaleBytes)
{
    test_support::PtyPair pty;
    auto port = drivers::SerialPort::open(pty.devicePath());
    ASSERT_TRUE(port);
    pty.send("stale answer");
    std::array<std::uint8_t, 1> one{};
    ASSERT_EQ(*port->read(one, 1s), 1u); // it has arrived
    ASSERT_TRUE(port->discardInput());
    std::array<std::uint8_t, 64> buffer{};
    EXPECT_EQ(*port->read(buffer, 50ms), 0u);
}

TEST(SerialPortTest, UnpluggedDeviceIsNoDevice)
{
    test_support::PtyPair pty;
    auto port = drivers::SerialPort::open(pty.devicePath());
    ASSERT_TRUE(port);
    pty.closeDeviceSide();
    pty.unplug();
    std::array<std::uint8_t, 16> buffer{};
    auto n = port->read(buffer, 1s);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, hal::errc::no_device);
    auto written = port->write(bytes({1, 2, 3}), 1s);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, hal::errc::no_device);
}

TEST(SerialPortTest, MovedPortKeepsTheDescriptor)
{
    test_support::PtyPair pty;
    auto port = drivers::SerialPort::open(pty.devicePath());
    ASSERT_TRUE(port);
    drivers::SerialPort moved = std::move(*port);
    ASSERT_TRUE(moved.write(bytes({0x42}), 1s));
    EXPECT_EQ(pty.receive(1, 1s), bytes({0x42}));
}

} // namespace
