// SPDX-License-Identifier: Apache-2.0
// How kioskctl answers: JSON for scripts (--json), plain text for people, errors for both.
#pragma once

#include "base/result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kiosk::ctl {

/// Exit codes: 0 ok, 1 the operation failed, 2 usage or configuration error, 3 done in part
/// (provision: the kiosk was provisioned, but the catalog given with it was not installed).
enum ExitCode : int { Ok = 0, Failed = 1, BadUsage = 2, PartlyDone = 3 };

/// Prints `{"error":{"code":...,"message":...}}` (with --json) or "kioskctl: message" on
/// stderr, and returns `exitCode`.
int printError(const base::Error& error, bool json, int exitCode = Failed);

/// Prints one JSON document on stdout.
void printJson(const nlohmann::json& document);

/// True when stderr is a terminal, so progress bars are worth drawing.
bool stderrIsTerminal();

/// Draws "label [#####.....] done/total" on stderr, overwriting the line (terminals only).
void drawProgress(const std::string& label, long done, long total);

} // namespace kiosk::ctl
