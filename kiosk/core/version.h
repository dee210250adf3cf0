// SPDX-License-Identifier: Apache-2.0
// The software version, from the CMake project version (sent in User-Agent and heartbeats).
#pragma once

#include <string_view>

namespace kiosk::core {

[[nodiscard]] constexpr std::string_view softwareVersion()
{
    return KIOSK_VERSION;
}

/// "kiosk/0.1.0", the User-Agent of every platform request.
[[nodiscard]] constexpr std::string_view userAgent()
{
    return "kiosk/" KIOSK_VERSION;
}

} // namespace kiosk::core
