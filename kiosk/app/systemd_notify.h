// SPDX-License-Identifier: Apache-2.0
// kiosk::app::SystemdNotifier: the kiosk's side of kiosk.service (Type=notify, WatchdogSec=):
// READY=1 once the UI is up and its services run, WATCHDOG=1 from the GUI thread's event loop.
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace kiosk::app {

/// Talks to systemd through $NOTIFY_SOCKET (sd_notify). Started outside systemd, or built
/// without libsystemd, every call does nothing. The watchdog pings come from a QTimer on the
/// thread that makes the notifier (the GUI thread): a hung GUI stops them, and systemd then
/// kills and restarts the kiosk. The pings start at construction, not at ready(), so a slow
/// start (the first frame under software rendering) is not mistaken for a hang.
class SystemdNotifier : public QObject {
public:
    explicit SystemdNotifier(QObject* parent = nullptr);

    /// Says READY=1 (with a STATUS= line); systemd then counts the service as started.
    void ready();
    /// One WATCHDOG=1 now (the timer calls it; public for the tests).
    void ping();
    /// The ping period: half of systemd's WATCHDOG_USEC, or zero when no watchdog is asked for.
    [[nodiscard]] std::chrono::milliseconds pingInterval() const;

private:
    QTimer timer_;
};

} // namespace kiosk::app
