// SPDX-License-Identifier: Apache-2.0
// kiosk --screenshot: save the window's first rendered frame as PNG, then quit.
#pragma once

#include <QString>

class QQuickWindow;

namespace kiosk::app {

/// After the window's first frame (plus a short settle for anything loaded late) the frame
/// is saved to `path` and the application exits with 0, or 1 if the file cannot be written.
void saveFirstFrameAndQuit(QQuickWindow& window, const QString& path);

} // namespace kiosk::app
