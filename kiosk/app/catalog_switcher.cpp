// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/catalog_switcher.h"

#include "base/log.h"
#include "kiosk/core/session.h"

#include <QMetaObject>

#include <string>

namespace kiosk::app {

CatalogSwitcher::CatalogSwitcher(core::CatalogHolder& holder, std::function<bool()> atHome,
                                 QObject* parent)
    : QObject(parent), holder_(holder), atHome_(std::move(atHome))
{
    // Published on the staging worker's thread: only a queued call crosses to this one.
    staged_ = holder_.staged.connect([this](std::int64_t) { postSwitch(); });
    postSwitch();
}

CatalogSwitcher::~CatalogSwitcher()
{
    // Waits for a postSwitch() running on a worker; a call it queued dies with this QObject.
    staged_.reset();
}

void CatalogSwitcher::postSwitch()
{
    QMetaObject::invokeMethod(this, &CatalogSwitcher::switchIfAtHome, Qt::QueuedConnection);
}

bool CatalogSwitcher::switchIfAtHome()
{
    // The screens know where the citizen is; away from home the switch waits for the next call.
    const auto state = atHome_() ? core::SessionState::Idle : core::SessionState::Browsing;
    if (!holder_.switchIfIdle(state))
        return false;
    base::log::info("app",
                    "catalog " + std::to_string(holder_.current()->catalogVersion) + " in service");
    return true;
}

} // namespace kiosk::app
