// SPDX-License-Identifier: Apache-2.0
// kiosk::app::UplinkAlarm: carries the sync loop's link state (its worker's thread) to the
// screens' UplinkStatus (the GUI thread), through a queued call.
#pragma once

#include "offline_queue/sync_loop.h"
#include "qml/uplink_status.h"

namespace kiosk::app {

/// While it lives, every change of the sync loop's link state sets status.queueHeld on the
/// GUI thread: true while the platform refuses the kiosk's credentials (LinkState::
/// Unauthorized, the queue is held), false otherwise. A link that is merely down leaves it
/// false: that is no news for the citizen. Destroy it before `status`; the sync loop may keep
/// running (its connection's reset() waits for a slot already running on the sync thread, so
/// nothing is posted to a dead object).
class UplinkAlarm {
public:
    UplinkAlarm(queue::SyncLoop& sync, ui::UplinkStatus& status);
    UplinkAlarm(const UplinkAlarm&) = delete;
    UplinkAlarm& operator=(const UplinkAlarm&) = delete;

private:
    /// Called on any thread; posts the new flag to the status' thread.
    void post(queue::LinkState state);

    ui::UplinkStatus& status_;
    base::Connection connection_; ///< last: disconnected first
};

} // namespace kiosk::app
