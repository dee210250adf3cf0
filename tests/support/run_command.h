// SPDX-License-Identifier: Apache-2.0
// Runs a command line through the shell and keeps its exit status and output: how the kioskctl
// tests run the real program.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace kiosk::test {

struct CommandOutcome {
    int exitCode = -1; ///< -1 when it could not start or did not exit normally
    std::string out;   ///< stdout, and stderr too when asked for
};

/// `command` through popen; its stderr is dropped unless `withStderr`.
inline CommandOutcome runCommand(const std::string& command, bool withStderr = false)
{
    CommandOutcome result;
    FILE* pipe = popen((command + (withStderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    if (pipe == nullptr)
        return result;
    std::array<char, 4096> buffer{};
    while (const auto n = fread(buffer.data(), 1, buffer.size(), pipe))
        result.out.append(buffer.data(), n);
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace kiosk::test
