// SPDX-License-Identifier: Apache-2.0
// The camera code scanner as a loadable module (libkiosk-camera-scanner.so). OpenCV brings
// some 250 shared libraries (FFmpeg, GStreamer, GDAL, ...) that cost a program linking it
// about 150 ms and 55 MiB before its first line runs, so the kiosk and kioskctl load the
// camera pipeline only when a camera spec is configured (camera_module_loader.h).
// The module and the programs come from the same build: C++ types cross this boundary.
#pragma once

#include "base/log.h"
#include "hal/code_scanner.h"

#include <string>
#include <string_view>

namespace drivers::camera_module {

/// Raised whenever Request, Answer or the entry's meaning change.
inline constexpr int interfaceVersion = 1;
inline constexpr auto fileName = "libkiosk-camera-scanner.so";
inline constexpr auto entryName = "kiosk_camera_scanner_create";

struct Request {
    int interfaceVersion = camera_module::interfaceVersion;
    std::string_view spec;            ///< camera:PATH, video:PATH or image:PATH
    std::string_view formats;         ///< ZXing format names, "QRCode|DataMatrix"
    base::log::Forward log = nullptr; ///< the program's log, for the module's messages
};

struct Answer {
    hal::CodeScanner* scanner = nullptr; ///< owned by the caller; nullptr on error
    std::string error;
};

/// The module's one exported function, looked up by entryName.
using Entry = void (*)(const Request& request, Answer& answer);

} // namespace drivers::camera_module
