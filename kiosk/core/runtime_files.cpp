// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/runtime_files.h"

#include <system_error>

namespace kiosk::core {

base::Result<std::unique_ptr<queue::Store>> openQueue(const Config& config)
{
    const auto& dir = config.kiosk.dataDir;
    std::error_code error;
    if (!std::filesystem::exists(dir, error)) {
        std::filesystem::create_directories(dir, error);
        if (!error)
            std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                         std::filesystem::perm_options::replace, error);
    }
    if (error)
        return base::fail(base::errc::io, "cannot create [kiosk] data_dir " + dir.string() + ": " +
                                              error.message());
    auto store = queue::Store::open(queueDatabasePath(config));
    if (!store)
        return base::fail(store.error().withContext("offline queue"));
    return store;
}

} // namespace kiosk::core
