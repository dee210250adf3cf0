// SPDX-License-Identifier: Apache-2.0
// SAM frames over raw USB bulk endpoints (libusb), in the split-pipe or single-pipe style.
#pragma once

#include "drivers/card_reader/sam/link.h"

#include <cstdint>

namespace drivers::card_reader {

/// How a reader moves frames over its bulk endpoints (see the spec, "USB").
enum class UsbProfile {
    Auto,   ///< split if the interface has endpoints 02, 06, 81 and 85, else single
    Split,  ///< header to OUT 02, rest to OUT 06; header from IN 81, rest from IN 85
    Single, ///< whole frame to the first bulk OUT; one stream from the first bulk IN
};

struct UsbOptions {
    std::uint16_t vendorId = 0x0400; ///< the common id 0400:C35A
    std::uint16_t productId = 0xC35A;
    UsbProfile profile = UsbProfile::Auto;
};

/// Parses "usb:VVVV:PPPP[:split|:single]" (hex ids). Errors: base::errc::invalid_argument.
[[nodiscard]] base::Result<UsbOptions> parseUsbSpec(std::string_view spec);

/// Opens the first device with the configured ids and claims its interface. Errors:
/// hal::errc::no_device when no such device is attached, base::errc::io when the device
/// cannot be opened (permissions: see README, "Hardware: ID card reader").
[[nodiscard]] base::Result<std::unique_ptr<sam::Link>> openUsbLink(const UsbOptions& options);

} // namespace drivers::card_reader
