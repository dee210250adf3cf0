// SPDX-License-Identifier: Apache-2.0
// kiosk: the self-service kiosk program. The composition root: it builds the Runtime
// (configuration, catalog, devices), the view-models and the QML engine, and shows Main.qml.
#include "base/log.h"
#include "kiosk/app/catalog_switcher.h"
#include "kiosk/app/command_line.h"
#include "kiosk/app/runtime.h"
#include "kiosk/app/screenshot.h"
#include "kiosk/app/ui_bridge.h"
#include "kiosk/app/uplink_alarm.h"
#include "qml/catalog_view_model.h"
#include "qml/fonts.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickWindow>
#include <QScreen>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdlib>
#include <iostream>

Q_IMPORT_QML_PLUGIN(Kiosk_UiPlugin)

namespace {

constexpr auto mainQml = "qrc:/qt/qml/Kiosk/Ui/Main.qml";

/// A screenshot needs no display: without one, render offscreen (the same software
/// renderer the screenshot tests use) instead of failing to connect to X11.
void preferOffscreenForScreenshots(const kiosk::app::Options& options)
{
    const bool haveDisplay =
        qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    if (options.screenshot && !haveDisplay && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

void showWindow(QQuickWindow& window, const kiosk::app::Options& options)
{
    if (options.size) {
        window.resize(options.size->width, options.size->height);
        window.show();
        return;
    }
    // Without a window manager showFullScreen() alone leaves the default size.
    if (const auto* screen = window.screen())
        window.setGeometry(screen->geometry());
    window.showFullScreen();
}

} // namespace

int main(int argc, char** argv)
{
    const auto parsed = kiosk::app::parseCommandLine(argc, argv);
    if (const auto* early = std::get_if<kiosk::app::EarlyExit>(&parsed))
        return early->code;
    const auto& options = std::get<kiosk::app::Options>(parsed);

    // Configuration and catalog first: a bad one is reported even where no display exists.
    auto runtime = kiosk::app::Runtime::load(options.configFile);
    if (!runtime) {
        std::cerr << "kiosk: " << runtime.error().message << "\n";
        return kiosk::app::exitRefused;
    }
    (*runtime)->openDevices();
    (*runtime)->startUplink();

    preferOffscreenForScreenshots(options);
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("kiosk");
    if (!kiosk::ui::useChineseFont())
        base::log::warning(
            "app", std::string("font \"") + kiosk::ui::chineseFontFamily +
                       "\" not found (install fonts-wqy-microhei); Chinese may render poorly");

    // The screens show the catalog in service; a newer one installed meanwhile (sync,
    // sync_catalog or kioskctl catalog install) is switched in by the CatalogSwitcher below
    // when nobody is being served.
    auto& catalogs = (*runtime)->catalogs();
    kiosk::ui::CatalogViewModel catalogViewModel;
    catalogViewModel.follow(catalogs);
    kiosk::app::UiBridge bridge;
    // The staff marker of a held queue (401/403): the sync thread's state, queued to this one.
    kiosk::ui::UplinkStatus uplinkStatus;
    const kiosk::app::UplinkAlarm uplinkAlarm((*runtime)->syncLoop(), uplinkStatus);

    // Declared after what it shows, so the engine (and every binding) goes first.
    QQmlApplicationEngine engine;
    engine.addImportPath("qrc:/qt/qml");
    engine.setInitialProperties({{"catalog", QVariant::fromValue(&catalogViewModel)},
                                 {"uplink", QVariant::fromValue(&uplinkStatus)}});
    engine.load(QUrl(QString::fromLatin1(mainQml)));
    auto* window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr) {
        base::log::error("app", "cannot load the UI from " + std::string(mainQml));
        return EXIT_FAILURE;
    }
    if (!bridge.attach(window))
        base::log::error("app", "Main.qml lacks the startRequested/helpRequested signals");

    // A catalog installed with kioskctl (the watch's worker) or fetched by the catalog sync
    // arrives prepared; it is switched in on this thread only while the home screen is shown,
    // so a citizen mid-session never sees the items change.
    kiosk::app::CatalogSwitcher catalogSwitch(
        catalogs, [window] { return window->property("atHome").toBool(); });
    QQmlProperty(window, "atHome").connectNotifySignal(&catalogSwitch, SLOT(switchIfAtHome()));
    (*runtime)->startCatalogWatch();

    showWindow(*window, options);
    if (options.screenshot)
        kiosk::app::saveFirstFrameAndQuit(*window,
                                          QString::fromStdString(options.screenshot->string()));
    return QGuiApplication::exec();
}
