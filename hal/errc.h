// SPDX-License-Identifier: Apache-2.0
// hal::errc: the error codes every device class shares (XFS4IoT/UnifiedPOS style).
#pragma once

#include <system_error>

namespace hal {

enum class errc {
    no_device = 1, ///< the device is unplugged or was never found
    not_open,      ///< open() has not been called (or close() was)
    busy,          ///< another operation is running on the device
    timeout,       ///< the device did not answer in time
    device_fault,  ///< the device reports a hardware fault
    protocol,      ///< the device answered something the protocol does not allow
    media,         ///< paper out, cover open, card unreadable: the citizen or technician must act
    cancelled,     ///< the operation was cancelled (session ended, device closed)
    unsupported,   ///< this backend cannot do that
};

const std::error_category& category();
inline std::error_code make_error_code(errc e)
{
    return {static_cast<int>(e), category()};
}

} // namespace hal

template <> struct std::is_error_code_enum<hal::errc> : std::true_type {
};
