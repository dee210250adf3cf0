// SPDX-License-Identifier: Apache-2.0
#include "drivers/code_scanner/camera/camera_module_loader.h"

#include "drivers/code_scanner/camera/camera_module.h"
#include "drivers/transport/driver_module.h"

#include <string>

namespace drivers {

std::filesystem::path cameraModulePath()
{
    return driverModulePath(camera_module::fileName);
}

base::Result<std::shared_ptr<hal::CodeScanner>> loadCameraScanner(std::string_view spec,
                                                                  std::string_view formats)
{
    const auto entry =
        loadModuleEntry(camera_module::fileName, camera_module::entryName, "camera module");
    if (!entry)
        return base::fail(entry.error().withContext("code_scanner"));
    camera_module::Request request;
    request.spec = spec;
    request.formats = formats;
    request.log = &base::log::write;
    camera_module::Answer answer;
    reinterpret_cast<camera_module::Entry> (*entry)(request, answer);
    if (answer.scanner == nullptr)
        return base::fail(base::errc::invalid_argument,
                          "code_scanner \"" + std::string(spec) + "\": " + answer.error);
    return std::shared_ptr<hal::CodeScanner>(answer.scanner);
}

} // namespace drivers
