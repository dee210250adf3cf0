// SPDX-License-Identifier: Apache-2.0
// A serial printer through drivers/transport's SerialPort.
#include "drivers/receipt_printer/transport/transports.h"
#include "drivers/transport/serial_port.h"

namespace drivers::receipt_printer {

namespace {

class SerialTransport final : public PrinterTransport {
public:
    explicit SerialTransport(SerialPort port) : port_(std::move(port)) {}

    base::Result<void> write(std::span<const std::uint8_t> bytes,
                             std::chrono::milliseconds timeout) override
    {
        return port_.write(bytes, timeout);
    }
    base::Result<std::size_t> read(std::span<std::uint8_t> buffer,
                                   std::chrono::milliseconds timeout) override
    {
        return port_.read(buffer, timeout);
    }
    void discardInput() override { (void)port_.discardInput(); }
    std::string describe() const override { return "serial " + port_.path(); }

private:
    SerialPort port_;
};

} // namespace

base::Result<std::unique_ptr<PrinterTransport>> openSerialTransport(const std::string& path,
                                                                    int baud)
{
    SerialOptions options;
    options.baud = baud;
    auto port = SerialPort::open(path, options);
    if (!port)
        return base::fail(port.error());
    return std::unique_ptr<PrinterTransport>(std::make_unique<SerialTransport>(std::move(*port)));
}

} // namespace drivers::receipt_printer
