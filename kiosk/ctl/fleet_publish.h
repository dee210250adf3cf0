// SPDX-License-Identifier: Apache-2.0
// kioskctl fleet publish-catalog: checks a signed catalog envelope and hands it to the
// platform (POST /admin/catalog, which platform-sim implements), from where every kiosk fetches
// it over HTTP with ETag after a sync_catalog command.
#pragma once

namespace CLI {
class App;
}

namespace kiosk::ctl {

/// Adds `publish-catalog ENVELOPE --platform URL` to the `fleet` subcommand.
void addFleetPublishCommand(CLI::App& fleet, int& exitCode);

} // namespace kiosk::ctl
