// SPDX-License-Identifier: Apache-2.0
#include "kiosk/ctl/output.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace kiosk::ctl {

int printError(const base::Error& error, bool json, int exitCode)
{
    if (json) {
        // "category:value" (e.g. "hal:1" = no_device) is stable for scripts; the message is for
        // people.
        const std::string code =
            std::string(error.code.category().name()) + ":" + std::to_string(error.code.value());
        std::cout << nlohmann::json{{"error", {{"code", code}, {"message", error.message}}}}.dump()
                  << "\n";
    } else {
        std::cerr << "kioskctl: " << error.message << "\n";
    }
    return exitCode;
}

void printJson(const nlohmann::json& document)
{
    // Replace invalid UTF-8 rather than throw: a damaged record must not hide the others.
    std::cout << document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

bool stderrIsTerminal()
{
    return isatty(STDERR_FILENO) != 0;
}

void drawProgress(const std::string& label, long done, long total)
{
    if (!stderrIsTerminal() || total <= 0)
        return;
    constexpr int width = 30;
    const long filled = std::min<long>(width, done * width / total);
    std::fprintf(stderr, "\r%s [%s%s] %ld/%ld", label.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total);
    if (done >= total)
        std::fprintf(stderr, "\n");
    std::fflush(stderr);
}

} // namespace kiosk::ctl
