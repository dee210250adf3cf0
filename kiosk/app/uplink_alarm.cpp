// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/uplink_alarm.h"

#include <QMetaObject>

namespace kiosk::app {

UplinkAlarm::UplinkAlarm(queue::SyncLoop& sync, ui::UplinkStatus& status)
    : target_(std::make_shared<Target>())
{
    target_->status = &status;
    connection_ = sync.linkStateChanged.connect(
        [target = target_](queue::LinkState state) { target->post(state); });
    // The loop may have been refused before the screens existed: start from its state now.
    target_->post(sync.linkState());
}

UplinkAlarm::~UplinkAlarm()
{
    connection_.reset();
    // A post() running on the sync thread finishes before this returns; later ones see nullptr.
    const std::lock_guard lock(target_->mutex);
    target_->status = nullptr;
}

void UplinkAlarm::Target::post(queue::LinkState state)
{
    const bool held = state == queue::LinkState::Unauthorized;
    const std::lock_guard lock(mutex);
    if (status == nullptr)
        return;
    // DESIGN.md: worker threads hand results to the GUI thread through queued calls. A call
    // still queued when the status is destroyed is discarded by Qt with it.
    QMetaObject::invokeMethod(
        status, [shown = status, held] { shown->setQueueHeld(held); }, Qt::QueuedConnection);
}

} // namespace kiosk::app
