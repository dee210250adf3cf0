// SPDX-License-Identifier: Apache-2.0
#include "tests/support/idcard_sim/pty_reader_sim.h"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdexcept>
#include <termios.h>
#include <unistd.h>

namespace test_support {

PtyReaderSimulator::PtyReaderSimulator(std::filesystem::path path) : path_(std::move(path))
{
    device_.setCommandHook([this](std::uint16_t command) {
        if (command != 0 && command == vanishOn_.load()) {
            vanishOn_ = 0;
            vanish_ = true;
            return false;
        }
        return true;
    });
    start();
}

PtyReaderSimulator::~PtyReaderSimulator()
{
    device_.setCommandHook({});
    unplug();
}

void PtyReaderSimulator::start()
{
    termios raw{};
    cfmakeraw(&raw);
    char name[256] = {};
    if (::openpty(&controller_, &deviceSide_, name, &raw, nullptr) != 0)
        throw std::runtime_error("openpty failed");
    ptyPath_ = name;
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    std::filesystem::create_symlink(ptyPath_, path_);
    running_ = true;
    vanish_ = false;
    thread_ = std::thread([this] { run(); });
}

void PtyReaderSimulator::stop()
{
    running_ = false;
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id())
        thread_.join();
}

void PtyReaderSimulator::unplug()
{
    stop();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
    if (controller_ >= 0)
        ::close(controller_);
    if (deviceSide_ >= 0)
        ::close(deviceSide_);
    controller_ = deviceSide_ = -1;
}

void PtyReaderSimulator::plug()
{
    if (running_)
        return; // plugged in already
    stop();     // joins a thread that closed the pty itself (unplugOnCommand)
    start();
}

void PtyReaderSimulator::unplugOnCommand(std::uint16_t command)
{
    vanishOn_ = command;
}

void PtyReaderSimulator::setChunking(std::size_t bytes, std::chrono::milliseconds gap)
{
    chunk_ = bytes;
    gapMs_ = static_cast<int>(gap.count());
}

void PtyReaderSimulator::run()
{
    while (running_) {
        pollfd pfd{controller_, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, 20);
        if (ready > 0 && (pfd.revents & POLLIN) != 0) {
            std::uint8_t buffer[4096];
            const ssize_t n = ::read(controller_, buffer, sizeof buffer);
            if (n > 0)
                device_.receive(std::span(buffer, static_cast<std::size_t>(n)));
        } else if (ready > 0) {
            // No reader has the device side open: nothing to do until one does.
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (vanish_) {
            // The reader disappears mid-exchange: close the pty from this thread.
            running_ = false;
            std::error_code ignored;
            std::filesystem::remove(path_, ignored);
            ::close(controller_);
            ::close(deviceSide_);
            controller_ = deviceSide_ = -1;
            return;
        }
        auto output = device_.takeOutput();
        const std::size_t chunk = chunk_ == 0 ? output.size() : chunk_.load();
        for (std::size_t at = 0; at < output.size() && running_;) {
            const std::size_t size = std::min(chunk, output.size() - at);
            const ssize_t n = ::write(controller_, output.data() + at, size);
            if (n > 0)
                at += static_cast<std::size_t>(n);
            else if (n < 0 && errno != EAGAIN && errno != EINTR)
                break;
            if (gapMs_ > 0 && at < output.size())
                std::this_thread::sleep_for(std::chrono::milliseconds(gapMs_.load()));
        }
    }
}

} // namespace test_support
