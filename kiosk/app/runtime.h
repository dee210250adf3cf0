// SPDX-License-Identifier: Apache-2.0
// kiosk::app::Runtime: what the kiosk process owns besides its screens: config, catalog, devices.
#pragma once

#include "base/result.h"
#include "hal/device_manager.h"
#include "kiosk/core/catalog.h"
#include "kiosk/core/config.h"

#include <filesystem>
#include <memory>

namespace kiosk::app {

/// Built once by main() before any window exists. The UI's view-models borrow the catalog
/// and the devices from it; the offline queue, the uplink and the session join it here, so
/// everything the process owns has one owner and one shutdown order. Lives on the GUI thread.
class Runtime {
public:
    /// Loads and validates the configuration and the catalog in service. Either failing is
    /// returned (the message names the file, line and key), and the kiosk refuses to start:
    /// it never guesses a configuration or runs without a valid catalog.
    [[nodiscard]] static base::Result<std::unique_ptr<Runtime>>
    load(const std::filesystem::path& configFile);

    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;
    ~Runtime();

    /// Creates the configured devices and opens them. Failures are logged and not fatal: a
    /// kiosk with a broken printer can still show guides and take cases.
    void openDevices();

    [[nodiscard]] const core::Config& config() const { return config_; }
    [[nodiscard]] const core::Catalog& catalog() const { return catalog_; }
    /// The devices, or nullptr when the configured set could not be created.
    [[nodiscard]] hal::DeviceManager* devices() { return devices_.get(); }

private:
    Runtime(core::Config config, core::Catalog catalog);

    core::Config config_;
    core::Catalog catalog_;
    std::unique_ptr<hal::DeviceManager> devices_;
};

} // namespace kiosk::app
