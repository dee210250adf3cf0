// SPDX-License-Identifier: Apache-2.0
// test_support::PtyPair: a pseudo-terminal pair standing in for a serial device. The driver
// opens devicePath() like /dev/ttyACM0; the test plays the device on the controller side.
#pragma once

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <span>
#include <stdexcept>
#include <string>
#include <termios.h>
#include <unistd.h>
#include <vector>

namespace test_support {

class PtyPair {
public:
    PtyPair()
    {
        termios raw{};
        cfmakeraw(&raw);
        char name[256] = {};
        if (::openpty(&controller_, &device_, name, &raw, nullptr) != 0)
            throw std::runtime_error("openpty failed");
        devicePath_ = name;
        ::fcntl(controller_, F_SETFL, ::fcntl(controller_, F_GETFL) | O_NONBLOCK);
    }
    PtyPair(const PtyPair&) = delete;
    PtyPair& operator=(const PtyPair&) = delete;
    ~PtyPair()
    {
        unplug();
        closeDeviceSide();
    }

    /// The path the driver under test opens, e.g. "/dev/pts/7".
    [[nodiscard]] const std::string& devicePath() const { return devicePath_; }

    /// Sends bytes as the device would.
    void send(std::span<const std::uint8_t> bytes)
    {
        while (!bytes.empty()) {
            const ssize_t n = ::write(controller_, bytes.data(), bytes.size());
            if (n > 0)
                bytes = bytes.subspan(static_cast<std::size_t>(n));
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                throw std::runtime_error("pty write failed");
        }
    }
    void send(const std::string& text)
    {
        send(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    }

    /// What the driver wrote, gathered until `count` bytes or `timeout`.
    std::vector<std::uint8_t> receive(std::size_t count, std::chrono::milliseconds timeout)
    {
        std::vector<std::uint8_t> bytes;
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (bytes.size() < count) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0)
                break;
            pollfd pfd{controller_, POLLIN, 0};
            if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0)
                break;
            std::uint8_t chunk[4096];
            const ssize_t n =
                ::read(controller_, chunk, std::min(sizeof chunk, count - bytes.size()));
            if (n <= 0)
                break;
            bytes.insert(bytes.end(), chunk, chunk + n);
        }
        return bytes;
    }

    /// Closes the controller side: the driver's next read or write sees the device vanish,
    /// as when a USB serial adapter is pulled out.
    void unplug()
    {
        if (controller_ >= 0)
            ::close(controller_);
        controller_ = -1;
    }

    /// The test keeps the device side open so that output written before the driver opens
    /// it is not lost; tests that need the path free can close it.
    void closeDeviceSide()
    {
        if (device_ >= 0)
            ::close(device_);
        device_ = -1;
    }

private:
    int controller_ = -1;
    int device_ = -1;
    std::string devicePath_;
};

} // namespace test_support
