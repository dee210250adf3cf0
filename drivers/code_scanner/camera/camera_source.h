// SPDX-License-Identifier: Apache-2.0
// drivers::CameraSource: which camera pipeline a code-scanner spec names (the registry asks).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drivers {

enum class CameraSourceKind {
    Device, ///< a V4L2 node, "camera:/dev/video0" (better: /dev/v4l/by-id/...)
    Video,  ///< a Motion-JPEG video played at its frame rate, "video:FILE"
    Image,  ///< a still image shown to the camera until the scan ends, "image:FILE"
};

struct CameraSource {
    CameraSourceKind kind = CameraSourceKind::Device;
    std::string path;
};

/// Parses "camera:PATH", "video:PATH" or "image:PATH"; nullopt for anything else.
[[nodiscard]] std::optional<CameraSource> parseCameraSource(std::string_view spec);

} // namespace drivers
