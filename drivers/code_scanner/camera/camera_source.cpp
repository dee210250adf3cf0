// SPDX-License-Identifier: Apache-2.0
#include "drivers/code_scanner/camera/camera_source.h"

namespace drivers {

std::optional<CameraSource> parseCameraSource(std::string_view spec)
{
    const auto colon = spec.find(':');
    if (colon == std::string_view::npos || colon + 1 == spec.size())
        return std::nullopt;
    const auto scheme = spec.substr(0, colon);
    CameraSource source;
    source.path = std::string(spec.substr(colon + 1));
    if (scheme == "camera")
        source.kind = CameraSourceKind::Device;
    else if (scheme == "video")
        source.kind = CameraSourceKind::Video;
    else if (scheme == "image")
        source.kind = CameraSourceKind::Image;
    else
        return std::nullopt;
    return source;
}

} // namespace drivers
