// SPDX-License-Identifier: Apache-2.0
// drivers::DocumentCameraSource: which document camera a spec names (the registry asks).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drivers {

enum class DocumentCameraKind {
    Device, ///< a V4L2 node, "camera:/dev/video1" (better: /dev/v4l/by-id/...)
    Image,  ///< a still image standing in for the camera (tests, demo), "image:FILE"
};

struct DocumentCameraSource {
    DocumentCameraKind kind = DocumentCameraKind::Device;
    std::string path;
};

/// Parses "camera:PATH" or "image:PATH"; nullopt for anything else (or an empty path).
[[nodiscard]] std::optional<DocumentCameraSource> parseDocumentCameraSource(std::string_view spec);

} // namespace drivers
