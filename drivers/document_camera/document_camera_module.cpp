// SPDX-License-Identifier: Apache-2.0
// The entry of libkiosk-document-camera.so (document_camera_module.h); the only symbol it exports.
#include "drivers/document_camera/document_camera_module.h"
#include "drivers/document_camera/opencv_document_camera.h"

extern "C" __attribute__((visibility("default"))) void
kiosk_document_camera_create(const drivers::document_camera_module::Request& request,
                             drivers::document_camera_module::Answer& answer)
{
    namespace module = drivers::document_camera_module;
    if (request.interfaceVersion != module::interfaceVersion) {
        answer.error = "document camera module interface " +
                       std::to_string(module::interfaceVersion) + ", the program expects " +
                       std::to_string(request.interfaceVersion) +
                       ": the module comes from another build";
        return;
    }
    if (request.log != nullptr)
        base::log::forwardTo(request.log);
    const auto source = drivers::parseDocumentCameraSource(request.spec);
    if (!source) {
        answer.error = "not a document camera spec (camera: or image:)";
        return;
    }
    answer.camera = new drivers::OpenCvDocumentCamera(*source);
}
