// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/out_of_service.h"

#include "base/log.h"
#include "kiosk/app/screenshot.h"
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
    engine.addImportPath("qrc:/qt/qml");
    engine.setInitialProperties({{"kioskId", kioskIdFrom(options.configFile)}});
    engine.load(QUrl(QString::fromLatin1(outOfServiceQml)));
    auto* window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr) {
        base::log::error("app/out-of-service", "cannot load " + std::string(outOfServiceQml));
        return EXIT_FAILURE;
    }
    if (options.size) {
        window->resize(options.size->width, options.size->height);
        window->show();
    } else {
        if (const auto* screen = window->screen())
            window->setGeometry(screen->geometry());
        window->showFullScreen();
    }
    if (options.screenshot)
        saveFirstFrameAndQuit(*window, QString::fromStdString(options.screenshot->string()));
    return QGuiApplication::exec();
}

} // namespace kiosk::app
