// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/startup.h"

#include "base/process_stats.h"

#include <QQuickWindow>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace kiosk::app {

namespace {
constexpr int firstFrameWaitMs = 1000;
} // namespace

void afterFirstFrame(QQuickWindow& window, std::function<void()> then)
{
    // Whichever comes first runs `then`; the other finds it gone.
    auto pending = std::make_shared<std::function<void()>>(std::move(then));
    const auto runOnce = [pending] {
        if (auto next = std::exchange(*pending, nullptr))
            next();
    };
    // Queued: frameSwapped may come from the render thread, and the frame should reach the
    // screen before the services take the GUI thread for a moment.
    QObject::connect(
        &window, &QQuickWindow::frameSwapped, &window, runOnce,
        static_cast<Qt::ConnectionType>(Qt::QueuedConnection | Qt::SingleShotConnection));
    QTimer::singleShot(firstFrameWaitMs, &window, runOnce);
}

void reportFirstFrame(QQuickWindow& window)
{
    // afterRendering runs on the render thread where there is one: measure there, at once.
    QObject::connect(
        &window, &QQuickWindow::afterRendering, &window,
        [] {
            std::printf("%s\n", base::process::startupReport().c_str());
            std::fflush(stdout);
        },
        static_cast<Qt::ConnectionType>(Qt::DirectConnection | Qt::SingleShotConnection));
}

} // namespace kiosk::app
