// SPDX-License-Identifier: Apache-2.0
// The machine's reboot for the reboot remote command: logind's Reboot over the system bus.
#pragma once

#include "base/result.h"

namespace kiosk::app {

/// Asks systemd-logind to reboot (org.freedesktop.login1.Manager.Reboot, not interactive) over
/// sd-bus, which is what `systemctl reboot` does for a user that is not root; polkit decides
/// whether the kiosk's user may (image/: a rule allowing it for the kiosk user). Returns once
/// logind accepted it (the shutdown then stops the kiosk), or logind's error. Without
/// libsystemd in the build it is an error.
[[nodiscard]] base::Result<void> rebootThroughLogind();

} // namespace kiosk::app
