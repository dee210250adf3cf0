// SPDX-License-Identifier: Apache-2.0
// test_support::PtyReaderSimulator: a SamDevice behind a pseudo-terminal, reachable at a
// stable path (a symlink, like /dev/serial/by-id/...), that can be unplugged and plugged in
// again: a new pty appears behind the same path, as a replugged USB serial reader does.
#pragma once

#include "tests/support/idcard_sim/sam_device.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

namespace test_support {

class PtyReaderSimulator {
public:
    /// Creates the pty and the symlink `path` to it, and starts answering.
    explicit PtyReaderSimulator(std::filesystem::path path);
    PtyReaderSimulator(const PtyReaderSimulator&) = delete;
    PtyReaderSimulator& operator=(const PtyReaderSimulator&) = delete;
    ~PtyReaderSimulator();

    SamDevice& device() { return device_; }
    /// The stable path the driver opens.
    [[nodiscard]] std::string path() const { return path_.string(); }
    /// The pty behind it now (/dev/pts/N).
    [[nodiscard]] std::string ptyPath() const { return ptyPath_; }

    /// The reader goes away: the pty is closed (the driver's descriptor hangs up) and the
    /// path removed.
    void unplug();
    /// It comes back: a new pty behind the same path.
    void plug();
    /// Vanish when the host sends `command` (after it was received, before the answer).
    void unplugOnCommand(std::uint16_t command);
    /// Write answers in pieces of `bytes` with `gap` between them (a slow UART).
    void setChunking(std::size_t bytes, std::chrono::milliseconds gap);

private:
    void start();
    void stop();
    void run();

    SamDevice device_;
    std::filesystem::path path_;
    std::string ptyPath_;
    int controller_ = -1;
    int deviceSide_ = -1;
    std::atomic<bool> running_{false};
    std::atomic<bool> vanish_{false};
    std::atomic<std::uint16_t> vanishOn_{0};
    std::atomic<std::size_t> chunk_{0};
    std::atomic<int> gapMs_{0};
    std::thread thread_;
};

} // namespace test_support
