// SPDX-License-Identifier: Apache-2.0
// drivers::createDevices: the explicit list of drivers, chosen by device specs from config.
#pragma once

#include "base/result.h"
#include "hal/device_manager.h"
#include "hal/device_specs.h"

#include <string>

namespace drivers {

/// Creates the four devices (not opened yet). An unknown spec, or a backend this build does
/// not have, is an error naming the device class and the spec.
[[nodiscard]] base::Result<hal::DeviceSet> createDevices(const hal::DeviceSpecs& specs);

/// Creates one code scanner (not opened) from a spec: fake, camera:/dev/videoN, image:FILE,
/// video:FILE, serial:DEV or evdev:DEV (kioskctl scan uses it alone). `formats` are the ZXing
/// format names the camera pipeline looks for ("QRCode|DataMatrix"); USB scanners decode
/// themselves and ignore it.
[[nodiscard]] base::Result<std::shared_ptr<hal::CodeScanner>>
createCodeScanner(const std::string& spec, const std::string& formats = "QRCode");

} // namespace drivers
