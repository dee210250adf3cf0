// SPDX-License-Identifier: Apache-2.0
#include "drivers/transport/driver_module.h"

#include <cstdlib>
#include <dlfcn.h>
#include <map>
#include <mutex>

namespace drivers {

namespace {

struct LoadedEntry {
    void* address = nullptr;
    std::string error; ///< why it could not be loaded
};

LoadedEntry load(std::string_view fileName, const std::string& entryName, std::string_view what)
{
    const auto path = driverModulePath(fileName);
    // RTLD_LOCAL: the module's libraries (OpenCV) stay out of the program's symbol scope.
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        const char* reason = dlerror();
        return {nullptr, "cannot load the " + std::string(what) + " " + path.string() + ": " +
                             (reason != nullptr ? reason : "unknown error")};
    }
    void* symbol = dlsym(handle, entryName.c_str());
    if (symbol == nullptr)
        return {nullptr, path.string() + " has no " + entryName};
    return {symbol, {}};
}

} // namespace

std::filesystem::path driverModulePath(std::string_view fileName)
{
    if (const char* dir = std::getenv("KIOSK_DRIVER_DIR"); dir != nullptr && *dir != '\0')
        return std::filesystem::path(dir) / fileName;
    std::error_code error;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
    return program.parent_path().parent_path() / "lib" / "kiosk" / "drivers" / fileName;
}

base::Result<void*> loadModuleEntry(std::string_view fileName, const std::string& entryName,
                                    std::string_view what)
{
    // Once per module and entry: a failed load is not retried (the file will not change
    // while the program runs), and a loaded one is never unloaded.
    static std::mutex mutex;
    static std::map<std::string, LoadedEntry, std::less<>> loaded;
    std::lock_guard lock(mutex);
    const std::string key = std::string(fileName) + "#" + entryName;
    auto found = loaded.find(key);
    if (found == loaded.end())
        found = loaded.emplace(key, load(fileName, entryName, what)).first;
    if (found->second.address == nullptr)
        return base::fail(base::errc::unsupported, found->second.error);
    return found->second.address;
}

} // namespace drivers
