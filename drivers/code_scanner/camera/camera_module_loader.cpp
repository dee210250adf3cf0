// SPDX-License-Identifier: Apache-2.0
#include "drivers/code_scanner/camera/camera_module_loader.h"

#include "drivers/code_scanner/camera/camera_module.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>
#include <string>

namespace drivers {

namespace {

struct LoadedModule {
    camera_module::Entry entry = nullptr;
    std::string error; ///< why it could not be loaded
};

LoadedModule load()
{
    const auto path = cameraModulePath();
    // RTLD_LOCAL: OpenCV's libraries stay out of the program's symbol scope.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* reason = dlerror();
        return {nullptr, "cannot load the camera module " + path.string() + ": " +
                             (reason != nullptr ? reason : "unknown error")};
    }
    void* symbol = dlsym(handle, camera_module::entryName);
    if (symbol == nullptr)
        return {nullptr, path.string() + " has no " + camera_module::entryName};
    return {reinterpret_cast<camera_module::Entry>(symbol), {}};
}

} // namespace

std::filesystem::path cameraModulePath()
{
    if (const char* dir = std::getenv("KIOSK_DRIVER_DIR"); dir != nullptr && *dir != '\0')
        return std::filesystem::path(dir) / camera_module::fileName;
    std::error_code error;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
    return program.parent_path().parent_path() / "lib" / "kiosk" / "drivers" /
           camera_module::fileName;
}

base::Result<std::shared_ptr<hal::CodeScanner>> loadCameraScanner(std::string_view spec,
                                                                  std::string_view formats)
{
    static const LoadedModule module = load(); // once, thread-safe
    if (module.entry == nullptr)
        return base::fail(base::errc::unsupported, "code_scanner: " + module.error);
    camera_module::Request request;
    request.spec = spec;
    request.formats = formats;
    request.log = &base::log::write;
    camera_module::Answer answer;
    module.entry(request, answer);
    if (answer.scanner == nullptr)
        return base::fail(base::errc::invalid_argument,
                          "code_scanner \"" + std::string(spec) + "\": " + answer.error);
    return std::shared_ptr<hal::CodeScanner>(answer.scanner);
}

} // namespace drivers
