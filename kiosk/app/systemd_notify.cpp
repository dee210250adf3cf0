// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/systemd_notify.h"

#include "base/log.h"

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include <cstdint>

namespace kiosk::app {

namespace {

/// systemd's watchdog interval for this process, zero when none (sd_watchdog_enabled also
/// checks WATCHDOG_PID, so a child started with the service's environment does not ping).
std::chrono::microseconds watchdogInterval()
{
#ifdef KIOSK_HAVE_SYSTEMD
    std::uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0)
        return std::chrono::microseconds(usec);
#endif
    return std::chrono::microseconds(0);
}

void notify([[maybe_unused]] const char* state)
{
#ifdef KIOSK_HAVE_SYSTEMD
    if (sd_notify(0, state) < 0)
        base::log::warning("app", "cannot notify systemd");
#endif
}

} // namespace

SystemdNotifier::SystemdNotifier(QObject* parent) : QObject(parent)
{
    const auto interval = pingInterval();
    if (interval.count() == 0)
        return;
    // Half the watchdog period: one late ping (a busy frame) does not trip it.
    timer_.setInterval(interval);
    connect(&timer_, &QTimer::timeout, this, &SystemdNotifier::ping);
    timer_.start();
}

void SystemdNotifier::ready()
{
    notify("READY=1\nSTATUS=kiosk UI up");
}

void SystemdNotifier::ping()
{
    notify("WATCHDOG=1");
}

std::chrono::milliseconds SystemdNotifier::pingInterval() const
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(watchdogInterval() / 2);
}

} // namespace kiosk::app
