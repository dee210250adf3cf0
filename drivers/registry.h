// SPDX-License-Identifier: Apache-2.0
// drivers::createDevices: the explicit list of drivers, chosen by device specs from config.
#pragma once

#include "base/result.h"
#include "hal/device_manager.h"

#include <string>

namespace drivers {

/// One spec per device class, as in [devices] of the configuration: "fake",
/// "serial:/dev/ttyACM0", "usb:0400:c35a", "camera:/dev/video0", ...
struct DeviceSpecs {
    std::string cardReader = "fake";
    std::string codeScanner = "fake";
    std::string receiptPrinter = "fake";
    std::string reviewTablet = "fake";
};

/// Creates the four devices (not opened yet). An unknown spec, or a backend this build does
/// not have, is an error naming the device class and the spec.
[[nodiscard]] base::Result<hal::DeviceSet> createDevices(const DeviceSpecs& specs);

} // namespace drivers
