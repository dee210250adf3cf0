// SPDX-License-Identifier: Apache-2.0
#include "hal/device.h"

namespace hal {

namespace {
class HalCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "hal"; }
    std::string message(int value) const override
    {
        switch (static_cast<errc>(value)) {
        case errc::no_device:
            return "device not connected";
        case errc::not_open:
            return "device not open";
        case errc::busy:
            return "device busy";
        case errc::timeout:
            return "device did not answer in time";
        case errc::device_fault:
            return "device fault";
        case errc::protocol:
            return "protocol error";
        case errc::media:
            return "media problem";
        case errc::cancelled:
            return "cancelled";
        case errc::unsupported:
            return "not supported by this device";
        }
        return "unknown device error";
    }
};
} // namespace

const std::error_category& category()
{
    static const HalCategory instance;
    return instance;
}

std::string_view toString(DeviceClass value)
{
    switch (value) {
    case DeviceClass::CardReader:
        return "card_reader";
    case DeviceClass::CodeScanner:
        return "code_scanner";
    case DeviceClass::ReceiptPrinter:
        return "receipt_printer";
    case DeviceClass::ReviewTablet:
        return "review_tablet";
    case DeviceClass::DocumentCamera:
        return "document_camera";
    }
    return "unknown";
}

std::string_view toString(DeviceState value)
{
    switch (value) {
    case DeviceState::Closed:
        return "closed";
    case DeviceState::Ready:
        return "ready";
    case DeviceState::Busy:
        return "busy";
    case DeviceState::Disconnected:
        return "disconnected";
    case DeviceState::Fault:
        return "fault";
    }
    return "unknown";
}

std::string_view toString(Health value)
{
    switch (value) {
    case Health::Ok:
        return "ok";
    case Health::Degraded:
        return "degraded";
    case Health::Fault:
        return "fault";
    }
    return "unknown";
}

Device::Device(DeviceClass deviceClass, std::string backend, std::string model)
{
    status_.deviceClass = deviceClass;
    status_.backend = std::move(backend);
    status_.model = std::move(model);
}

base::Result<void> Device::open()
{
    std::unique_lock lock(mutex_);
    if (open_)
        return {};
    // The hook may block on I/O; it runs without the lock so status() stays answerable.
    const auto disconnectReports = disconnectReports_;
    lock.unlock();
    auto opened = openImpl();
    lock.lock();
    if (!opened) {
        // Absent is not broken: the device waits, Disconnected, until it is plugged in and
        // opened again (DeviceManager retries it).
        if (opened.error().code == errc::no_device)
            changeState(DeviceState::Disconnected, Health::Fault,
                        "not connected: " + opened.error().message, lock);
        else
            changeState(DeviceState::Fault, Health::Fault, opened.error().message, lock);
        return opened;
    }
    open_ = true;
    // A driver may have seen the device go away while opening; keep that state.
    if (status_.state != DeviceState::Disconnected || disconnectReports_ == disconnectReports)
        changeState(DeviceState::Ready, Health::Ok, "", lock);
    return {};
}

void Device::close()
{
    std::unique_lock lock(mutex_);
    if (!open_) {
        // A device that was absent at open() stops waiting for its hardware.
        if (status_.state == DeviceState::Disconnected)
            changeState(DeviceState::Closed, status_.health, "", lock);
        return;
    }
    open_ = false;
    lock.unlock();
    closeImpl();
    lock.lock();
    changeState(DeviceState::Closed, status_.health, "", lock);
}

DeviceStatus Device::status() const
{
    std::lock_guard lock(mutex_);
    return status_;
}

DeviceClass Device::deviceClass() const
{
    std::lock_guard lock(mutex_);
    return status_.deviceClass;
}

base::Result<void> Device::beginOperation()
{
    std::unique_lock lock(mutex_);
    // Disconnected while not open: open() found no device; that is what the caller hears.
    if (!open_ && status_.state != DeviceState::Disconnected)
        return base::fail(errc::not_open,
                          std::string(toString(status_.deviceClass)) + " is not open");
    switch (status_.state) {
    case DeviceState::Ready:
        changeState(DeviceState::Busy, status_.health, status_.detail, lock);
        return {};
    case DeviceState::Busy:
        return base::fail(errc::busy, std::string(toString(status_.deviceClass)) + " is busy");
    case DeviceState::Disconnected:
        return base::fail(errc::no_device,
                          std::string(toString(status_.deviceClass)) + " is not connected");
    case DeviceState::Fault:
        return base::fail(errc::device_fault,
                          std::string(toString(status_.deviceClass)) + ": " + status_.detail);
    case DeviceState::Closed:
        break;
    }
    return base::fail(errc::not_open, std::string(toString(status_.deviceClass)) + " is not open");
}

void Device::endOperation(std::error_code error)
{
    std::unique_lock lock(mutex_);
    if (error)
        ++status_.counters.failures;
    else
        ++status_.counters.operations;
    // A disconnect or fault reported during the operation wins over "back to ready".
    if (status_.state == DeviceState::Busy)
        changeState(open_ ? DeviceState::Ready : DeviceState::Closed, status_.health,
                    status_.detail, lock);
}

void Device::reportDisconnected(std::string detail)
{
    std::unique_lock lock(mutex_);
    ++disconnectReports_;
    if (status_.state == DeviceState::Disconnected)
        return;
    ++status_.counters.disconnects;
    changeState(DeviceState::Disconnected, Health::Fault, std::move(detail), lock);
}

void Device::reportReconnected()
{
    std::unique_lock lock(mutex_);
    if (status_.state != DeviceState::Disconnected)
        return;
    ++status_.counters.reconnects;
    changeState(open_ ? DeviceState::Ready : DeviceState::Closed, Health::Ok, "", lock);
}

void Device::reportFault(std::string detail)
{
    std::unique_lock lock(mutex_);
    changeState(DeviceState::Fault, Health::Fault, std::move(detail), lock);
}

void Device::reportRecovered()
{
    std::unique_lock lock(mutex_);
    if (status_.state != DeviceState::Fault)
        return;
    changeState(open_ ? DeviceState::Ready : DeviceState::Closed, Health::Ok, "", lock);
}

void Device::reportHealth(Health health, std::string detail)
{
    std::unique_lock lock(mutex_);
    if (status_.state != DeviceState::Ready && status_.state != DeviceState::Busy)
        return; // a disconnect or fault says more than the health of a working device
    changeState(status_.state, health, std::move(detail), lock);
}

void Device::setModel(std::string model)
{
    std::lock_guard lock(mutex_);
    status_.model = std::move(model);
}

void Device::changeState(DeviceState state, Health health, std::string detail,
                         std::unique_lock<std::mutex>& lock)
{
    const bool changed =
        status_.state != state || status_.health != health || status_.detail != detail;
    status_.state = state;
    status_.health = health;
    status_.detail = std::move(detail);
    if (!changed)
        return;
    undelivered_.push_back(status_);
    if (delivering_)
        return; // the thread delivering now delivers this one after the earlier ones
    delivering_ = true;
    while (!undelivered_.empty()) {
        const DeviceStatus next = std::move(undelivered_.front());
        undelivered_.pop_front();
        // Slots run without the lock, so they may call status() or even operations.
        lock.unlock();
        statusChanged.publish(next);
        lock.lock();
    }
    delivering_ = false;
}

} // namespace hal
