// SPDX-License-Identifier: Apache-2.0
// startup_floor: what Qt itself costs to show a first frame, the baseline for
// `kiosk --measure-startup` (tests/bench/startup.sh runs both side by side). It prints the
// same JSON line as the kiosk, measured the same way, once its first frame has rendered.
#include "base/process_stats.h"

#include <QFont>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setFont(QFont("WenQuanYi Micro Hei"));
    QQmlApplicationEngine engine;
    engine.load(QUrl("qrc:/qt/qml/StartupFloor/Floor.qml"));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr)
        return 1;
    QObject::connect(
        window, &QQuickWindow::afterRendering, window,
        [] {
            std::printf("%s\n", base::process::startupReport().c_str());
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, [] { QCoreApplication::exit(0); });
        },
        static_cast<Qt::ConnectionType>(Qt::DirectConnection | Qt::SingleShotConnection));
    return QGuiApplication::exec();
}
