// SPDX-License-Identifier: Apache-2.0
// kioskctl provision FILE [--replace]: a kiosk's identity and secrets from a provisioning file
// (kiosk/core/provisioning.h; the format is in README, "Technicians", and image/README.md).
#include "kiosk/core/config.h"
#include "kiosk/core/provisioning.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace kiosk::ctl {

namespace {

struct ProvisionOptions {
    std::string config = core::defaultConfigPath().string();
    std::string file;
    bool replace = false;
    bool json = false;
};

nlohmann::json toJson(const core::ProvisionReport& report)
{
    nlohmann::json written = nlohmann::json::array();
    for (const auto& path : report.written)
        written.push_back(path.string());
    return {{"kioskId", report.kioskId},
            {"platformUrl", report.platformUrl},
            {"certificate", {{"subject", report.certSubject}, {"notAfter", report.certNotAfter}}},
            {"replaced", report.previousKioskId.empty() ? nlohmann::json(nullptr)
                                                        : nlohmann::json(report.previousKioskId)},
            {"queueKeyChanged", report.queueKeyChanged},
            {"written", written},
            {"sourceWiped", report.sourceWiped},
            {"wipeProblem", report.wipeProblem}};
}

void printText(const core::ProvisionReport& report, const std::string& source)
{
    std::cout << "provisioned kiosk " << report.kioskId << " for " << report.platformUrl << "\n"
              << "client certificate: " << report.certSubject << ", valid until "
              << report.certNotAfter << "\n";
    if (!report.previousKioskId.empty())
        std::cout << "replaced the provisioning of kiosk " << report.previousKioskId << "\n";
    if (report.queueKeyChanged)
        std::cout << "warning: the queue key changed; records queued under the old key can no "
                     "longer be opened\n";
    for (const auto& path : report.written)
        std::cout << "wrote " << path.string() << "\n";
    if (report.sourceWiped)
        std::cout << "wiped " << source << " (overwritten with zeros and removed)\n";
    else
        std::cout << "warning: " << source << " was NOT wiped: " << report.wipeProblem << "\n";
}

int runProvision(const ProvisionOptions& options)
{
    auto report =
        core::provision(options.file, {.configFile = options.config, .replace = options.replace});
    if (!report) {
        const bool config =
            report.error().code == make_error_code(core::ProvisioningErrc::no_configuration);
        return printError(report.error(), options.json, config ? BadUsage : Failed);
    }
    if (options.json)
        printJson(toJson(*report));
    else
        printText(*report, options.file);
    return Ok;
}

} // namespace

void addProvisionCommand(CLI::App& app, int& exitCode)
{
    auto options = std::make_shared<ProvisionOptions>();
    auto* command = app.add_subcommand(
        "provision", "import a provisioning file (kiosk id, platform, certificates, keys); the "
                     "file is validated completely first and wiped afterwards");
    command->add_option("FILE", options->file, "the provisioning file (TOML, format 1)")
        ->required();
    command->add_option("--config", options->config, "the configuration to complete")
        ->capture_default_str();
    command->add_flag("--replace", options->replace,
                      "provision a kiosk that is provisioned already (a technician's decision)");
    command->add_flag("--json", options->json, "answer in JSON");
    command->callback([options, &exitCode] { exitCode = runProvision(*options); });
}

} // namespace kiosk::ctl
