// SPDX-License-Identifier: Apache-2.0
// drivers::SerialPort: a raw termios serial line (USB CDC-ACM or UART) with timed reads.
#pragma once

#include "base/result.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace drivers {

struct SerialOptions {
    int baud = 115200; ///< one of the standard rates (9600 ... 921600); CDC-ACM ignores it
    bool hardwareFlowControl = false; ///< RTS/CTS
};

/// Owns one open serial device in raw mode (8N1, no echo, no line discipline), so binary
/// frames and text lines pass unchanged. Move-only; closes the descriptor on destruction.
/// Not thread-safe: one driver thread owns a port.
///
/// Errors use hal::errc: no_device when the path is missing or the device went away (USB
/// unplugged: read or write fails with EIO/ENXIO or the line hangs up), timeout on a write
/// that cannot complete in time, unsupported for an unknown baud rate.
class SerialPort {
public:
    [[nodiscard]] static base::Result<SerialPort> open(const std::string& path,
                                                       const SerialOptions& options = {});

    SerialPort(SerialPort&& other) noexcept;
    SerialPort& operator=(SerialPort&& other) noexcept;
    SerialPort(const SerialPort&) = delete;
    SerialPort& operator=(const SerialPort&) = delete;
    ~SerialPort();

    /// Writes every byte, waiting up to `timeout` in total for the line to take them.
    [[nodiscard]] base::Result<void> write(std::span<const std::uint8_t> bytes,
                                           std::chrono::milliseconds timeout);
    /// Reads what arrives within `timeout`, at most buffer.size() bytes. Returns 0 when
    /// nothing came in time (a normal outcome), otherwise the number of bytes read.
    [[nodiscard]] base::Result<std::size_t> read(std::span<std::uint8_t> buffer,
                                                 std::chrono::milliseconds timeout);
    /// Drops bytes received but not read yet (stale answers before a new command).
    [[nodiscard]] base::Result<void> discardInput();

    [[nodiscard]] const std::string& path() const { return path_; }
    /// The descriptor, for poll() loops that wait on several sources. Still owned here.
    [[nodiscard]] int fd() const { return fd_; }

private:
    SerialPort(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    void close();

    int fd_ = -1;
    std::string path_;
};

} // namespace drivers
