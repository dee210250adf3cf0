// SPDX-License-Identifier: Apache-2.0
// The uplink's settings, taken from the [kiosk] and [platform] sections of the configuration.
#pragma once

#include "kiosk/core/config.h"
#include "kiosk/core/version.h"
#include "offline_queue/uplink.h"

namespace kiosk::core {

[[nodiscard]] inline queue::UplinkOptions uplinkOptions(const Config& config)
{
    queue::UplinkOptions options;
    options.baseUrl = config.platform.url;
    options.kioskId = config.kiosk.id;
    options.userAgent = std::string(userAgent());
    options.caFile = config.platform.caFile;
    options.certFile = config.platform.certFile;
    options.keyFile = config.platform.keyFile;
    options.allowInsecureLoopback = config.platform.allowInsecureLoopback;
    return options;
}

} // namespace kiosk::core
