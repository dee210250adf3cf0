// SPDX-License-Identifier: Apache-2.0
// Where the kiosk keeps its durable state under [kiosk] data_dir, and opening it.
#pragma once

#include "base/result.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/config.h"
#include "offline_queue/store.h"

#include <filesystem>
#include <memory>

namespace kiosk::core {

/// The offline queue's SQLite database.
[[nodiscard]] inline std::filesystem::path queueDatabasePath(const Config& config)
{
    return config.kiosk.dataDir / "queue.db";
}

/// The store's settings from [queue]: key file, cipher, size cap; `clock` stamps its records.
[[nodiscard]] queue::StoreOptions storeOptions(const Config& config,
                                               const base::Clock& clock = base::systemClock());

/// Opens the offline queue, creating data_dir (owner-only: it holds citizens' submissions
/// until they are delivered) when it does not exist yet. The kiosk and kioskctl both use it.
[[nodiscard]] base::Result<std::unique_ptr<queue::Store>>
openQueue(const Config& config, const base::Clock& clock = base::systemClock());

/// The audit trail's settings from [audit]; `actor` names who writes ("kiosk", "kioskctl").
[[nodiscard]] AuditOptions auditOptions(const Config& config, std::string actor);

/// Opens the audit trail under data_dir/audit (creating it, owner-only).
[[nodiscard]] base::Result<std::unique_ptr<AuditTrail>>
openAuditTrail(const Config& config, std::string actor,
               const base::Clock& clock = base::systemClock());

} // namespace kiosk::core
