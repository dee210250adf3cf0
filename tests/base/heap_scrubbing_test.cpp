// SPDX-License-Identifier: Apache-2.0
// base::restartWithHeapScrubbing: a program that restarts itself with it leaves nothing of what
// it freed in its memory; the same program without it does (so the probe can fail).
#include "base/heap_scrubbing.h"

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace {

/// Runs heap_scrub_probe (built beside this test) with `args` and returns its exit status.
int runProbe(const std::string& args)
{
    std::string command = KIOSK_HEAP_SCRUB_PROBE;
    command.append(" ").append(args).append(" >/dev/null");
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

TEST(HeapScrubbing, TheTunablesAreAddedAfterThoseAlreadySet)
{
    EXPECT_EQ(base::tunablesWithHeapScrubbing(""), base::kHeapScrubbingTunables);
    EXPECT_EQ(base::tunablesWithHeapScrubbing("glibc.malloc.arena_max=2"),
              "glibc.malloc.arena_max=2:" + std::string(base::kHeapScrubbingTunables));
}

TEST(HeapScrubbing, WithoutTheRestartFreedBlocksKeepWhatTheyHeld)
{
    EXPECT_EQ(runProbe("--no-restart"), 1);
}

TEST(HeapScrubbing, AfterTheRestartFreedBlocksAreOverwritten)
{
    EXPECT_EQ(runProbe(""), 0);
}

TEST(HeapScrubbing, TheKioskServiceStartsTheKioskWithTheTunablesSet)
{
    // Set by systemd, the kiosk need not start itself again (a second start of a Qt program).
    std::ifstream unit(std::string(KIOSK_SOURCE_DIR) + "/image/package/kiosk.service");
    ASSERT_TRUE(unit.is_open());
    const std::string text((std::istreambuf_iterator<char>(unit)),
                           std::istreambuf_iterator<char>());
    EXPECT_NE(
        text.find("Environment=GLIBC_TUNABLES=" + std::string(base::kHeapScrubbingTunables) + "\n"),
        std::string::npos);
}
