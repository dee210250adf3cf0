// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/screenshot.h"

#include "base/log.h"

#include <QCoreApplication>
#include <QImage>
#include <QQuickWindow>
#include <QTimer>

namespace kiosk::app {

namespace {

constexpr int settleMs = 300; // lets late bindings and the first clock tick land
constexpr int screenshotFrameWaitMs = 10000;

void grabAndQuit(QQuickWindow& window, const QString& path)
{
    const QImage frame = window.grabWindow();
    const bool saved = !frame.isNull() && frame.save(path, "PNG");
    if (saved)
        base::log::info("app", "screenshot saved to " + path.toStdString());
    else
        base::log::error("app", "cannot save the screenshot to " + path.toStdString());
    QCoreApplication::exit(saved ? 0 : 1);
}

} // namespace

void saveFirstFrameAndQuit(QQuickWindow& window, const QString& path)
{
    auto* timer = new QTimer(&window);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, &window,
                     [&window, path] { grabAndQuit(window, path); });
    QObject::connect(
        &window, &QQuickWindow::frameSwapped, timer, [timer] { timer->start(settleMs); },
        Qt::SingleShotConnection);
    // Some platforms never swap a frame for an unexposed window; grab whatever there is.
    timer->start(screenshotFrameWaitMs);
}

} // namespace kiosk::app
