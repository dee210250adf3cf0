// SPDX-License-Identifier: Apache-2.0
// drivers::loadModuleEntry: loads a driver module (a shared object beside the programs) and finds
// its entry. Drivers whose libraries are too heavy for every start (OpenCV: the camera code
// scanner, the document camera) live in modules that the registry loads when configured.
#pragma once

#include "base/result.h"

#include <filesystem>
#include <string>
#include <string_view>

namespace drivers {

/// Where the module `fileName` is looked for: $KIOSK_DRIVER_DIR when set, else
/// lib/kiosk/drivers beside the program's bin/ folder (build/lib/... in a build tree,
/// /usr/lib/kiosk/drivers installed).
[[nodiscard]] std::filesystem::path driverModulePath(std::string_view fileName);

/// Loads `fileName` once per process (it stays loaded: the devices it makes run its code) and
/// returns the address of `entryName`. A missing or broken module is an error naming
/// `what` ("camera module"), the file and what dlopen said; the same error on every call.
[[nodiscard]] base::Result<void*>
loadModuleEntry(std::string_view fileName, const std::string& entryName, std::string_view what);

} // namespace drivers
