// SPDX-License-Identifier: Apache-2.0
// Tests of base/process_stats.h: what kiosk --measure-startup reports.
#include "base/process_stats.h"

#include <gtest/gtest.h>

#include <chrono>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

// A child forked now has just started: its age is far below this test process's.
TEST(ProcessStats, SinceStartIsTheAgeOfThisProcess)
{
    const auto before = base::process::sinceStart();
    ASSERT_TRUE(before.has_value());
    EXPECT_GE(before->count(), 0);

    int pipeEnds[2];
    ASSERT_EQ(pipe(pipeEnds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const auto age = base::process::sinceStart();
        const long long value = age ? age->count() : -1;
        (void)!write(pipeEnds[1], &value, sizeof value);
        _exit(0);
    }
    long long childAge = -2;
    ASSERT_EQ(read(pipeEnds[0], &childAge, sizeof childAge), static_cast<ssize_t>(sizeof childAge));
    waitpid(child, nullptr, 0);
    close(pipeEnds[0]);
    close(pipeEnds[1]);
    ASSERT_GE(childAge, 0);
    // Clock ticks are 10 ms: a newborn child is at most a couple of ticks old, and never older
    // than its parent.
    const auto after = base::process::sinceStart();
    ASSERT_TRUE(after.has_value());
    EXPECT_LE(childAge, after->count());
}

TEST(ProcessStats, PeakRssGrowsWithTouchedMemory)
{
    const auto before = base::process::peakRssKb();
    ASSERT_TRUE(before.has_value());
    EXPECT_GT(*before, 0);
    std::vector<char> block(64 * 1024 * 1024, 1); // 64 MiB, every page written
    const auto after = base::process::peakRssKb();
    ASSERT_TRUE(after.has_value());
    // The peak holds the whole block, whatever ran in this process before.
    EXPECT_GE(*after, *before);
    EXPECT_GE(*after, static_cast<long>(block.size() / 1024)) << "block[1] = " << int(block[1]);
}

TEST(ProcessStats, StartupReportIsOneJsonObjectWithBothFigures)
{
    const auto report = base::process::startupReport();
    EXPECT_EQ(report.front(), '{');
    EXPECT_EQ(report.back(), '}');
    EXPECT_NE(report.find("\"firstFrameMs\":"), std::string::npos) << report;
    EXPECT_NE(report.find("\"rssKb\":"), std::string::npos) << report;
    EXPECT_EQ(report.find("-1"), std::string::npos) << report; // /proc answers on Linux
}

} // namespace
