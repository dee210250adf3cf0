// SPDX-License-Identifier: Apache-2.0
#include "hal/device_manager.h"

namespace hal {

DeviceManager::DeviceManager(DeviceSet devices) : devices_(std::move(devices))
{
    for (Device* device : all())
        connections_.push_back(device->statusChanged.connect(
            [this](const DeviceStatus& status) { deviceStatusChanged.emit(status); }));
}

DeviceManager::~DeviceManager()
{
    connections_.clear();
    closeAll();
}

std::vector<Device*> DeviceManager::all() const
{
    std::vector<Device*> devices;
    for (Device* device :
         std::initializer_list<Device*>{devices_.cardReader.get(), devices_.codeScanner.get(),
                                        devices_.receiptPrinter.get(), devices_.reviewTablet.get()})
        if (device != nullptr)
            devices.push_back(device);
    return devices;
}

std::vector<base::Error> DeviceManager::openAll()
{
    std::vector<base::Error> errors;
    for (Device* device : all())
        if (auto opened = device->open(); !opened)
            errors.push_back(
                opened.error().withContext(std::string(toString(device->deviceClass()))));
    return errors;
}

void DeviceManager::closeAll()
{
    for (Device* device : all())
        device->close();
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
