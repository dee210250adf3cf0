// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/ui_bridge.h"

#include "base/log.h"

namespace kiosk::app {

UiBridge::UiBridge(QObject* parent) : QObject(parent) {}

bool UiBridge::attach(QObject* mainWindow)
{
    // QML signals are only known at run time, hence the string-based connections.
    return connect(mainWindow, SIGNAL(helpRequested()), this, SLOT(onHelpRequested())) &&
           connect(mainWindow, SIGNAL(helpAcknowledged()), this, SLOT(onHelpAcknowledged()));
}

void UiBridge::onHelpRequested()
{
    base::log::warning("ui", "citizen pressed 人工帮助");
    if (helpHandler_)
        helpHandler_();
}

void UiBridge::onHelpAcknowledged()
{
    base::log::info("ui", "staff acknowledged the help call on the kiosk");
    if (helpAckHandler_)
        helpAckHandler_();
}

} // namespace kiosk::app
