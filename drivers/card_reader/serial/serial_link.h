// SPDX-License-Identifier: Apache-2.0
// SAM frames over a serial line (USB CDC-ACM or UART, 115200 8N1 by default).
#pragma once

#include "drivers/card_reader/sam/link.h"
#include "drivers/transport/serial_port.h"

namespace drivers::card_reader {

class SerialLink final : public sam::Link {
public:
    /// Opens `path` (e.g. /dev/ttyACM0, or a stable /dev/serial/by-id/... link).
    [[nodiscard]] static base::Result<std::unique_ptr<sam::Link>>
    open(const std::string& path, const SerialOptions& options = {});

    base::Result<sam::Response> exchange(sam::Command command,
                                         std::chrono::milliseconds timeout) override;
    bool alive() override;
    std::string describe() const override { return "serial " + port_.path(); }

private:
    explicit SerialLink(SerialPort port) : port_(std::move(port)) {}

    SerialPort port_;
    sam::StreamDecoder decoder_;
};

} // namespace drivers::card_reader
