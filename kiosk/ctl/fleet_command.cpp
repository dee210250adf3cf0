// SPDX-License-Identifier: Apache-2.0
// kioskctl fleet status|command: the administrators' view of the MQTT fleet (README, The fleet
// over MQTT): every kiosk's retained status and last heartbeat, and a command to one kiosk.
#include "base/json_reader.h"
#include "base/random.h"
#include "kiosk/core/fleet_admin.h"
#include "kiosk/ctl/commands.h"
#include "kiosk/ctl/fleet_publish.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace kiosk::ctl {

namespace {

struct FleetOptions {
    core::FleetAdminOptions admin;
    int timeoutS = 10;
    bool json = false;
    std::string kiosk;
    std::string type;
    std::string args = "{}";
    std::string id;
};

/// One line of the plain-text status: versions, queue, faults, audit anchor.
void printKiosk(const std::string& id, const core::FleetKioskState& kiosk)
{
    std::cout << id << "  " << (kiosk.status.empty() ? "?" : kiosk.status);
    if (!kiosk.heartbeat) {
        std::cout << "  no heartbeat" << (kiosk.heartbeatError.empty() ? "" : " (unreadable)")
                  << "\n";
        return;
    }
    const auto& beat = *kiosk.heartbeat;
    const auto queue = beat.value("queue", nlohmann::json::object());
    int faults = 0;
    for (const auto& device : beat.value("devices", nlohmann::json::array()))
        faults += device.is_object() && device.value("state", "") != "ready";
    std::cout << "  at " << beat.value("time", "?") << "  software "
              << beat.value("softwareVersion", "?") << "  catalog "
              << beat.value("catalogVersion", nlohmann::json(0)).dump() << "  queue "
              << queue.value("pending", nlohmann::json(0)).dump() << " pending, "
              << queue.value("deadLetter", nlohmann::json(0)).dump() << " dead, oldest "
              << queue.value("oldestPendingAgeS", nlohmann::json(0)).dump()
              << " s  devices not ready " << faults;
    if (const auto anchor = beat.find("auditAnchor"); anchor != beat.end())
        std::cout << "  audit " << anchor->dump();
    std::cout << "\n";
}

int runStatus(FleetOptions& options)
{
    options.admin.timeout = std::chrono::seconds(options.timeoutS);
    auto kiosks = core::readFleetStatus(options.admin);
    if (!kiosks)
        return printError(kiosks.error(), options.json);
    if (options.json) {
        printJson(core::fleetStatusJson(*kiosks));
        return Ok;
    }
    for (const auto& [id, kiosk] : *kiosks)
        printKiosk(id, kiosk);
    std::cout << kiosks->size() << " kiosks\n";
    return Ok;
}

int runCommand(FleetOptions& options)
{
    options.admin.timeout = std::chrono::seconds(options.timeoutS);
    const auto usage = [&](const std::string& message) {
        return printError(base::Error{make_error_code(base::errc::invalid_argument), message},
                          options.json, BadUsage);
    };
    auto args = base::json::parseObject(options.args);
    if (!args)
        return usage("ARGS: expected a JSON object: " + args.error().message);
    // The kiosk reads id and type as tokens: refuse here what it would refuse there.
    const nlohmann::json fields{{"type", options.type},
                                {"id", options.id.empty() ? base::makeUuidV4() : options.id}};
    const base::json::Reader reader(fields);
    auto type = reader.token("type", 64);
    auto id = reader.token("id");
    if (!type || !id)
        return usage(!type ? "TYPE: " + type.error().message : "--id: " + id.error().message);
    const core::RemoteCommand command{*id, *type, *args};
    if (auto sent = core::sendFleetCommand(options.admin, options.kiosk, command); !sent)
        return printError(sent.error(), options.json,
                          sent.error().code == base::errc::invalid_argument ? BadUsage : Failed);
    if (options.json)
        printJson({{"id", command.id}, {"kiosk", options.kiosk}, {"type", command.type}});
    else
        std::cout << "command " << command.id << " (" << command.type << ") queued for "
                  << options.kiosk << "\n";
    return Ok;
}

} // namespace

void addFleetCommand(CLI::App& app, int& exitCode)
{
    auto* fleet = app.add_subcommand(
        "fleet", "The fleet: status and commands over MQTT, catalogs to the platform");
    fleet->require_subcommand(1);
    auto options = std::make_shared<FleetOptions>();
    const auto common = [options](CLI::App* command) {
        command->add_option("--broker", options->admin.brokerUrl, "mqtts://HOST[:PORT]")
            ->required();
        command
            ->add_option("--prefix", options->admin.topicPrefix, "The kiosks' [fleet] topic_prefix")
            ->required();
        command->add_option("--ca", options->admin.caFile, "CA of the broker's certificate");
        command->add_option("--cert", options->admin.certFile,
                            "The administrator's client certificate");
        command->add_option("--key", options->admin.keyFile, "Its key");
        command->add_option("--timeout-s", options->timeoutS, "Give up after this long")
            ->capture_default_str()
            ->check(CLI::Range(1, 600));
        command->add_flag("--json", options->json, "Machine-readable output");
    };
    auto* status = fleet->add_subcommand(
        "status", "Every kiosk's status and last heartbeat, as retained on the broker");
    common(status);
    status->callback([options, &exitCode] { exitCode = runStatus(*options); });

    auto* command = fleet->add_subcommand("command", "Send a command to one kiosk (QoS 1)");
    common(command);
    command->add_option("KIOSK", options->kiosk, "The kiosk id")->required();
    command->add_option("TYPE", options->type, "sync_catalog, retry_dead_letters, reboot, ...")
        ->required();
    command->add_option("ARGS", options->args, "The command's args, a JSON object")
        ->capture_default_str();
    command->add_option("--id", options->id, "The command id (default: a new UUID)");
    command->callback([options, &exitCode] { exitCode = runCommand(*options); });
    addFleetPublishCommand(*fleet, exitCode);
}

} // namespace kiosk::ctl
