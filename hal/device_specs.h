// SPDX-License-Identifier: Apache-2.0
// hal::DeviceSpecs: which backend drives each device class, as [devices] in the configuration says.
#pragma once

#include <string>

namespace hal {

/// One spec per device class: "fake", "serial:/dev/ttyACM0", "usb:0400:c35a",
/// "camera:/dev/video0", ... (specs/config.md). drivers::createDevices() turns them into drivers.
struct DeviceSpecs {
    std::string cardReader = "fake";
    std::string codeScanner = "fake";
    std::string receiptPrinter = "fake";
    std::string reviewTablet = "fake";
};

} // namespace hal
