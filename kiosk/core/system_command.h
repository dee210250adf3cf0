// SPDX-License-Identifier: Apache-2.0
// The seam through which the kiosk runs a system program (rauc): a function from an argument
// vector to its exit status and output. The real one spawns the program found on PATH; tests
// put a fake program first in PATH, or pass a function of their own.
#pragma once

#include "base/result.h"

#include <functional>
#include <string>
#include <vector>

namespace kiosk::core {

/// How a program ended: its exit status (128 + the signal when killed) and what it printed on
/// stdout and stderr together, at most the first `maxCommandOutput` bytes.
struct CommandOutput {
    int exitCode = 0;
    std::string output;
};

inline constexpr std::size_t maxCommandOutput = 1024 * 1024;

/// Runs argv (argv[0] looked up on PATH) and waits for it. An error only when the program
/// could not be started (errc::not_found when it is not installed); a non-zero exit status
/// is an outcome, not an error.
using SystemCommand = std::function<base::Result<CommandOutput>(const std::vector<std::string>&)>;

/// The real SystemCommand: posix_spawnp with stdin from /dev/null, stdout and stderr into one
/// pipe. Thread-safe; blocks the calling thread until the program exits.
[[nodiscard]] base::Result<CommandOutput> runProgram(const std::vector<std::string>& argv);

/// The last non-empty line of a program's output, at most 200 bytes (for an error message).
[[nodiscard]] std::string lastLine(const std::string& output);

} // namespace kiosk::core
