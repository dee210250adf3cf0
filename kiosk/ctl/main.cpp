// SPDX-License-Identifier: Apache-2.0
// kioskctl: the technicians' and administrators' command-line tool.
#include "kiosk/core/version.h"
#include "kiosk/ctl/commands.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv)
{
    CLI::App app{"kioskctl: diagnostics and administration of a self-service kiosk"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "kioskctl " + std::string(kiosk::core::softwareVersion()));

    int exitCode = 0;
    kiosk::ctl::addStatusCommand(app, exitCode);
    kiosk::ctl::addQueueCommand(app, exitCode);
    kiosk::ctl::addSimulateCommand(app, exitCode);
    kiosk::ctl::addIdcardCommand(app, exitCode);
    kiosk::ctl::addScanCommand(app, exitCode);
    kiosk::ctl::addTabletCommand(app, exitCode);
    kiosk::ctl::addCatalogCommand(app, exitCode);
    kiosk::ctl::addPrintCommand(app, exitCode);
    kiosk::ctl::addAuditCommand(app, exitCode);
    kiosk::ctl::addCameraCommand(app, exitCode);
    kiosk::ctl::addProvisionCommand(app, exitCode);
    kiosk::ctl::addFleetCommand(app, exitCode);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error);
        return code == 0 ? 0 : kiosk::ctl::BadUsage;
    }
    return exitCode;
}
