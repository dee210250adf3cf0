// SPDX-License-Identifier: Apache-2.0
// drivers::SerialCodeScanner over drivers::SerialPort.
#include "drivers/code_scanner/serial/serial_code_scanner.h"

#include "base/log.h"

#include <array>

namespace drivers {

namespace {
using Clock = std::chrono::steady_clock;
constexpr std::string_view kLog = "drivers/code_scanner/serial";
/// Reads wait at most this long at a time, so an unplug seen by the hot-plug thread ends a
/// long scan promptly.
constexpr std::chrono::milliseconds kReadSlice{100};
} // namespace

SerialCodeScanner::SerialCodeScanner(std::string path, SerialScannerOptions options)
    : hal::CodeScanner("serial", "CDC-ACM scanner at " + path), path_(std::move(path)),
      options_(options), assembler_(options.maxLength)
{
}

SerialCodeScanner::~SerialCodeScanner()
{
    monitor_.stop();
}

base::Result<void> SerialCodeScanner::openImpl()
{
    {
        std::lock_guard lock(portMutex_);
        auto port = SerialPort::open(path_, options_.serial);
        if (!port)
            return base::fail(port.error());
        // Codes scanned while nobody asked are stale: a citizen expects the scan they see.
        (void)port->discardInput();
        port_ = std::move(*port);
        lines_.clear();
        assembler_.reset();
    }
    lost_ = false;
    monitor_.start(path_, options_.hotplugInterval,
                   {[this] {
                        // Not under portMutex_: a scan may hold it; it sees lost_ and ends.
                        lost_ = true;
                        reportDisconnected("device node " + path_ + " is gone");
                    },
                    [this] {
                        return reopen();
                    }});
    return {};
}

void SerialCodeScanner::closeImpl()
{
    monitor_.stop();
    std::lock_guard lock(portMutex_);
    port_.reset();
}

void SerialCodeScanner::deviceLost(const std::string& detail)
{
    lost_ = true;
    monitor_.markLost();
    reportDisconnected(detail);
}

bool SerialCodeScanner::reopen()
{
    {
        std::lock_guard lock(portMutex_);
        auto port = SerialPort::open(path_, options_.serial);
        if (!port)
            return false;
        (void)port->discardInput();
        port_ = std::move(*port);
        lines_.clear();
        assembler_.reset();
        lost_ = false;
    }
    reportReconnected();
    return true;
}

base::Result<void> SerialCodeScanner::readSome(std::chrono::milliseconds timeout)
{
    if (!port_)
        return base::fail(hal::errc::no_device, "serial scanner " + path_ + " is not connected");
    std::array<std::uint8_t, 512> buffer{};
    auto got = port_->read(buffer, timeout);
    if (!got)
        return base::fail(got.error());
    for (std::size_t i = 0; i < *got; ++i) {
        const char c = static_cast<char>(buffer[i]);
        if (auto line = assembler_.add(c, c == '\r' || c == '\n'))
            lines_.push_back(std::move(*line));
    }
    return {};
}

base::Result<std::optional<hal::ScannedCode>>
SerialCodeScanner::scanImpl(std::chrono::milliseconds timeout)
{
    const auto deadline = Clock::now() + timeout;
    std::unique_lock lock(portMutex_);
    while (lines_.empty()) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0)
            return std::optional<hal::ScannedCode>{};
        if (lost_)
            return base::fail(hal::errc::no_device, "serial scanner " + path_ + " is gone");
        const auto dropped = assembler_.droppedLines();
        if (auto read = readSome(std::min(left, kReadSlice)); !read) {
            port_.reset();
            lock.unlock();
            if (read.error().code == hal::errc::no_device)
                deviceLost(read.error().message);
            return base::fail(read.error());
        }
        if (assembler_.droppedLines() != dropped)
            base::log::warning(kLog, "dropped a code longer than " +
                                         std::to_string(options_.maxLength) + " bytes");
    }
    auto line = std::move(lines_.front());
    lines_.pop_front();
    return std::optional<hal::ScannedCode>{codeFromLine(std::move(line))};
}

} // namespace drivers
