// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/idle_policy.h"

#include <algorithm>

namespace kiosk::core {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::seconds;

IdlePolicy::IdlePolicy(const SessionSection& session)
    : IdlePolicy(seconds(session.idleTimeoutS), seconds(SessionSection::kPromptBeforeS))
{
}

IdlePolicy::IdlePolicy(seconds timeout, seconds promptBefore)
    : timeout_(std::max(timeout, seconds(0))),
      promptBefore_(std::clamp(promptBefore, seconds(0), timeout_))
{
}

IdleStatus IdlePolicy::at(base::Clock::SteadyTime lastTouch, base::Clock::SteadyTime now) const
{
    const auto idle =
        now > lastTouch ? duration_cast<milliseconds>(now - lastTouch) : milliseconds(0);
    const milliseconds remaining = timeout_ - idle;
    if (remaining <= milliseconds(0))
        return {IdlePhase::Expired, milliseconds(0), milliseconds(0)};
    if (remaining <= promptBefore_)
        return {IdlePhase::Prompt, remaining, remaining};
    return {IdlePhase::Active, remaining, remaining - promptBefore_};
}

} // namespace kiosk::core
