// SPDX-License-Identifier: Apache-2.0
// RatingFlow: 好差评 after a completed application. The prompt goes to the review tablet when
// one is connected, else to the kiosk's screen; a tablet lost mid-rating, or refusing, moves it
// to the screen; a key evaluator's bad rating gets its reasons on the screen. One rating per
// case; each becomes one evaluation record in the queue. The kiosk never waits on the tablet.
#pragma once

#include "base/signal.h"
#include "hal/review_tablet.h"
#include "kiosk/core/application.h"

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

namespace kiosk::core {

enum class RatingPlace { None, Tablet, Screen };
std::string_view toString(RatingPlace place); ///< none | tablet | screen

/// Why the screen shows the prompt, for its wording.
enum class ScreenReason {
    NoTablet,       ///< none is connected
    TabletLost,     ///< it went away mid-rating
    TabletRefused,  ///< it answered busy / bad_request, or sent a rating the kiosk cannot store
    ReasonRequired, ///< a key evaluator gave level 1 or 2: the reasons are chosen here
};

/// What the screen must show (the screens themselves are the UI's).
struct ScreenRatingPrompt {
    std::string submissionId;
    std::string itemName;
    std::vector<Reason> reasons; ///< the catalog's, for levels 1-2
    std::optional<int> level;    ///< ReasonRequired: the level given; only reasons are asked
    ScreenReason why = ScreenReason::NoTablet;
};

struct RatingStored {
    std::string submissionId;
    std::string evaluationId;
    std::string channel; ///< tablet | kiosk
    int level = 0;
};

/// Thread-safe. Signals are emitted without any lock held, from the thread that caused them:
/// begin()'s or rateOnScreen()'s caller, or the tablet's thread for what the tablet answered
/// (the UI hands them to its own thread). `tablet` may be null (no tablet configured).
class RatingFlow {
public:
    RatingFlow(ApplicationService& service, const Catalog& catalog,
               std::shared_ptr<hal::ReviewTablet> tablet);
    RatingFlow(const RatingFlow&) = delete;
    RatingFlow& operator=(const RatingFlow&) = delete;
    ~RatingFlow();

    /// Asks for the rating of the case `submissionId` (just completed, or found by its receipt
    /// QR). Returns where the prompt went; Screen also emits screenPrompt. Errors:
    /// already_rated (一次一评), no_rating_prompt when another rating is in progress.
    [[nodiscard]] base::Result<RatingPlace> begin(const std::string& submissionId,
                                                  const CatalogItem& item);
    /// The citizen rated on the screen. For a key evaluator's level the screen adds only the
    /// reasons (the tablet's level stands). On an invalid rating the prompt stays and the error
    /// says why, worded for the citizen. Returns the evaluation id.
    [[nodiscard]] base::Result<std::string> rateOnScreen(const hal::Rating& rating);
    /// The citizen left without rating (or the session ended): the prompt is withdrawn and
    /// nothing is sent; the receipt's QR code allows a later rating.
    void abandon();

    [[nodiscard]] RatingPlace place() const;
    [[nodiscard]] bool isRated(const std::string& submissionId) const;

    base::Signal<const ScreenRatingPrompt&> screenPrompt;
    base::Signal<const RatingStored&> stored;
    /// The tablet's prompt timed out: the citizen did not rate (argument: the submission id).
    base::Signal<const std::string&> timedOut;

private:
    struct Active {
        std::string submissionId;
        std::string itemCode;
        std::string itemName;
        std::string requestId; ///< on the tablet
        RatingPlace place = RatingPlace::None;
        std::optional<int> tabletLevel;
    };

    void onOutcome(const hal::RatingOutcome& outcome);
    /// Moves the active prompt to the screen. Call with mutex_ held; publish the result.
    ScreenRatingPrompt toScreenLocked(ScreenReason why, std::optional<int> level);
    /// Stores a rating of the active case and forgets it. Call with mutex_ held.
    base::Result<RatingStored> storeLocked(const hal::Rating& rating, std::string channel);

    ApplicationService& service_;
    const Catalog& catalog_;
    std::shared_ptr<hal::ReviewTablet> tablet_;

    mutable std::mutex mutex_;
    std::optional<Active> active_;
    std::set<std::string> rated_;
    base::Connection connection_; ///< last: disconnected before the state it uses goes
};

} // namespace kiosk::core
