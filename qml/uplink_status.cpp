// SPDX-License-Identifier: Apache-2.0
#include "qml/uplink_status.h"

namespace kiosk::ui {

UplinkStatus::UplinkStatus(QObject* parent) : QObject(parent) {}

void UplinkStatus::setQueueHeld(bool held)
{
    if (held == queueHeld_)
        return;
    queueHeld_ = held;
    emit queueHeldChanged();
}

void UplinkStatus::setLinkDown(bool down)
{
    if (down == linkDown_)
        return;
    linkDown_ = down;
    emit linkDownChanged();
}

} // namespace kiosk::ui
