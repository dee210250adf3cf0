// SPDX-License-Identifier: Apache-2.0
// kiosk --out-of-service: the calm full-screen page (qml/OutOfService.qml) that
// kiosk-out-of-service.service shows under cage once kiosk.service gave up after a crash loop.
// It starts nothing else: no queue, no devices, no uplink, no health check.
#pragma once

#include "kiosk/app/command_line.h"

namespace kiosk::app {

/// Shows the page until the process is stopped (or saves its first frame with --screenshot
/// and exits 0). The kiosk id comes from the configuration when it can be read; a broken
/// configuration (perhaps the very cause of the crash loop) still shows the page, without it.
[[nodiscard]] int runOutOfService(int argc, char** argv, const Options& options);

/// The kiosk on a configuration that is not provisioned yet (kiosk id UNPROVISIONED, the
/// package's default): the same page saying 尚未启用 (未配置 for the technician), in the running
/// QGuiApplication. It says READY=1 after its first frame and pings the watchdog, so
/// kiosk.service runs calmly until provisioning restarts it; it starts nothing else: no queue
/// (so no queue key of its own before provisioning brings one), no uplink, no devices.
[[nodiscard]] int runNotProvisioned(const Options& options);

} // namespace kiosk::app
