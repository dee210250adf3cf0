// SPDX-License-Identifier: Apache-2.0
#include "hal/device_manager.h"

#include "base/log.h"

#include <algorithm>

namespace hal {

namespace {
constexpr std::string_view deviceManagerLog = "hal";

std::string describe(const Device& device)
{
    const auto status = device.status();
    return std::string(toString(status.deviceClass)) + " (" + status.backend + ")";
}
} // namespace

DeviceManager::DeviceManager(DeviceSet devices, DeviceManagerOptions options)
    : devices_(std::move(devices)), options_(options), retrier_({"hal/retry"}, *options.clock)
{
    for (Device* device : all())
        connections_.push_back(device->statusChanged.connect(
            [this](const DeviceStatus& status) { deviceStatusChanged.publish(status); }));
}

DeviceManager::~DeviceManager()
{
    stopRetrying(); // before the connections go: the retry thread's open() emits through them
    connections_.clear();
    closeAll();
}

std::vector<Device*> DeviceManager::all() const
{
    std::vector<Device*> devices;
    for (Device* device : std::initializer_list<Device*>{
             devices_.cardReader.get(), devices_.codeScanner.get(), devices_.receiptPrinter.get(),
             devices_.reviewTablet.get(), devices_.documentCamera.get()})
        if (device != nullptr)
            devices.push_back(device);
    return devices;
}

std::vector<base::Error> DeviceManager::openAll()
{
    stopRetrying(); // never two open() calls on one device at once
    std::vector<base::Error> errors;
    std::vector<Device*> unopened;
    for (Device* device : all())
        if (auto opened = device->open(); !opened) {
            errors.push_back(
                opened.error().withContext(std::string(toString(device->deviceClass()))));
            unopened.push_back(device);
        }
    if (!unopened.empty()) {
        {
            std::lock_guard lock(retryMutex_);
            unopened_ = std::move(unopened);
        }
        retrier_.start([this](std::stop_token stop) { return retryUnopened(std::move(stop)); },
                       options_.retryInterval);
    }
    return errors;
}

void DeviceManager::closeAll()
{
    stopRetrying();
    for (Device* device : all())
        device->close();
}

std::chrono::milliseconds DeviceManager::retryUnopened(std::stop_token stop)
{
    std::vector<Device*> waiting;
    {
        std::lock_guard lock(retryMutex_);
        waiting = unopened_;
    }
    for (Device* device : waiting) {
        if (stop.stop_requested())
            break;
        // open() may block on the device (a handshake); no lock is held meanwhile.
        if (!device->open())
            continue;
        base::log::info(deviceManagerLog, describe(*device) + " is connected now and open");
        std::lock_guard lock(retryMutex_);
        std::erase(unopened_, device);
    }
    std::lock_guard lock(retryMutex_);
    return unopened_.empty() ? base::Worker::idle : options_.retryInterval;
}

void DeviceManager::stopRetrying()
{
    retrier_.stop();
    std::lock_guard lock(retryMutex_);
    unopened_.clear();
}

std::vector<DeviceStatus> DeviceManager::statuses() const
{
    std::vector<DeviceStatus> result;
    for (const Device* device : all())
        result.push_back(device->status());
    return result;
}

bool DeviceManager::allReady() const
{
    for (const Device* device : all()) {
        const auto state = device->status().state;
        if (state != DeviceState::Ready && state != DeviceState::Busy)
            return false;
    }
    return true;
}

} // namespace hal
