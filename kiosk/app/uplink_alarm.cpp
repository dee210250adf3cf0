// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/uplink_alarm.h"

#include <QMetaObject>

namespace kiosk::app {

UplinkAlarm::UplinkAlarm(queue::SyncLoop& sync, ui::UplinkStatus& status) : status_(status)
{
    connection_ = sync.linkStateChanged.connect([this](queue::LinkState state) { post(state); });
    // The loop may have been refused before the screens existed: start from its state now.
    post(sync.linkState());
}

void UplinkAlarm::post(queue::LinkState state)
{
    const bool held = state == queue::LinkState::Unauthorized;
    const bool down = state == queue::LinkState::Down;
    // DESIGN.md: worker threads hand results to the GUI thread through queued calls. A call
    // still queued when the status is destroyed is discarded by Qt with it.
    QMetaObject::invokeMethod(
        &status_,
        [shown = &status_, held, down] {
            shown->setQueueHeld(held);
            shown->setLinkDown(down);
        },
        Qt::QueuedConnection);
}

} // namespace kiosk::app
