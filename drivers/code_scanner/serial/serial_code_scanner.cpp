// SPDX-License-Identifier: Apache-2.0
// drivers::SerialCodeScanner: CR/LF-terminated lines over drivers::SerialPort.
#include "drivers/code_scanner/serial/serial_code_scanner.h"

#include "base/log.h"

#include <array>
#include <optional>

namespace drivers {

namespace {

constexpr std::string_view kLog = "drivers/code_scanner/serial";

/// The serial line: bytes up to CR or LF make a line (CR LF gives one).
class SerialLines final : public LineSource {
public:
    SerialLines(std::string path, SerialScannerOptions options)
        : path_(std::move(path)), options_(options), assembler_(options.maxLength)
    {
    }

    base::Result<void> open() override
    {
        auto port = SerialPort::open(path_, options_.serial);
        if (!port)
            return base::fail(port.error());
        // Bytes that came while the port was closed belong to codes nobody asked for.
        (void)port->discardInput();
        port_ = std::move(*port);
        assembler_.reset();
        return {};
    }

    void close() override { port_.reset(); }

    base::Result<void> read(std::chrono::milliseconds timeout,
                            std::deque<std::string>& lines) override
    {
        std::array<std::uint8_t, 512> buffer{};
        auto got = port_->read(buffer, timeout);
        if (!got)
            return base::fail(got.error());
        const auto dropped = assembler_.droppedLines();
        for (std::size_t i = 0; i < *got; ++i) {
            const char c = static_cast<char>(buffer[i]);
            if (auto line = assembler_.add(c, c == '\r' || c == '\n'))
                lines.push_back(std::move(*line));
        }
        if (assembler_.droppedLines() != dropped)
            base::log::warning(kLog, "dropped a code longer than " +
                                         std::to_string(options_.maxLength) + " bytes");
        return {};
    }

private:
    const std::string path_;
    const SerialScannerOptions options_;
    std::optional<SerialPort> port_;
    LineAssembler assembler_;
};

} // namespace

SerialCodeScanner::SerialCodeScanner(std::string path, SerialScannerOptions options)
    : LineScanner(
          path,
          {.backend = "serial", .model = "CDC-ACM scanner at " + path, .nodeKind = "device node"},
          options.hotplugInterval, std::make_unique<SerialLines>(path, options))
{
}

} // namespace drivers
