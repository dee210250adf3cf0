// SPDX-License-Identifier: Apache-2.0
// The kiosk's start-up order: the home screen's first frame, then everything else; and
// kiosk --measure-startup, which reports how long that first frame took.
#pragma once

#include <functional>

class QQuickWindow;

namespace kiosk::app {

/// Runs `then` once on the GUI thread, after `window` has shown its first frame, or after a
/// second without one (a window that is never exposed must not keep the uplink from starting).
void afterFirstFrame(QQuickWindow& window, std::function<void()> then);

/// When `window` has rendered its first frame, prints base::process::startupReport()
/// ({"firstFrameMs":N,"rssKb":N}, timed from the start of the process) on stdout.
void reportFirstFrame(QQuickWindow& window);

} // namespace kiosk::app
