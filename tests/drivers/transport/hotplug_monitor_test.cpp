// SPDX-License-Identifier: Apache-2.0
// drivers::HotplugMonitor on a ManualClock: one look at the path per interval, lost and
// regained reported once each, and stop() prompt while the monitor waits.
#include "base/manual_clock.h"
#include "drivers/transport/hotplug_monitor.h"
#include "tests/support/manual_time.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>

namespace {

constexpr std::chrono::seconds interval{1};

class HotplugMonitorTest : public ::testing::Test {
protected:
    void SetUp() override { std::ofstream(path()) << "scanner"; }
    std::string path() const { return (dir_ / "ttyACM0").string(); }

    drivers::HotplugMonitor::Hooks hooks()
    {
        return {[this] { ++lost_; },
                [this] {
                    ++regained_;
                    return true;
                }};
    }

    base::ManualClock clock_;
    test_support::TempDir dir_;
    std::atomic<int> lost_{0};
    std::atomic<int> regained_{0};
    drivers::HotplugMonitor monitor_{clock_}; ///< last: stopped before what its hooks use
};

} // namespace

TEST_F(HotplugMonitorTest, LooksOncePerIntervalAndReportsLossAndReturnOnce)
{
    ASSERT_TRUE(
        test_support::startAndSettle(clock_, [&] { monitor_.start(path(), interval, hooks()); }));
    std::filesystem::remove(path());
    EXPECT_EQ(lost_, 0) << "looked before the interval passed";
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(lost_, 1);
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(lost_, 1) << "a loss is reported once";

    std::ofstream(path()) << "scanner";
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(regained_, 1);
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, interval));
    EXPECT_EQ(regained_, 1) << "a return is reported once";
    EXPECT_EQ(lost_, 1);
}

TEST_F(HotplugMonitorTest, StopReturnsPromptlyWhileTheMonitorWaits)
{
    ASSERT_TRUE(test_support::startAndSettle(
        clock_, [&] { monitor_.start(path(), std::chrono::hours(1), hooks()); }));
    const auto took = test_support::timeToStop([&] { monitor_.stop(); });
    EXPECT_LT(took, test_support::stopBound) << took.count() << " ms";
    EXPECT_EQ(clock_.waiting(), 0u) << "the monitor still waits";
    EXPECT_EQ(lost_ + regained_, 0);
}
