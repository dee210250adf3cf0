// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/rating_flow.h"
#include "base/citizen_text.h"

#include "base/log.h"

namespace kiosk::core {

namespace {
constexpr std::string_view kLog = "core/rating";
/// How long the tablet shows the prompt before it reports a timeout.
constexpr std::chrono::seconds kTabletTimeout{60};
} // namespace

std::string_view toString(RatingPlace place)
{
    switch (place) {
    case RatingPlace::None:
        return "none";
    case RatingPlace::Tablet:
        return "tablet";
    case RatingPlace::Screen:
        return "screen";
    }
    return "none";
}

RatingFlow::RatingFlow(ApplicationService& service, const Catalog& catalog,
                       std::shared_ptr<hal::ReviewTablet> tablet)
    : service_(service), catalog_(catalog), tablet_(std::move(tablet))
{
    if (tablet_)
        connection_ = tablet_->outcome.connect(
            [this](const hal::RatingOutcome& outcome) { onOutcome(outcome); });
}

RatingFlow::~RatingFlow()
{
    connection_.reset(); // no outcome arrives while the rest goes
    abandon();
}

base::Result<RatingPlace> RatingFlow::begin(const std::string& submissionId,
                                            const CatalogItem& item)
{
    std::unique_lock lock(mutex_);
    if (rated_.contains(submissionId) || service_.hasRating(submissionId))
        return base::fail(ApplicationErrc::already_rated,
                          base::CitizenText::tr("这件事已经评价过了，感谢您的评价"));
    if (active_)
        return base::fail(ApplicationErrc::no_rating_prompt, "another rating is in progress");
    active_ = Active{submissionId, item.code, item.name, {}, RatingPlace::None, {}};
    if (tablet_ && tablet_->status().state == hal::DeviceState::Ready) {
        std::vector<hal::RatingReason> reasons;
        for (const auto& reason : catalog_.reasons)
            reasons.push_back({reason.code, reason.text});
        // Under the lock: an answer from the tablet's thread waits until the id is known.
        // show() never waits on the tablet, so neither does this.
        auto id = tablet_->show({item.name, submissionId, std::move(reasons), kTabletTimeout});
        if (id) {
            active_->requestId = *id;
            active_->place = RatingPlace::Tablet;
            return RatingPlace::Tablet;
        }
        base::log::info(kLog, "review tablet refused the prompt (" + id.error().describe() +
                                  "): rating on the screen");
    }
    auto prompt = toScreenLocked(ScreenReason::NoTablet, std::nullopt);
    lock.unlock();
    screenPrompt.publish(prompt);
    return RatingPlace::Screen;
}

ScreenRatingPrompt RatingFlow::toScreenLocked(ScreenReason why, std::optional<int> level)
{
    active_->place = RatingPlace::Screen;
    active_->requestId.clear();
    active_->tabletLevel = level;
    return {active_->submissionId, active_->itemName, catalog_.reasons, level, why};
}

base::Result<RatingStored> RatingFlow::storeLocked(const hal::Rating& rating, std::string channel)
{
    auto id = service_.rateCase(active_->submissionId, active_->itemCode, rating, channel);
    if (!id)
        return base::fail(id.error());
    RatingStored done{active_->submissionId, *id, std::move(channel), rating.level};
    rated_.insert(active_->submissionId);
    active_.reset();
    return done;
}

void RatingFlow::onOutcome(const hal::RatingOutcome& outcome)
{
    std::unique_lock lock(mutex_);
    if (!active_ || active_->place != RatingPlace::Tablet ||
        active_->requestId != outcome.requestId)
        return; // withdrawn, or moved to the screen meanwhile
    switch (outcome.kind) {
    case hal::RatingOutcomeKind::Rated: {
        auto result = storeLocked(outcome.rating, "tablet");
        if (result) {
            lock.unlock();
            stored.publish(*result);
            return;
        }
        // E.g. a reason code the catalog does not know: the citizen rates again on the screen.
        base::log::warning(kLog, "tablet rating not stored: " + result.error().describe());
        auto prompt = toScreenLocked(ScreenReason::TabletRefused, std::nullopt);
        lock.unlock();
        screenPrompt.publish(prompt);
        return;
    }
    case hal::RatingOutcomeKind::ReasonRequired: {
        auto prompt = toScreenLocked(ScreenReason::ReasonRequired, outcome.rating.level);
        lock.unlock();
        screenPrompt.publish(prompt);
        return;
    }
    case hal::RatingOutcomeKind::TimedOut: {
        const auto submissionId = active_->submissionId;
        active_.reset();
        lock.unlock();
        timedOut.publish(submissionId);
        return;
    }
    case hal::RatingOutcomeKind::Failed: {
        const bool lost = outcome.error.code == hal::errc::no_device;
        base::log::info(kLog, std::string(lost ? "review tablet lost" : "review tablet refused") +
                                  " mid-rating: the prompt moves to the screen");
        auto prompt =
            toScreenLocked(lost ? ScreenReason::TabletLost : ScreenReason::TabletRefused, {});
        lock.unlock();
        screenPrompt.publish(prompt);
        return;
    }
    }
}

base::Result<std::string> RatingFlow::rateOnScreen(const hal::Rating& rating)
{
    std::unique_lock lock(mutex_);
    if (!active_ || active_->place != RatingPlace::Screen)
        return base::fail(ApplicationErrc::no_rating_prompt, "no rating prompt on the screen");
    auto final = rating;
    std::string channel = "kiosk";
    if (active_->tabletLevel) {
        // The evaluator gave the level; the screen only added the reasons.
        final.level = *active_->tabletLevel;
        channel = "tablet";
    }
    auto result = storeLocked(final, std::move(channel));
    if (!result)
        return base::fail(result.error());
    lock.unlock();
    stored.publish(*result);
    return result->evaluationId;
}

void RatingFlow::abandon()
{
    std::string requestId;
    {
        std::lock_guard lock(mutex_);
        if (!active_)
            return;
        if (active_->place == RatingPlace::Tablet)
            requestId = active_->requestId;
        active_.reset();
    }
    if (!requestId.empty())
        tablet_->cancel(requestId);
}

RatingPlace RatingFlow::place() const
{
    std::lock_guard lock(mutex_);
    return active_ ? active_->place : RatingPlace::None;
}

bool RatingFlow::isRated(const std::string& submissionId) const
{
    std::lock_guard lock(mutex_);
    return rated_.contains(submissionId);
}

} // namespace kiosk::core
