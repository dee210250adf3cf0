// SPDX-License-Identifier: Apache-2.0
// The entry of libkiosk-camera-scanner.so (camera_module.h); the only symbol it exports.
#include "drivers/code_scanner/camera/camera_module.h"
#include "drivers/code_scanner/camera/camera_code_scanner.h"

extern "C" __attribute__((visibility("default"))) void
kiosk_camera_scanner_create(const drivers::camera_module::Request& request,
                            drivers::camera_module::Answer& answer)
{
    namespace module = drivers::camera_module;
    if (request.interfaceVersion != module::interfaceVersion) {
        answer.error = "camera module interface " + std::to_string(module::interfaceVersion) +
                       ", the program expects " + std::to_string(request.interfaceVersion) +
                       ": the module comes from another build";
        return;
    }
    if (request.log != nullptr)
        base::log::forwardTo(request.log);
    const auto source = drivers::parseCameraSource(request.spec);
    if (!source) {
        answer.error = "not a camera spec (camera:, video: or image:)";
        return;
    }
    drivers::CameraOptions options;
    options.decoder.formats = std::string(request.formats);
    answer.scanner = new drivers::CameraCodeScanner(*source, options);
}
