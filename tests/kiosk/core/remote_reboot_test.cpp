// SPDX-License-Identifier: Apache-2.0
// The reboot command: only between citizen sessions. Run at once when nobody is served (after
// the acknowledgement went out), deferred while a session is active and run when it ends,
// never on the heartbeat's thread, audited, and a failed reboot is audited as an error.
#include "base/manual_clock.h"
#include "kiosk/core/audit_verify.h"
#include "kiosk/core/remote_reboot.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

using namespace kiosk::core;

namespace {

constexpr std::chrono::seconds recheck{1};

class RebootSchedulerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto trail = AuditTrail::open(dir_.path(), {}, clock_);
        ASSERT_TRUE(trail);
        trail_ = std::move(*trail);
    }

    RebootHooks hooks()
    {
        return {.sessionActive = [this] { return serving_.load(); },
                .beforeReboot = [this] { ++heartbeats_; },
                .reboot = [this]() -> base::Result<void> {
                    rebootThread_ = std::this_thread::get_id();
                    ++reboots_;
                    if (failReboot_)
                        return base::fail(base::errc::io, "Interactive authentication required.");
                    return {};
                }};
    }

    std::vector<nlohmann::json> rebootRecords()
    {
        std::vector<nlohmann::json> found;
        const auto records = readAuditRecords(dir_.path(), "");
        EXPECT_TRUE(records) << records.error().describe();
        for (const auto& record : records ? *records : std::vector<nlohmann::json>{})
            if (record["event"] == "kiosk.reboot")
                found.push_back(record);
        return found;
    }

    base::ManualClock clock_;
    test_support::TempDir dir_;
    std::unique_ptr<AuditTrail> trail_;
    std::atomic<bool> serving_{false};
    std::atomic<int> heartbeats_{0};
    std::atomic<int> reboots_{0};
    std::atomic<bool> failReboot_{false};
    std::thread::id rebootThread_;
};

} // namespace

TEST_F(RebootSchedulerTest, WithNobodyServedTheRebootRunsAtOnceAfterTheAcknowledgement)
{
    RebootScheduler scheduler(hooks(), clock_, trail_.get(), recheck);
    auto requested = scheduler.request("cmd-1");
    ASSERT_TRUE(requested) << requested.error().describe();
    EXPECT_EQ(*requested, "no citizen is being served: rebooting now");
    ASSERT_TRUE(test_support::pollUntil([&] { return reboots_ == 1; }));
    EXPECT_EQ(heartbeats_, 1) << "the acknowledgement goes out before the reboot";
    EXPECT_NE(rebootThread_, std::this_thread::get_id()) << "rebooted on the caller's thread";
    EXPECT_FALSE(scheduler.pending());
    const auto records = rebootRecords();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0]["detail"]["command"], "cmd-1");
    EXPECT_EQ(records[0]["result"], "ok");
    EXPECT_EQ(records[0]["actor"], "platform");
}

TEST_F(RebootSchedulerTest, ARebootTheKioskDecidesItselfIsAuditedAsTheKiosks)
{
    RebootScheduler scheduler(hooks(), clock_, trail_.get(), recheck);
    ASSERT_TRUE(scheduler.request("update-installed", "kiosk"));
    ASSERT_TRUE(test_support::pollUntil([&] { return reboots_ == 1; }));
    const auto records = rebootRecords();
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0]["actor"], "kiosk");
    EXPECT_EQ(records[0]["detail"]["command"], "update-installed");
}

TEST_F(RebootSchedulerTest, WhileACitizenIsServedTheRebootWaitsForTheSessionToEnd)
{
    serving_ = true;
    RebootScheduler scheduler(hooks(), clock_, trail_.get(), recheck);
    ASSERT_TRUE(clock_.awaitWaits(1)); // its worker waits for a request
    const auto waits = clock_.waitsBegun();
    auto requested = scheduler.request("cmd-2");
    ASSERT_TRUE(requested);
    EXPECT_EQ(*requested,
              "a citizen is being served: the reboot waits until the session ends, then runs");
    ASSERT_TRUE(clock_.awaitWaits(waits + 1));  // the worker looked, and waits a recheck
    for (int minute = 0; minute < 10; ++minute) // a long session: still not interrupted
        for (int second = 0; second < 60; ++second)
            ASSERT_TRUE(test_support::advanceAndSettle(clock_, recheck));
    EXPECT_EQ(reboots_, 0);
    EXPECT_EQ(heartbeats_, 0);
    EXPECT_TRUE(scheduler.pending());

    serving_ = false; // the session ended
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, recheck));
    EXPECT_EQ(reboots_, 1);
    EXPECT_EQ(heartbeats_, 1);
    EXPECT_FALSE(scheduler.pending());
    clock_.advance(std::chrono::hours(1)); // its worker waits for the next request only
    EXPECT_EQ(reboots_, 1) << "one reboot per request";
}

TEST_F(RebootSchedulerTest, ARepeatedRequestJoinsTheWaitingOne)
{
    serving_ = true;
    RebootScheduler scheduler(hooks(), clock_, trail_.get(), recheck);
    ASSERT_TRUE(clock_.awaitWaits(1)); // its worker waits for a request
    const auto waits = clock_.waitsBegun();
    ASSERT_TRUE(scheduler.request("cmd-3"));
    ASSERT_TRUE(clock_.awaitWaits(waits + 1));
    auto again = scheduler.request("cmd-4");
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, "a reboot (command cmd-3) already waits; this one joins it");
    serving_ = false;
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, recheck));
    EXPECT_EQ(reboots_, 1);
}

TEST_F(RebootSchedulerTest, AFailedRebootIsAuditedAsAnError)
{
    failReboot_ = true;
    RebootScheduler scheduler(hooks(), clock_, trail_.get(), recheck);
    ASSERT_TRUE(scheduler.request("cmd-5"));
    ASSERT_TRUE(test_support::pollUntil([&] { return rebootRecords().size() == 2; }));
    const auto records = rebootRecords();
    EXPECT_EQ(records[1]["result"], "error");
    EXPECT_EQ(records[1]["detail"]["error"], "Interactive authentication required.");
    EXPECT_FALSE(scheduler.pending());
}

TEST_F(RebootSchedulerTest, AKioskWithoutARebootActionRefusesTheCommand)
{
    RebootScheduler scheduler({}, clock_, trail_.get(), recheck);
    auto requested = scheduler.request("cmd-6");
    ASSERT_FALSE(requested);
    EXPECT_EQ(requested.error().message, "this kiosk cannot reboot itself");
}
