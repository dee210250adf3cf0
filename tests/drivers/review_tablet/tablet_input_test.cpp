// SPDX-License-Identifier: Apache-2.0
// A hostile or broken tablet (issue 17, part 4): malformed and over-long lines, unknown types,
// levels out of range, a flood of lines, answers for another request. None ends, blocks or
// confuses the driver; each kind is logged once per connection, never with what the line held.
#include "base/log.h"
#include "drivers/review_tablet/link_review_tablet.h"
#include "tests/support/poll_until.h"
#include "tests/support/tablet_sim/tablet_sim.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <mutex>

namespace drivers::review_tablet {
namespace {

using namespace std::chrono_literals;
using test_support::pollUntil;

/// Something personal a citizen might type into a comment: it must never reach the log.
constexpr std::string_view kPersonal = "110101199003074514";

std::size_t occurrences(const std::string& text, std::string_view what)
{
    std::size_t count = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++count;
    return count;
}

class HostileTablet : public testing::TestWithParam<bool> {
protected:
    void SetUp() override
    {
        base::log::setSink(base::log::Sink::Stderr);
        sim_ = GetParam() ? test_support::TabletSim::onTcp()
                          : test_support::TabletSim::onPty(dir_.file("tablet"));
        TabletOptions options;
        options.pollSlice = 5ms;
        auto tablet = makeReviewTablet(sim_->spec(), options);
        ASSERT_TRUE(tablet);
        tablet_ = std::move(*tablet);
        connection_ = tablet_->outcome.connect([this](const hal::RatingOutcome& outcome) {
            std::lock_guard lock(mutex_);
            outcomes_.push_back(outcome);
        });
        ASSERT_TRUE(tablet_->open());
        ASSERT_TRUE(pollUntil([&] { return tablet_->info().showsReasons(); })) << "hello";
        testing::internal::CaptureStderr();
        auto id = tablet_->show({"社保查询", "S-1", {{"R01", "办事指南不清楚"}}, 60s});
        ASSERT_TRUE(id);
        id_ = *id;
        ASSERT_TRUE(sim_->waitForShown());
    }
    void TearDown() override
    {
        connection_.reset();
        tablet_.reset();
    }

    std::uint64_t problems(LineProblem problem)
    {
        return tablet_->problems()[static_cast<std::size_t>(problem)];
    }
    /// The citizen's real rating still gets through, once, after whatever came before.
    void expectTheRatingStillArrives()
    {
        ASSERT_TRUE(sim_->rate(4));
        ASSERT_TRUE(pollUntil([&] {
            std::lock_guard lock(mutex_);
            return !outcomes_.empty();
        }));
        std::lock_guard lock(mutex_);
        ASSERT_EQ(outcomes_.size(), 1u);
        EXPECT_EQ(outcomes_[0].requestId, id_);
        EXPECT_EQ(outcomes_[0].kind, hal::RatingOutcomeKind::Rated);
        EXPECT_EQ(outcomes_[0].rating.level, 4);
        EXPECT_EQ(tablet_->status().state, hal::DeviceState::Ready);
    }

    test_support::TempDir dir_;
    std::unique_ptr<test_support::TabletSim> sim_;
    std::unique_ptr<LinkReviewTablet> tablet_;
    std::string id_;
    std::mutex mutex_;
    std::vector<hal::RatingOutcome> outcomes_;
    base::Connection connection_;
};

TEST_P(HostileTablet, MalformedLinesAreIgnoredAndLoggedOnce)
{
    sim_->sendRaw("not json\n{\"type\":\"rating\",\"level\":\n[1,2]\n\x01\x02\xff\n");
    sim_->sendRaw("{\"type\":\"rating\",\"requestId\":\"" + id_ + "\",\"level\":\"" +
                  std::string(kPersonal) + "\"}\n");
    ASSERT_TRUE(pollUntil([&] { return problems(LineProblem::Malformed) == 5; }));
    expectTheRatingStillArrives();
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "malformed line"), 1u) << log;
    EXPECT_EQ(log.find(kPersonal), std::string::npos) << log;
}

