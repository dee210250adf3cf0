// SPDX-License-Identifier: Apache-2.0
// One status vocabulary for every device class: class, state, health and counters.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hal {

enum class DeviceClass { CardReader, CodeScanner, ReceiptPrinter, ReviewTablet, DocumentCamera };

/// The lifecycle, owned by hal::Device: Closed -> Ready <-> Busy; any -> Disconnected -> Ready
/// when the device comes back (Closed -> Disconnected when open() finds no device, until an
/// open() succeeds); Fault until the device recovers or is reopened.
enum class DeviceState { Closed, Ready, Busy, Disconnected, Fault };

/// How well the device works, independently of what it is doing now.
enum class Health { Ok, Degraded, Fault };

/// Monotonic counters since the device object was created.
struct DeviceCounters {
    std::uint64_t operations = 0;  ///< operations completed successfully
    std::uint64_t failures = 0;    ///< operations that returned an error
    std::uint64_t disconnects = 0; ///< times the device went away
    std::uint64_t reconnects = 0;  ///< times it came back

    bool operator==(const DeviceCounters&) const = default;
};

struct DeviceStatus {
    DeviceClass deviceClass = DeviceClass::CardReader;
    std::string backend; ///< "fake", "serial:/dev/ttyACM0", ... as configured
    std::string model;   ///< what the device says it is, or the backend's name
    DeviceState state = DeviceState::Closed;
    Health health = Health::Ok;
    std::string detail; ///< for technicians: what is wrong, in words (never personal data)
    DeviceCounters counters;
};

std::string_view toString(DeviceClass value);
std::string_view toString(DeviceState value);
std::string_view toString(Health value);

} // namespace hal
