// SPDX-License-Identifier: Apache-2.0
// HelpCall: a staff call is opened once, keeps its first time, ends when staff acknowledge it
// or the session ends, tells its observers, and is audited without personal data.
#include "kiosk/core/help_call.h"

#include "base/manual_clock.h"
#include "kiosk/core/audit_verify.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <vector>

using namespace kiosk::core;

namespace {

TEST(HelpCall, AOpenCallKeepsTheTimeTheCitizenFirstAsked)
{
    base::ManualClock clock;
    HelpCall help(clock);
    EXPECT_FALSE(help.current());
    const auto first = clock.now();
    EXPECT_TRUE(help.raise("form"));
    clock.advance(std::chrono::seconds(20));
    EXPECT_FALSE(help.raise("confirm")) << "pressed again: the same call";
    ASSERT_TRUE(help.current());
    EXPECT_EQ(help.current()->since, first);
    EXPECT_EQ(help.current()->screen, "form");
}

TEST(HelpCall, StaffOrTheSessionsEndClearTheCall)
{
    base::ManualClock clock;
    HelpCall help(clock);
    EXPECT_FALSE(help.acknowledge()) << "nothing to acknowledge";
    EXPECT_FALSE(help.sessionEnded());
    ASSERT_TRUE(help.raise("form"));
    EXPECT_TRUE(help.acknowledge());
    EXPECT_FALSE(help.current());
    ASSERT_TRUE(help.raise("materials"));
    EXPECT_TRUE(help.sessionEnded());
    EXPECT_FALSE(help.current()) << "the next citizen does not inherit the call";
}

TEST(HelpCall, ObserversSeeTheCallOpenAndClear)
{
    base::ManualClock clock;
    HelpCall help(clock);
    std::vector<std::optional<HelpRequest>> seen;
    auto connection =
        help.changed.connect([&](const std::optional<HelpRequest>& call) { seen.push_back(call); });
    ASSERT_TRUE(help.raise("rating"));
    ASSERT_FALSE(help.raise("rating"));
    ASSERT_TRUE(help.acknowledge());
    ASSERT_EQ(seen.size(), 2u);
    ASSERT_TRUE(seen[0]);
    EXPECT_EQ(seen[0]->screen, "rating");
    EXPECT_FALSE(seen[1]);
}

TEST(HelpCall, AScreenNameThatIsNotATokenIsRecordedAsUnknown)
{
    base::ManualClock clock;
    HelpCall help(clock);
    ASSERT_TRUE(help.raise("张三 51070319900101123X"));
    EXPECT_EQ(help.current()->screen, "unknown");
    ASSERT_TRUE(help.acknowledge());
    ASSERT_TRUE(help.raise(std::string(65, 'a')));
    EXPECT_EQ(help.current()->screen, "unknown");
    ASSERT_TRUE(help.acknowledge());
    ASSERT_TRUE(help.raise(""));
    EXPECT_EQ(help.current()->screen, "unknown");
}

TEST(HelpCall, TheHeartbeatMemberIsReportedUntilSeenAndCleared)
{
    base::ManualClock clock;
    HelpCall help(clock);
    EXPECT_FALSE(help.heartbeatMember());
    ASSERT_TRUE(help.raise("form"));
    const auto open = help.heartbeatMember();
    ASSERT_TRUE(open);
    EXPECT_EQ(*open, nlohmann::json({{"since", base::toRfc3339(clock.now())}, {"screen", "form"}}));
    help.reported(*open);
    EXPECT_EQ(help.heartbeatMember(), open) << "reported while open: still open";
    ASSERT_TRUE(help.acknowledge());
    EXPECT_FALSE(help.heartbeatMember()) << "the platform saw it open: nothing more to say";

    ASSERT_TRUE(help.raise("confirm"));
    clock.advance(std::chrono::seconds(3));
    ASSERT_TRUE(help.acknowledge());
    const auto cleared = help.heartbeatMember();
    ASSERT_TRUE(cleared) << "never reported: goes out once after all";
    EXPECT_EQ((*cleared)["clearedBy"], "staff");
    EXPECT_EQ((*cleared)["clearedAt"], base::toRfc3339(clock.now()));
    help.reported(nlohmann::json({{"since", "2000-01-01T00:00:00Z"}, {"screen", "confirm"}}));
    EXPECT_TRUE(help.heartbeatMember()) << "another call's report does not clear this one";
    help.reported(*cleared);
    EXPECT_FALSE(help.heartbeatMember());
}

TEST(HelpCall, CallsAreAuditedWithTheScreenAndTheReasonOnly)
{
    base::ManualClock clock;
    test_support::TempDir dir;
    auto trail = AuditTrail::open(dir.path(), {}, clock);
    ASSERT_TRUE(trail) << trail.error().describe();
    HelpCall help(clock, trail->get());
    ASSERT_TRUE(help.raise("form"));
    ASSERT_TRUE(help.sessionEnded());
    auto records = readAuditRecords(dir.path(), "");
    ASSERT_TRUE(records) << records.error().describe();
    ASSERT_EQ(records->size(), 2u);
    EXPECT_EQ((*records)[0]["event"], "help.requested");
    EXPECT_EQ((*records)[0]["object"], "screen form");
    EXPECT_EQ((*records)[0]["detail"], nlohmann::json({{"screen", "form"}}));
    EXPECT_EQ((*records)[1]["event"], "help.cleared");
    EXPECT_EQ((*records)[1]["detail"], nlohmann::json({{"screen", "form"}, {"by", "session_end"}}));
}

} // namespace
