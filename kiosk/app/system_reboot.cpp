// SPDX-License-Identifier: Apache-2.0
#include "kiosk/app/system_reboot.h"

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-bus.h>

#include <cstring>
#endif

#include <string>

namespace kiosk::app {

#ifdef KIOSK_HAVE_SYSTEMD
base::Result<void> rebootThroughLogind()
{
    sd_bus* bus = nullptr;
    if (const int r = sd_bus_open_system(&bus); r < 0)
        return base::fail(base::errc::io,
                          std::string("reboot: cannot reach the system bus: ") + std::strerror(-r));
    sd_bus_error error = SD_BUS_ERROR_NULL;
    const int r = sd_bus_call_method(bus, "org.freedesktop.login1", "/org/freedesktop/login1",
                                     "org.freedesktop.login1.Manager", "Reboot", &error, nullptr,
                                     "b", 0 /* not interactive: nobody could answer a prompt */);
    std::string why =
        r < 0 ? std::string(error.message != nullptr ? error.message : std::strerror(-r))
              : std::string();
    sd_bus_error_free(&error);
    sd_bus_unref(bus);
    if (r < 0)
        return base::fail(base::errc::io, "reboot: logind refused: " + why);
    return {};
}
#else
base::Result<void> rebootThroughLogind()
{
    return base::fail(base::errc::unsupported, "reboot: this build has no libsystemd");
}
#endif

} // namespace kiosk::app
