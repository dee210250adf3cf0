// SPDX-License-Identifier: Apache-2.0
// kioskctl's subcommands; each adds itself to the CLI and stores its exit code when run.
#pragma once

#include "kiosk/ctl/output.h"

namespace CLI {
class App;
}

namespace kiosk::ctl {

void addStatusCommand(CLI::App& app, int& exitCode);   ///< status
void addQueueCommand(CLI::App& app, int& exitCode);    ///< queue list|show|retry|drain ...
void addSimulateCommand(CLI::App& app, int& exitCode); ///< simulate --sessions N
void addIdcardCommand(CLI::App& app, int& exitCode);   ///< idcard read|decode|status
void addScanCommand(CLI::App& app, int& exitCode);     ///< scan --device SPEC
void addTabletCommand(CLI::App& app, int& exitCode);   ///< tablet test|status
void addPrintCommand(CLI::App& app, int& exitCode);    ///< print test|status|pdf
void addAuditCommand(CLI::App& app, int& exitCode);    ///< audit verify|show
void addCameraCommand(CLI::App& app, int& exitCode);   ///< camera capture --out FILE
/// provision FILE [--replace] [--catalog ENVELOPE] [--json]
void addProvisionCommand(CLI::App& app, int& exitCode);
void addFleetCommand(CLI::App& app, int& exitCode); ///< fleet status|command (MQTT)
void addCatalogCommand(CLI::App& app,
                       int& exitCode); ///< catalog verify|show|search|install|sign|diff

} // namespace kiosk::ctl
