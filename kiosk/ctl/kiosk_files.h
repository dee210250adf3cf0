// SPDX-License-Identifier: Apache-2.0
// What kioskctl's commands share: opening the configured queue, catalog and devices.
#pragma once

#include "hal/device_specs.h"
#include "kiosk/core/config.h"
#include "offline_queue/store.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace kiosk::ctl {

/// The queue database under [kiosk] data_dir (created if absent).
[[nodiscard]] base::Result<std::unique_ptr<queue::Store>> openQueue(const core::Config& config);

/// {"pending","delivered","deadLetter","oldestPendingAgeS"} or {"error": ...}.
[[nodiscard]] nlohmann::json queueReport(const core::Config& config);

/// {"catalogVersion","items","source"} of the catalog in service, or {"error": ...}.
[[nodiscard]] nlohmann::json catalogReport(const core::Config& config);

[[nodiscard]] inline const hal::DeviceSpecs& deviceSpecs(const core::Config& config)
{
    return config.devices;
}

} // namespace kiosk::ctl
