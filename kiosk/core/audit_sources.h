// SPDX-License-Identifier: Apache-2.0
// What feeds the audit trail from the layers below kiosk/core, which know nothing of it: the
// queue's changes, the devices' state changes, and the kiosk's start (with a changed
// configuration) and stop.
#pragma once

#include "base/signal.h"
#include "hal/device_manager.h"
#include "kiosk/core/audit_trail.h"
#include "offline_queue/store.h"

#include <filesystem>
#include <optional>
#include <string_view>

namespace kiosk::core {

/// queue.created / queue.delivered / queue.dead_lettered / queue.retried / queue.purged, with
/// the record id, its kind, submission id and item code (never its contents).
[[nodiscard]] AuditEvent queueAuditEvent(const queue::QueueEvent& event);

/// device.attached (ready again after being away or closed), device.detached, device.fault;
/// nothing for the comings and goings between ready and busy.
[[nodiscard]] std::optional<AuditEvent> deviceAuditEvent(hal::DeviceState before,
                                                         const hal::DeviceStatus& now);

/// Records the queue's changes while the connection lives (on the thread that changed it).
[[nodiscard]] base::Connection auditQueueChanges(queue::Store& store, AuditTrail& trail);

/// Records the devices' attach, detach and fault while the connection lives.
[[nodiscard]] base::Connection auditDeviceChanges(hal::DeviceManager& devices, AuditTrail& trail);

/// Records "kiosk.start" with the software and catalog versions and the configuration file's
/// SHA-256, preceded by "config.changed" when that digest differs from the one of the last
/// start (kept in audit/last-config.sha256). Errors are logged.
void auditStart(AuditTrail& trail, std::string_view softwareVersion, std::int64_t catalogVersion,
                const std::filesystem::path& configFile, std::string_view configSha256);

/// Records "kiosk.stop" (fsync'd at once). Errors are logged.
void auditStop(AuditTrail& trail);

} // namespace kiosk::core
