// SPDX-License-Identifier: Apache-2.0
// IdlePolicy: active, then the "需要更多时间吗？" prompt 15 s before the end, then expired, on
// steady times from the last touch.
#include "kiosk/core/idle_policy.h"

#include <gtest/gtest.h>

using namespace kiosk::core;
using namespace std::chrono_literals;

namespace {

const base::Clock::SteadyTime touch{std::chrono::hours(1)};

TEST(IdlePolicy, TheDefaultIsNinetySecondsWithThePromptFifteenBefore)
{
    const IdlePolicy policy{SessionSection{}};
    EXPECT_EQ(policy.timeout(), 90s);
    EXPECT_EQ(policy.promptBefore(), 15s);

    const auto fresh = policy.at(touch, touch);
    EXPECT_EQ(fresh.phase, IdlePhase::Active);
    EXPECT_EQ(fresh.remaining, 90s);
    EXPECT_EQ(fresh.nextChange, 75s);

    const auto justBefore = policy.at(touch, touch + 74999ms);
    EXPECT_EQ(justBefore.phase, IdlePhase::Active);
    EXPECT_EQ(justBefore.nextChange, 1ms);

    const auto prompt = policy.at(touch, touch + 75s);
    EXPECT_EQ(prompt.phase, IdlePhase::Prompt);
    EXPECT_EQ(prompt.remaining, 15s);
    EXPECT_EQ(prompt.nextChange, 15s);

    const auto last = policy.at(touch, touch + 89500ms);
    EXPECT_EQ(last.phase, IdlePhase::Prompt);
    EXPECT_EQ(last.remaining, 500ms);

    const auto expired = policy.at(touch, touch + 90s);
    EXPECT_EQ(expired.phase, IdlePhase::Expired);
    EXPECT_EQ(expired.remaining, 0ms);
    EXPECT_EQ(policy.at(touch, touch + 1h).phase, IdlePhase::Expired);
}

TEST(IdlePolicy, TheConfiguredTimeoutIsUsedAndATouchStartsAgain)
{
    SessionSection session;
    session.idleTimeoutS = 30;
    const IdlePolicy policy{session};
    EXPECT_EQ(policy.at(touch, touch + 14s).phase, IdlePhase::Active);
    EXPECT_EQ(policy.at(touch, touch + 15s).phase, IdlePhase::Prompt);
    const auto later = touch + 20s; // the citizen touched during the prompt
    EXPECT_EQ(policy.at(later, later + 1s).phase, IdlePhase::Active);
}

TEST(IdlePolicy, ANowBeforeTheTouchCountsAsTheTouchAndThePromptIsClamped)
{
    const IdlePolicy policy{SessionSection{}};
    EXPECT_EQ(policy.at(touch, touch - 5s).remaining, 90s);
    const IdlePolicy longPrompt{10s, 60s};
    EXPECT_EQ(longPrompt.promptBefore(), 10s);
    EXPECT_EQ(longPrompt.at(touch, touch).phase, IdlePhase::Prompt);
}

} // namespace
