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

} // namespace drivers
