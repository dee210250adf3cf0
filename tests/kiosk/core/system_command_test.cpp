// SPDX-License-Identifier: Apache-2.0
// runProgram, the seam through which the kiosk runs rauc: the program's exit status and its
// output (stdout and stderr), a program that is not installed as not_found, output bounded.
#include "kiosk/core/system_command.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

TEST(RunProgram, GivesTheExitStatusAndWhatTheProgramPrinted)
{
    auto done = runProgram({"sh", "-c", "echo out; echo err >&2; exit 3"});
    ASSERT_TRUE(done) << done.error().describe();
    EXPECT_EQ(done->exitCode, 3);
    EXPECT_EQ(done->output, "out\nerr\n");
}

TEST(RunProgram, AProgramThatIsNotInstalledIsNotFound)
{
    auto done = runProgram({"kiosk-no-such-program-here"});
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().code, base::errc::not_found);
}

TEST(RunProgram, OutputIsBoundedAndTheProgramStillEnds)
{
    auto done = runProgram({"head", "-c", std::to_string(maxCommandOutput + 4096), "/dev/zero"});
    ASSERT_TRUE(done);
    EXPECT_EQ(done->exitCode, 0);
    EXPECT_EQ(done->output.size(), maxCommandOutput);
}

TEST(LastLine, IsTheLastNonEmptyLine)
{
    EXPECT_EQ(lastLine("installing\nLOG: failed: no space left\n\n"), "LOG: failed: no space left");
    EXPECT_EQ(lastLine("one line"), "one line");
    EXPECT_EQ(lastLine(" \n"), "");
}
