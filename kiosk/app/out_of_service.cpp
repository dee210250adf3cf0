// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/out_of_service.h"

#include "base/log.h"
#include "kiosk/app/screenshot.h"
#include "kiosk/app/startup.h"
#include "kiosk/app/systemd_notify.h"
#include "kiosk/core/config.h"
#include "qml/fonts.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QScreen>

#include <cstdlib>

namespace kiosk::app {

namespace {
constexpr auto outOfServiceQml = "qrc:/qt/qml/Kiosk/Ui/OutOfService.qml";

QString kioskIdFrom(const std::filesystem::path& configFile)
{
    auto config = core::loadConfig(configFile);
    if (!config) {
        base::log::warning("app/out-of-service",
                           "configuration not read, the page shows no kiosk id: " +
                               config.error().describe());
        return {};
    }
    return QString::fromStdString(config->kiosk.id);
}

/// The page with these properties, or nullptr after saying why not.
QQuickWindow* loadPage(QQmlApplicationEngine& engine, const QVariantMap& properties)
{
    engine.addImportPath("qrc:/qt/qml");
    engine.setInitialProperties(properties);
    engine.load(QUrl(QString::fromLatin1(outOfServiceQml)));
    auto* window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr)
        base::log::error("app/out-of-service", "cannot load " + std::string(outOfServiceQml));
    return window;
}

void showPage(QQuickWindow& window, const Options& options)
{
    if (options.size) {
        window.resize(options.size->width, options.size->height);
        window.show();
    } else {
        if (const auto* screen = window.screen())
            window.setGeometry(screen->geometry());
        window.showFullScreen();
    }
    if (options.screenshot)
        saveFirstFrameAndQuit(window, QString::fromStdString(options.screenshot->string()));
}
} // namespace

int runOutOfService(int argc, char** argv, const Options& options)
{
    // A screenshot needs no display (tests): render offscreen as the other screenshots do.
    if (options.screenshot && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName("kiosk");
    (void)ui::useChineseFont();
    base::log::warning("app/out-of-service",
                       "showing the out-of-service page (the kiosk could not be kept running)");

    QQmlApplicationEngine engine;
    auto* window = loadPage(engine, {{"kioskId", kioskIdFrom(options.configFile)}});
    if (window == nullptr)
        return EXIT_FAILURE;
    showPage(*window, options);
    return QGuiApplication::exec();
}

int runNotProvisioned(const Options& options)
{
    base::log::warning("app", "this kiosk is not provisioned (kiosk id UNPROVISIONED in " +
                                  options.configFile.string() +
                                  "): it shows the not-provisioned page and takes no "
                                  "application; a technician provisions it from a USB stick "
                                  "or with kioskctl provision");
    QQmlApplicationEngine engine;
    auto* window = loadPage(engine, {{"notProvisioned", true}});
    if (window == nullptr)
        return EXIT_FAILURE;
    // kiosk.service is Type=notify with a watchdog: the page is its UI, so it says READY=1 and
    // pings like the kiosk does, or systemd would kill it and start it again and again.
    SystemdNotifier systemd;
    afterFirstFrame(*window, [&systemd, measure = options.measureStartup] {
        systemd.ready();
        if (measure)
            QCoreApplication::exit(0);
    });
    if (options.measureStartup)
        reportFirstFrame(*window);
    showPage(*window, options);
    return QGuiApplication::exec();
}

} // namespace kiosk::app
