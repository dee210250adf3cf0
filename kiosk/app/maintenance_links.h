// SPDX-License-Identifier: Apache-2.0
// kiosk::app::openMaintenance: core::MaintenanceAccess over the runtime's devices, queue,
// catalogs and link state, with the diagnostics of kioskctl that fit a running kiosk.
#pragma once

#include "kiosk/app/runtime.h"
#include "kiosk/core/maintenance_access.h"

#include <memory>

namespace kiosk::app {

/// Opens maintenance access once the services run (startServices): the secret from
/// [maintenance] totp_secret_file (checked already by Runtime::load), the lock state under
/// data_dir, the audit trail. nullptr (logged) when it cannot be opened: the kiosk serves on.
/// The diagnostics: 校验审计记录 (kioskctl audit verify) and 打印测试凭条 (kioskctl print
/// test). Their work runs on the maintenance view-model's worker (MaintenanceViewModel).
[[nodiscard]] std::unique_ptr<core::MaintenanceAccess> openMaintenance(Runtime& runtime);

} // namespace kiosk::app
