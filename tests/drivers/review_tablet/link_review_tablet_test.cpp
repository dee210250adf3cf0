// SPDX-License-Identifier: Apache-2.0
// The driver's timing on a manual clock: pings every 5 s, three missed pongs, reconnect
// backoff, the kiosk's own deadline for an answer. The tablet is the simulator on a pty.
#include "drivers/review_tablet/link_review_tablet.h"

#include "base/manual_clock.h"
#include "hal/errc.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/tablet_sim/tablet_sim.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <mutex>

namespace drivers::review_tablet {
namespace {

using namespace std::chrono_literals;
using test_support::pollUntil;

class LinkReviewTabletTest : public testing::Test {
protected:
    void SetUp() override
    {
        sim_ = test_support::TabletSim::onPty(dir_.file("usb-Tablet-if00"));
        TabletOptions options;
        options.clock = &clock_;
        options.pollSlice = 5ms;
        auto tablet = makeReviewTablet(sim_->spec(), options);
        ASSERT_TRUE(tablet);
        tablet_ = std::move(*tablet);
        connection_ = tablet_->outcome.connect([this](const hal::RatingOutcome& outcome) {
            std::lock_guard lock(mutex_);
            outcomes_.push_back(outcome);
        });
        ASSERT_TRUE(tablet_->open());
    }
    void TearDown() override
    {
        connection_.reset();
        tablet_.reset();
    }

    /// Moves the clock and waits until the tablet has sent `pings` pings in all.
    void advanceToPing(std::size_t pings)
    {
        clock_.advance(5s);
        EXPECT_TRUE(sim_->waitFor([&] { return sim_->count("ping") >= pings; }));
    }
    std::vector<hal::RatingOutcome> outcomes()
    {
        std::lock_guard lock(mutex_);
        return outcomes_;
    }

    base::ManualClock clock_;
    test_support::TempDir dir_;
    std::unique_ptr<test_support::TabletSim> sim_;
    std::unique_ptr<LinkReviewTablet> tablet_;
    std::mutex mutex_;
    std::vector<hal::RatingOutcome> outcomes_;
    base::Connection connection_;
};

TEST_F(LinkReviewTabletTest, PingsEveryFiveSecondsAndStaysWhileAnswered)
{
    clock_.advance(4900ms);
    EXPECT_EQ(sim_->count("ping"), 0u);
    // The sim answers each ping as it records it; one pong read late would be one miss only.
    for (std::size_t i = 1; i <= 4; ++i)
        advanceToPing(i);
    EXPECT_EQ(tablet_->status().state, hal::DeviceState::Ready);
    const auto received = sim_->received();
    std::vector<std::int64_t> seqs;
    for (const auto& line : received)
        if (line.value("type", "") == "ping")
            seqs.push_back(line["seq"].get<std::int64_t>());
    EXPECT_EQ(seqs, (std::vector<std::int64_t>{1, 2, 3, 4})) << "sequence numbers count up";
}

TEST_F(LinkReviewTabletTest, ThreeMissedPongsMeanDisconnected)
{
    sim_->setAnswerPings(false);
    advanceToPing(1);
    advanceToPing(2); // the first pong is missed
    advanceToPing(3); // the second
    EXPECT_EQ(tablet_->status().state, hal::DeviceState::Ready);
    const auto waits = clock_.waitsBegun();
    clock_.advance(2s); // the third: the tablet is gone, and the worker waits to reconnect
    ASSERT_TRUE(clock_.awaitWaits(waits + 1));
    EXPECT_EQ(tablet_->status().state, hal::DeviceState::Disconnected);
    EXPECT_NE(tablet_->status().detail.find("no pong to 3 pings"), std::string::npos)
        << tablet_->status().detail;
}

TEST_F(LinkReviewTabletTest, ReconnectsWithBackoffAfterALoss)
{
    sim_->unplug();
    ASSERT_TRUE(pollUntil([&] { return clock_.waiting() > 0; })) << "the worker waits to retry";
    EXPECT_EQ(tablet_->status().state, hal::DeviceState::Disconnected);
    // Tries after 0.5 s, then waits 1 s, 2 s, ...: each failed try begins a longer wait.
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, 500ms));
    ASSERT_TRUE(test_support::advanceAndSettle(clock_, 1s));
    sim_->plug();
    clock_.advance(1s); // not yet: the wait is 2 s now
    EXPECT_EQ(tablet_->status().state, hal::DeviceState::Disconnected);
    clock_.advance(1s);
    ASSERT_TRUE(pollUntil([&] { return tablet_->status().state == hal::DeviceState::Ready; }));
    EXPECT_EQ(tablet_->status().counters.reconnects, 1u);
}

TEST_F(LinkReviewTabletTest, UnansweredRequestEndsOnTheKiosksOwnDeadline)
{
    auto id = tablet_->show({"社保查询", "S-1", {}, 60s});
    ASSERT_TRUE(id);
    ASSERT_TRUE(sim_->waitForShown());
    clock_.advance(60s);
    EXPECT_TRUE(outcomes().empty()) << "the tablet's own timeout comes first";
    clock_.advance(5s);
    ASSERT_TRUE(pollUntil([&] { return !outcomes().empty(); }));
    EXPECT_EQ(outcomes()[0].requestId, *id);
    EXPECT_EQ(outcomes()[0].kind, hal::RatingOutcomeKind::TimedOut);
    EXPECT_TRUE(sim_->waitFor([&] { return sim_->count("cancel") == 1; }))
        << "the tablet is told to drop the prompt";
    EXPECT_FALSE(tablet_->pendingRequest());
}

TEST_F(LinkReviewTabletTest, TabletsPingIsAnswered)
{
    sim_->sendPing(41);
    EXPECT_TRUE(sim_->waitFor([&] {
        for (const auto& line : sim_->received())
            if (line.value("type", "") == "pong" && line.value("seq", 0) == 41)
                return true;
        return false;
    }));
}

TEST_F(LinkReviewTabletTest, IdleIsSentOnRequest)
{
    tablet_->idle();
    EXPECT_TRUE(sim_->waitFor([&] { return sim_->count("idle") == 1; }));
}

TEST_F(LinkReviewTabletTest, StopReturnsPromptly)
{
    const auto took = test_support::timeToStop([&] { tablet_->close(); });
    EXPECT_LT(took, test_support::stopBound);
}

TEST(MakeReviewTablet, RefusesAnUnknownSpec)
{
    EXPECT_FALSE(makeReviewTablet("usb:1234:5678"));
    EXPECT_FALSE(makeReviewTablet("tcp:nohost"));
    EXPECT_FALSE(makeReviewTablet("tcp:host:99999"));
    EXPECT_TRUE(makeReviewTablet("tcp:[::1]:7000"));
    EXPECT_TRUE(makeReviewTablet("serial:/dev/ttyACM2"));
}

TEST(MakeReviewTablet, NoTabletAtTheAddressIsNoDevice)
{
    auto sim = test_support::TabletSim::onTcp();
    const auto spec = sim->spec();
    sim.reset(); // the port is free again: nobody listens
    auto tablet = makeReviewTablet(spec);
    ASSERT_TRUE(tablet);
    auto opened = (*tablet)->open();
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, hal::errc::no_device);
    EXPECT_EQ((*tablet)->status().state, hal::DeviceState::Disconnected);
}

} // namespace
} // namespace drivers::review_tablet
