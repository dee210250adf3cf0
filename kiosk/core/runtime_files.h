// SPDX-License-Identifier: Apache-2.0
// Where the kiosk keeps its durable state under [kiosk] data_dir.
#pragma once

#include "kiosk/core/config.h"

#include <filesystem>

namespace kiosk::core {

/// The offline queue's SQLite database.
[[nodiscard]] inline std::filesystem::path queueDatabasePath(const Config& config)
{
    return config.kiosk.dataDir / "queue.db";
}

} // namespace kiosk::core
