// SPDX-License-Identifier: Apache-2.0
// hal::Device: the lifecycle and status every device class shares; drivers fill in hooks.
#pragma once

#include "base/result.h"
#include "base/signal.h"
#include "hal/device_status.h"
#include "hal/errc.h"

#include <cstdint>
#include <deque>
#include <mutex>

namespace hal {

/// Base of every device class. The public, non-virtual methods own the state machine
/// (Closed -> Ready <-> Busy, Disconnected, Fault); drivers implement the protected hooks.
/// While the device is disconnected, every operation returns errc::no_device; that includes
/// a device whose open() found no hardware (it waits, Disconnected, until opened again).
/// All methods are thread-safe.
class Device {
public:
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;
    virtual ~Device() = default;

    /// Opens the device. Opening an open device does nothing. If the hook fails with
    /// errc::no_device the device is Disconnected ("not connected: ..."), else Fault.
    /// Call open() and close() from one thread at a time.
    [[nodiscard]] base::Result<void> open();
    /// Closes it (a device waiting after a failed open() too); operations then return
    /// errc::not_open until open() again.
    void close();

    [[nodiscard]] DeviceStatus status() const;
    [[nodiscard]] DeviceClass deviceClass() const;

    /// Emitted on every state or health change, in the order of the changes, from the thread
    /// that caused it (the caller of open()/close(), an operation, or the driver's hot-plug
    /// thread), or from a thread that is delivering an earlier change of this device.
    base::Signal<const DeviceStatus&> statusChanged;

protected:
    Device(DeviceClass deviceClass, std::string backend, std::string model);

    virtual base::Result<void> openImpl() = 0;
    virtual void closeImpl() = 0;

    /// Runs one operation under the lifecycle: refuses unless Ready, marks Busy, counts the
    /// outcome and goes back to Ready. `Op` returns a base::Result.
    template <class Op> auto runOperation(Op&& op) -> decltype(op())
    {
        if (auto ready = beginOperation(); !ready)
            return base::fail(ready.error());
        auto result = op();
        endOperation(result.has_value() ? std::error_code{} : result.error().code);
        return result;
    }

    /// For drivers: the device went away / came back / reports a fault / recovered.
    void reportDisconnected(std::string detail);
    void reportReconnected();
    void reportFault(std::string detail);
    void reportRecovered();
    /// A working (Ready or Busy) device's health changed without its state: a printer low on
    /// paper is Degraded, one out of paper Fault, while still connected. Ignored otherwise.
    void reportHealth(Health health, std::string detail);
    void setModel(std::string model);

private:
    base::Result<void> beginOperation();
    void endOperation(std::error_code error);
    void changeState(DeviceState state, Health health, std::string detail,
                     std::unique_lock<std::mutex>& lock);

    mutable std::mutex mutex_;
    DeviceStatus status_;
    bool open_ = false;
    /// Counts reportDisconnected() calls, so open() sees one made while the hook ran.
    std::uint64_t disconnectReports_ = 0;
    /// Changes not yet delivered, and whether a thread is delivering them: one thread at a
    /// time delivers, in order, so a slot never sees an older status after a newer one.
    std::deque<DeviceStatus> undelivered_;
    bool delivering_ = false;
};

} // namespace hal
