// SPDX-License-Identifier: Apache-2.0
#include "drivers/document_camera/document_camera_source.h"

namespace drivers {

std::optional<DocumentCameraSource> parseDocumentCameraSource(std::string_view spec)
{
    for (const auto& [prefix, kind] :
         {std::pair{std::string_view("camera:"), DocumentCameraKind::Device},
          std::pair{std::string_view("image:"), DocumentCameraKind::Image}})
        if (spec.starts_with(prefix) && spec.size() > prefix.size())
            return DocumentCameraSource{kind, std::string(spec.substr(prefix.size()))};
    return std::nullopt;
}

} // namespace drivers
