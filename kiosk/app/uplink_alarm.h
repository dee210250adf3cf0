// SPDX-License-Identifier: Apache-2.0
// kiosk::app::UplinkAlarm: carries the sync loop's link state (its own thread) to the screens'
// UplinkStatus (the GUI thread), through a queued call.
#pragma once

// Before any Qt header: base/signal.h's emit() must not meet Qt's `emit` keyword macro.
#include "offline_queue/sync_loop.h"
#include "qml/uplink_status.h"

#include <memory>
#include <mutex>

namespace kiosk::app {

/// While it lives, every change of the sync loop's link state sets status.queueHeld on the
/// GUI thread: true while the platform refuses the kiosk's credentials (LinkState::
/// Unauthorized, the queue is held), false otherwise. A link that is merely down leaves it
/// false: that is no news for the citizen. Destroy it before `status`; the sync loop may keep
/// running (a state change racing the destruction is dropped, never delivered to a dead object).
class UplinkAlarm {
public:
    UplinkAlarm(queue::SyncLoop& sync, ui::UplinkStatus& status);
    ~UplinkAlarm();
    UplinkAlarm(const UplinkAlarm&) = delete;
    UplinkAlarm& operator=(const UplinkAlarm&) = delete;

private:
    /// Shared with the slot: a slot the sync thread already took from the signal may run after
    /// this object is gone; it then finds no status and posts nothing.
    struct Target {
        std::mutex mutex;
        ui::UplinkStatus* status = nullptr; ///< nullptr once destruction began
        /// Called on any thread; posts the new flag to the status' thread.
        void post(queue::LinkState state);
    };

    std::shared_ptr<Target> target_;
    base::Connection connection_;
};

} // namespace kiosk::app
