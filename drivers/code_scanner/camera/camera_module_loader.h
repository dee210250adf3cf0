// SPDX-License-Identifier: Apache-2.0
// Loads the camera code scanner module (camera_module.h) when a camera spec is configured.
#pragma once

#include "base/result.h"
#include "hal/code_scanner.h"

#include <filesystem>
#include <memory>
#include <string_view>

namespace drivers {

/// Where the module is looked for: $KIOSK_DRIVER_DIR when set, else lib/kiosk/drivers beside
/// the program's bin/ folder (build/lib/... in a build tree, /usr/lib/kiosk/drivers installed).
[[nodiscard]] std::filesystem::path cameraModulePath();

/// Loads the module once per process (it stays loaded: the scanners it makes run its code)
/// and makes a camera code scanner (not opened) for `spec`. A missing or broken module is an
/// error naming the file and what dlopen said.
[[nodiscard]] base::Result<std::shared_ptr<hal::CodeScanner>>
loadCameraScanner(std::string_view spec, std::string_view formats);

} // namespace drivers
