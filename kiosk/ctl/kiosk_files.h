// SPDX-License-Identifier: Apache-2.0
// What kioskctl's commands share: reports on the configured queue and catalog, device specs.
#pragma once

#include "hal/device_specs.h"
#include "kiosk/core/config.h"
#include "kiosk/core/runtime_files.h"

#include <nlohmann/json.hpp>

#include <memory>

namespace kiosk::ctl {

/// {"pending","delivered","deadLetter","oldestPendingAgeS"} or {"error": ...}.
[[nodiscard]] nlohmann::json queueReport(const core::Config& config);

/// {"catalogVersion","items","source"} of the catalog in service, or {"error": ...}.
[[nodiscard]] nlohmann::json catalogReport(const core::Config& config);

/// The audit trail as kioskctl writes it (actor "kioskctl"), or nullptr after a warning on
/// stderr: a technician's action still runs when the trail cannot be written.
[[nodiscard]] std::unique_ptr<core::AuditTrail> openAudit(const core::Config& config);

[[nodiscard]] inline const hal::DeviceSpecs& deviceSpecs(const core::Config& config)
{
    return config.devices;
}

} // namespace kiosk::ctl