TEST_P(HostileTablet, OverLongLineIsRefusedAndTheNextLineIsRead)
{
    sim_->sendRaw(std::string(70 * 1024, 'x') + "\n");
    sim_->sendRaw(R"({"type":"rating","requestId":")" + id_ + R"(","level":5,"comment":")" +
                  std::string(65 * 1024, 'y') + "\"}\n");
    ASSERT_TRUE(pollUntil([&] { return problems(LineProblem::TooLong) == 2; }));
    expectTheRatingStillArrives();
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "line over 64 KiB"), 1u) << log;
}

TEST_P(HostileTablet, UnknownTypesAreIgnoredAndLoggedOnce)
{
    sim_->flood(3, R"({"type":"selfdestruct","comment":"110101199003074514"})");
    ASSERT_TRUE(pollUntil([&] { return problems(LineProblem::UnknownType) == 3; }));
    expectTheRatingStillArrives();
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "unknown message type"), 1u) << log;
    EXPECT_EQ(log.find(kPersonal), std::string::npos) << log;
}

TEST_P(HostileTablet, LevelsOutOfRangeAreNotRatings)
{
    for (int level : {0, 6, -1, 99})
        sim_->rateFor(id_, level);
    ASSERT_TRUE(pollUntil([&] { return problems(LineProblem::OutOfRange) == 4; }));
    EXPECT_EQ(tablet_->pendingRequest(), id_);
    expectTheRatingStillArrives();
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "value out of range"), 1u) << log;
}

TEST_P(HostileTablet, AnswersForAnotherRequestAreIgnoredAndLoggedOnce)
{
    sim_->rateFor("00000000-0000-4000-8000-000000000001", 1);
    sim_->rateFor("00000000-0000-4000-8000-000000000002", 5);
    ASSERT_TRUE(pollUntil([&] { return problems(LineProblem::Stale) == 2; }));
    expectTheRatingStillArrives();
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "answer for a request not shown"), 1u) << log;
    EXPECT_NE(log.find("00000000-0000-4000-8000-000000000001"), std::string::npos)
        << "the first stale id is named";
}

TEST_P(HostileTablet, FloodOfLinesIsReadThroughWithoutBlockingCallers)
{
    constexpr std::size_t kLines = 50'000; // about 3 MB
    sim_->flood(kLines, R"({"type":"rating","requestId":"flood","level":9})");
    // Meanwhile the kiosk's own calls answer: they never wait on the reading thread.
    EXPECT_EQ(tablet_->pendingRequest(), id_);
    EXPECT_EQ(tablet_->status().state, hal::DeviceState::Ready);
    ASSERT_TRUE(pollUntil([&] { return problems(LineProblem::OutOfRange) == kLines; }, 60s));
    expectTheRatingStillArrives();
    const auto log = testing::internal::GetCapturedStderr();
    EXPECT_EQ(occurrences(log, "value out of range"), 1u) << "a flood does not flood the log";
}

TEST_P(HostileTablet, TabletsErrorFailsTheRequest)
{
    sim_->sendError("busy");
    ASSERT_TRUE(pollUntil([&] {
        std::lock_guard lock(mutex_);
        return !outcomes_.empty();
    }));
    (void)testing::internal::GetCapturedStderr();
    std::lock_guard lock(mutex_);
    EXPECT_EQ(outcomes_[0].kind, hal::RatingOutcomeKind::Failed);
    EXPECT_EQ(outcomes_[0].error.code, hal::errc::busy);
}

INSTANTIATE_TEST_SUITE_P(Links, HostileTablet, testing::Bool(),
                         [](const testing::TestParamInfo<bool>& param) {
                             return param.param ? "tcp" : "serial";
                         });

} // namespace
} // namespace drivers::review_tablet
