// SPDX-License-Identifier: Apache-2.0
// hal::ReviewTablet: the 好差评 rating device on which the citizen rates a service. Asynchronous:
// the kiosk shows a prompt and goes on; the outcome arrives later through a signal.
#pragma once

#include "hal/device.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hal {

/// A reason offered for bad ratings (levels 1-2), from the catalog.
struct RatingReason {
    std::string code; ///< "R01"
    std::string text; ///< "办事指南不清楚"
};

struct RatingRequest {
    std::string itemName;              ///< shown to the citizen on the tablet
    std::string caseRef;               ///< caseNo or submissionId: what is being rated
    std::vector<RatingReason> reasons; ///< the catalog's reasons, offered for levels 1-2
    std::chrono::seconds timeout{60};  ///< how long the tablet shows the prompt
};

struct Rating {
    int level = 0;                    ///< 5 非常满意 ... 1 非常不满意
    std::vector<std::string> reasons; ///< at least one for levels 1 and 2
    std::string comment;
};

/// How the citizen answers on this tablet, from its hello.
enum class TabletInput {
    Unknown, ///< no hello yet: treated like keys (the kiosk asks reasons on its own screen)
    Touch,   ///< a pad that shows the reasons itself
    Keys,    ///< a four- or five-key evaluator: level only
};

struct TabletInfo {
    std::string model;
    std::string firmware;
    TabletInput input = TabletInput::Unknown;
    int keys = 0; ///< 4 or 5 for key evaluators, 0 otherwise

    /// True if the tablet can show reasons, so it is asked again for a bad rating without one.
    [[nodiscard]] bool showsReasons() const { return input == TabletInput::Touch; }
    bool operator==(const TabletInfo&) const = default;
};

enum class RatingOutcomeKind {
    Rated,          ///< `rating` is complete (a bad rating has its reasons)
    ReasonRequired, ///< a key evaluator gave level 1-2 alone: ask the reason on the kiosk's screen
    TimedOut,       ///< the citizen did not rate in time: a normal outcome
    Failed,         ///< `error`: no_device (tablet lost), busy or protocol (the tablet refused)
};

/// How one shown request ended. Every request shown ends with exactly one outcome, unless
/// the kiosk cancel()s it first.
struct RatingOutcome {
    std::string requestId;
    RatingOutcomeKind kind = RatingOutcomeKind::TimedOut;
    Rating rating; ///< Rated; ReasonRequired: the level (and comment) without reasons
    base::Error error;
};

std::string_view
toString(RatingOutcomeKind value);            ///< rated | reason_required | timed_out | failed
std::string_view toString(TabletInput value); ///< unknown | touch | keys

class ReviewTablet : public Device {
public:
    /// Shows the rating prompt and returns its request id at once; the outcome follows
    /// through `outcome`. One request at a time: errc::busy while one is pending (cancel it
    /// first). Never waits for the citizen or the tablet.
    [[nodiscard]] base::Result<std::string> show(const RatingRequest& request);
    /// Withdraws the request (the citizen left, the prompt moved to the screen). No outcome
    /// follows for it. Unknown or finished ids are ignored. Works in any state.
    void cancel(const std::string& requestId);
    /// The request shown and not answered yet.
    [[nodiscard]] std::optional<std::string> pendingRequest() const;
    /// What the tablet said it is in its hello.
    [[nodiscard]] TabletInfo info() const;

    /// How each request ended; emitted once per request, from the driver's thread (the fake:
    /// the scripting thread), never with a lock of the tablet held.
    base::Signal<const RatingOutcome&> outcome;

    /// A rating of level 1 or 2 without a reason: not complete.
    [[nodiscard]] static bool needsReason(const Rating& rating)
    {
        return rating.level <= 2 && rating.reasons.empty();
    }

protected:
    ReviewTablet(std::string backend, std::string model)
        : Device(DeviceClass::ReviewTablet, std::move(backend), std::move(model))
    {
    }

    /// Sends the prompt (or queues it for the driver's thread). Called with the request
    /// already pending; failing removes it again.
    virtual base::Result<void> showImpl(const std::string& requestId,
                                        const RatingRequest& request) = 0;
    /// Withdraws it on the tablet. Must not wait for the tablet.
    virtual void cancelImpl(const std::string& requestId) = 0;

    /// What a rating from the tablet meant, from answer().
    enum class Answer {
        Stale,    ///< not the pending request: ignore it (and log it)
        AskAgain, ///< a touch tablet left out the reason: send reason_required, keep waiting
        Finished, ///< published as Rated or ReasonRequired
    };
    /// For drivers: the tablet rated `requestId`. Reasons not offered are dropped; what is left
    /// decides between Finished and AskAgain (the same rule for every backend).
    Answer answer(const std::string& requestId, Rating rating);
    /// Ends the pending request with `outcome` (published on this thread) if its id is the
    /// pending one; false, publishing nothing, for a stale or repeated answer.
    bool finish(RatingOutcome outcome);
    /// Ends whatever request is pending as Failed with `error` (tablet lost, closed).
    void failPending(base::Error error);
    void setInfo(TabletInfo info);

private:
    mutable std::mutex requestMutex_; ///< guards the three below, never held while publishing
    std::optional<std::string> pending_;
    std::vector<std::string> offeredReasons_;
    TabletInfo info_;
};

} // namespace hal
