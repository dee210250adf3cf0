// SPDX-License-Identifier: Apache-2.0
// The idle timeout as a pure rule ([session] idle_timeout_s): from the last touch, the session
// is active, then the citizen is asked "需要更多时间吗？" (15 s before the end), then it ends.
// The caller owns the timer (a QTimer in the view-model, a Worker, a test's ManualClock).
#pragma once

#include "base/clock.h"
#include "kiosk/core/config.h"

#include <chrono>

namespace kiosk::core {

enum class IdlePhase {
    Active,  ///< no prompt
    Prompt,  ///< "需要更多时间吗？" with a countdown; a touch goes back to Active
    Expired, ///< end the session (and wipe everything of the citizen)
};

struct IdleStatus {
    IdlePhase phase = IdlePhase::Active;
    /// Until the session ends (the prompt's countdown); zero once Expired.
    std::chrono::milliseconds remaining{0};
    /// Until the phase changes (when to look again); zero once Expired.
    std::chrono::milliseconds nextChange{0};
};

class IdlePolicy {
public:
    /// idle_timeout_s, and the prompt SessionSection::kPromptBeforeS before the end.
    explicit IdlePolicy(const SessionSection& session);
    /// `promptBefore` is clamped to [0, timeout].
    IdlePolicy(std::chrono::seconds timeout, std::chrono::seconds promptBefore);

    /// The phase at `now` for a last touch at `lastTouch` (steady times: a wall-clock change
    /// must not end a session). A `now` before `lastTouch` counts as the touch itself.
    [[nodiscard]] IdleStatus at(base::Clock::SteadyTime lastTouch,
                                base::Clock::SteadyTime now) const;

    [[nodiscard]] std::chrono::seconds timeout() const { return timeout_; }
    [[nodiscard]] std::chrono::seconds promptBefore() const { return promptBefore_; }

private:
    std::chrono::seconds timeout_;
    std::chrono::seconds promptBefore_;
};

} // namespace kiosk::core
