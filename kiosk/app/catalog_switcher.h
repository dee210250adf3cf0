// SPDX-License-Identifier: Apache-2.0
// kiosk::app::CatalogSwitcher: puts a newly staged catalog in service on the GUI thread, only
// while the home screen is shown; the catalog arrives prepared from a worker (queued call).
#pragma once

#include "base/signal.h"
#include "kiosk/core/catalog_holder.h"

#include <QObject>

#include <functional>

namespace kiosk::app {

/// The GUI thread's side of a catalog switch. When a worker (the installed-catalog watch, the
/// catalog sync) has staged a prepared catalog, it posts switchIfAtHome() here as a queued call;
/// the screens call it again whenever the home screen comes back. A switch is a pointer swap in
/// the holder and a model reset in the view-models that follow it; nothing is read, verified or
/// indexed here. Lives on the GUI thread; the holder must outlive it.
class CatalogSwitcher : public QObject {
    Q_OBJECT

public:
    /// `atHome` says whether the home screen is shown and nobody is being served (Main.qml's
    /// atHome). Also tries once when the event loop runs: a catalog may have been staged
    /// before the screens existed.
    CatalogSwitcher(core::CatalogHolder& holder, std::function<bool()> atHome,
                    QObject* parent = nullptr);
    ~CatalogSwitcher() override;
    CatalogSwitcher(const CatalogSwitcher&) = delete;
    CatalogSwitcher& operator=(const CatalogSwitcher&) = delete;

public slots:
    /// Switches to the staged catalog when the home screen is shown; logs `catalog N in
    /// service`. Returns whether it switched.
    bool switchIfAtHome();

private:
    void postSwitch();

    core::CatalogHolder& holder_;
    std::function<bool()> atHome_;
    base::Connection staged_;
};

} // namespace kiosk::app
