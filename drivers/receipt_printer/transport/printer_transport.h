// SPDX-License-Identifier: Apache-2.0
// drivers::receipt_printer::PrinterTransport: the byte pipe to a printer, whatever the cable.
#pragma once

#include "base/result.h"

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace drivers::receipt_printer {

/// One open connection to a printer: USB bulk endpoints, a device file, a serial line or a
/// TCP socket. Errors use hal::errc: no_device when the printer went away (unplugged,
/// connection closed), timeout when it stopped taking bytes. Not thread-safe: the driver
/// serialises access.
class PrinterTransport {
public:
    virtual ~PrinterTransport() = default;
    /// Writes every byte within `timeout`. On failure nothing says how much arrived: the
    /// driver writes in chunks to report progress.
    [[nodiscard]] virtual base::Result<void> write(std::span<const std::uint8_t> bytes,
                                                   std::chrono::milliseconds timeout) = 0;
    /// Reads what arrives within `timeout` (0 bytes: nothing came, a normal outcome).
    [[nodiscard]] virtual base::Result<std::size_t> read(std::span<std::uint8_t> buffer,
                                                         std::chrono::milliseconds timeout) = 0;
    /// Drops answers that arrived late (after a status query timed out).
    virtual void discardInput() {}
    /// "tcp 10.0.0.5:9100", "usb 0fe6:811e", ...: for logs and kioskctl.
    [[nodiscard]] virtual std::string describe() const = 0;
};

/// Where a printer is, parsed from a device spec.
struct PrinterAddress {
    enum class Kind { Usb, File, Tcp, Serial };
    Kind kind = Kind::File;
    std::string path;                          ///< File, Serial: the device path
    std::string host;                          ///< Tcp
    std::uint16_t port = 9100;                 ///< Tcp
    std::uint16_t vendorId = 0, productId = 0; ///< Usb
    int baud = 115200;                         ///< Serial: "serial:/dev/ttyS1@9600"
};

/// Parses "usb:VVVV:PPPP", "file:PATH", "tcp:HOST[:PORT]" (IPv6 as [addr]:port) or
/// "serial:DEV[@BAUD]". errc::invalid_argument with the accepted forms otherwise.
[[nodiscard]] base::Result<PrinterAddress> parsePrinterSpec(std::string_view spec);

/// Opens a transport. no_device when the printer is not there (yet).
[[nodiscard]] base::Result<std::unique_ptr<PrinterTransport>>
openTransport(const PrinterAddress& address,
              std::chrono::milliseconds connectTimeout = std::chrono::milliseconds(2000));

} // namespace drivers::receipt_printer
