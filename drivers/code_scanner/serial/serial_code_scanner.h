// SPDX-License-Identifier: Apache-2.0
// drivers::SerialCodeScanner: a USB scanner in CDC-ACM ("USB-COM") mode: codes arrive as
// CR- or LF-terminated lines on /dev/ttyACMn.
#pragma once

#include "drivers/code_scanner/code_line.h"
#include "drivers/code_scanner/line_scanner.h"
#include "drivers/transport/serial_port.h"

namespace drivers {

struct SerialScannerOptions {
    SerialOptions serial;
    std::size_t maxLength = kMaxCodeLength;
    std::chrono::milliseconds hotplugInterval{200};
};

/// The scan loop and hot-plug are LineScanner's; this backend reads the serial line.
class SerialCodeScanner final : public LineScanner {
public:
    explicit SerialCodeScanner(std::string path, SerialScannerOptions options = {});
};

} // namespace drivers
