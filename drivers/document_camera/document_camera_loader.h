// SPDX-License-Identifier: Apache-2.0
// Loads the document camera module (document_camera_module.h) for a camera: or image: spec.
#pragma once

#include "base/result.h"
#include "hal/document_camera.h"

#include <memory>
#include <string_view>

namespace drivers {

/// Makes an OpenCV document camera (not opened) for "camera:PATH" or "image:PATH" from
/// libkiosk-document-camera.so (loaded once per process, from $KIOSK_DRIVER_DIR or
/// lib/kiosk/drivers beside bin/). A missing module is an error naming the file.
[[nodiscard]] base::Result<std::shared_ptr<hal::DocumentCamera>>
loadDocumentCamera(std::string_view spec);

} // namespace drivers
