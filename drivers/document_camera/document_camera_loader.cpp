// SPDX-License-Identifier: Apache-2.0
#include "drivers/document_camera/document_camera_loader.h"

#include "drivers/document_camera/document_camera_module.h"
#include "drivers/transport/driver_module.h"

namespace drivers {

base::Result<std::shared_ptr<hal::DocumentCamera>> loadDocumentCamera(std::string_view spec)
{
    namespace module = document_camera_module;
    const auto entry =
        loadModuleEntry(module::fileName, module::entryName, "document camera module");
    if (!entry)
        return base::fail(entry.error().withContext("document_camera"));
    module::Request request;
    request.spec = spec;
    request.log = &base::log::write;
    module::Answer answer;
    reinterpret_cast<module::Entry> (*entry)(request, answer);
    if (answer.camera == nullptr)
        return base::fail(base::errc::invalid_argument,
                          "document_camera \"" + std::string(spec) + "\": " + answer.error);
    return std::shared_ptr<hal::DocumentCamera>(answer.camera);
}

} // namespace drivers
