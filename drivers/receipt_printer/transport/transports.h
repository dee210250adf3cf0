// SPDX-License-Identifier: Apache-2.0
// The four transports' factories (internal to drivers/receipt_printer).
#pragma once

#include "drivers/receipt_printer/transport/printer_transport.h"

namespace drivers::receipt_printer {

/// libusb: the first interface of class 0x07 (printer) or 0xFF (vendor) with a bulk OUT
/// endpoint (and bulk IN if bidirectional); usblp is detached while we hold it.
[[nodiscard]] base::Result<std::unique_ptr<PrinterTransport>>
openUsbTransport(std::uint16_t vendorId, std::uint16_t productId);
/// A device file (/dev/usb/lp0, a udev symlink): write(), and read() where the kernel offers it.
[[nodiscard]] base::Result<std::unique_ptr<PrinterTransport>>
openFileTransport(const std::string& path);
/// TCP (port 9100, "raw"/JetDirect): status answers come back on the same socket.
[[nodiscard]] base::Result<std::unique_ptr<PrinterTransport>>
openTcpTransport(const std::string& host, std::uint16_t port, std::chrono::milliseconds timeout);
/// A serial line through drivers/transport's SerialPort (8N1, raw).
[[nodiscard]] base::Result<std::unique_ptr<PrinterTransport>>
openSerialTransport(const std::string& path, int baud);

} // namespace drivers::receipt_printer
