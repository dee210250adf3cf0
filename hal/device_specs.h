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
    /// The A4 printer for certificates: "fake" or "cups:QUEUE"; empty = none configured.
    std::string a4Printer;
    /// The document camera for materials: "fake", "camera:/dev/videoN" or "image:FILE";
    /// empty = none configured (no material photos).
    std::string documentCamera;
    /// The receipt printer's built-in profile ([receipt] printer_profile): paper width,
    /// native QR, cutter, code page. Real receipt printer backends need it; the fake ignores it.
    std::string receiptPrinterProfile = "generic-80";
};

} // namespace hal
