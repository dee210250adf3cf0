// SPDX-License-Identifier: Apache-2.0
#include "base/heap_scrubbing.h"

#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace base {

namespace {

constexpr auto kVariable = "GLIBC_TUNABLES";

} // namespace

std::string tunablesWithHeapScrubbing(std::string_view existing)
{
    std::string tunables(existing);
    if (!tunables.empty())
        tunables += ':';
    tunables += kHeapScrubbingTunables;
    return tunables;
}

bool heapScrubbingActive()
{
    const char* tunables = std::getenv(kVariable);
    return tunables != nullptr &&
           std::string_view(tunables).find(kHeapScrubbingTunables) != std::string_view::npos;
}

Result<void> restartWithHeapScrubbing(char** argv)
{
    if (heapScrubbingActive())
        return {};
    const char* existing = std::getenv(kVariable);
    const auto tunables = tunablesWithHeapScrubbing(existing != nullptr ? existing : "");
    if (::setenv(kVariable, tunables.c_str(), 1) != 0)
        return fail(fromErrno("setenv GLIBC_TUNABLES", errno));
    ::execv("/proc/self/exe", argv);
    const int error = errno; // execv returns only on failure
    if (existing != nullptr)
        ::setenv(kVariable, existing, 1);
    else
        ::unsetenv(kVariable);
    return fail(fromErrno("restart with freed memory overwritten (execv /proc/self/exe)", error));
}

} // namespace base
