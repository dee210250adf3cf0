// SPDX-License-Identifier: Apache-2.0
// kioskctl status: configuration, catalog, queue and devices at a glance.
#include "drivers/registry.h"
#include "kiosk/core/config.h"
#include "kiosk/core/version.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/kiosk_files.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace kiosk::ctl {

namespace {

struct StatusOptions {
    std::string config = core::defaultConfigPath().string();
    bool json = false;
};

nlohmann::json deviceJson(const hal::DeviceStatus& status)
{
    return {{"class", hal::toString(status.deviceClass)},
            {"backend", status.backend},
            {"model", status.model},
            {"state", hal::toString(status.state)},
            {"health", hal::toString(status.health)},
            {"detail", status.detail}};
}

/// Opens the configured devices directly (no kiosk is asked yet: the control socket comes
/// later) and reports each one's state.
nlohmann::json deviceReport(const core::Config& config)
{
    auto created = drivers::createDevices(deviceSpecs(config));
    hal::DeviceManager manager(std::move(created.devices));
    (void)manager.openAll(); // failures show in each device's state and detail
    nlohmann::json list = nlohmann::json::array();
    for (const auto& status : manager.statuses())
        list.push_back(deviceJson(status));
    for (const auto& error : created.errors) // a class whose spec this build cannot serve
        list.push_back({{"error", error.message}});
    return list;
}

int runStatus(const StatusOptions& options)
{
    auto config = core::loadConfig(options.config);
    if (!config)
        return printError(config.error(), options.json, BadUsage);

    nlohmann::json report{{"version", core::softwareVersion()},
                          {"kioskId", config->kiosk.id},
                          {"platform", config->platform.url}};
    report["catalog"] = catalogReport(*config);
    report["queue"] = queueReport(*config);
    report["devices"] = deviceReport(*config);

    if (options.json) {
        printJson(report);
        return Ok;
    }
    std::cout << "kioskctl " << core::softwareVersion() << "  kiosk " << config->kiosk.id << "\n"
              << "platform  " << config->platform.url << "\n"
              << "catalog   " << report["catalog"].dump() << "\n"
              << "queue     " << report["queue"].dump() << "\n";
    for (const auto& device : report["devices"])
        std::cout << "device    " << device.dump() << "\n";
    return Ok;
}

} // namespace

void addStatusCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<StatusOptions>();
    auto* command =
        app.add_subcommand("status", "Show configuration, catalog, queue and device state");
    command->add_option("--config", options->config, "Configuration file")->capture_default_str();
    command->add_flag("--json", options->json, "Print JSON");
    command->callback([options, &exitCode] { exitCode = runStatus(*options); });
}

} // namespace kiosk::ctl
