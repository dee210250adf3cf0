// SPDX-License-Identifier: Apache-2.0
// drivers::SerialCodeScanner: a USB scanner in CDC-ACM ("USB-COM") mode: codes arrive as
// CR- or LF-terminated lines on /dev/ttyACMn.
#pragma once

#include "drivers/code_scanner/code_line.h"
#include "drivers/code_scanner/hotplug_monitor.h"
#include "drivers/transport/serial_port.h"
#include "hal/code_scanner.h"

#include <atomic>
#include <deque>
#include <mutex>
#include <optional>

namespace drivers {

struct SerialScannerOptions {
    SerialOptions serial;
    std::size_t maxLength = kMaxCodeLength;
    std::chrono::milliseconds hotplugInterval{200};
};

class SerialCodeScanner final : public hal::CodeScanner {
public:
    explicit SerialCodeScanner(std::string path, SerialScannerOptions options = {});
    ~SerialCodeScanner() override;

protected:
    base::Result<void> openImpl() override;
    void closeImpl() override;
    base::Result<std::optional<hal::ScannedCode>>
    scanImpl(std::chrono::milliseconds timeout) override;

private:
    /// Reads what the line has; finished lines go to lines_. Call with portMutex_ held.
    base::Result<void> readSome(std::chrono::milliseconds timeout);
    void deviceLost(const std::string& detail);
    bool reopen();

    const std::string path_;
    const SerialScannerOptions options_;
    HotplugMonitor monitor_;
    std::atomic<bool> lost_ = false; ///< the device went away; reopen() clears it
    std::mutex portMutex_; ///< guards port_, lines_, assembler_ (scan vs. hot-plug thread)
    std::optional<SerialPort> port_;
    std::deque<std::string> lines_;
    LineAssembler assembler_;
};

} // namespace drivers
