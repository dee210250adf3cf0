// SPDX-License-Identifier: Apache-2.0
// The OpenCV document camera as a loadable module (libkiosk-document-camera.so), for the same
// reason as the camera code scanner's (drivers/code_scanner/camera/camera_module.h): OpenCV's
// some 250 shared libraries must not slow every start of the kiosk and kioskctl. The loader
// is the drivers' one (drivers/transport/driver_module.h). The module and the programs come
// from the same build: C++ types cross this boundary.
#pragma once

#include "base/log.h"
#include "hal/document_camera.h"

#include <string>
#include <string_view>

namespace drivers::document_camera_module {

/// Raised whenever Request, Answer or the entry's meaning change.
inline constexpr int interfaceVersion = 1;
inline constexpr auto fileName = "libkiosk-document-camera.so";
inline constexpr auto entryName = "kiosk_document_camera_create";

struct Request {
    int interfaceVersion = document_camera_module::interfaceVersion;
    std::string_view spec;            ///< camera:PATH or image:PATH
    base::log::Forward log = nullptr; ///< the program's log, for the module's messages
};

struct Answer {
    hal::DocumentCamera* camera = nullptr; ///< owned by the caller; nullptr on error
    std::string error;
};

/// The module's one exported function, looked up by entryName.
using Entry = void (*)(const Request& request, Answer& answer);

} // namespace drivers::document_camera_module
