// SPDX-License-Identifier: Apache-2.0
// The journey's hooks for a receipt scanned later on an idle screen: its case's progress and
// a late rating (一次一评). What the queue holds is read by the caller (receipt_case.h, on the
// scanner's worker); this file only moves the session and keeps the case on screen.
#include "kiosk/core/journey.h"

#include "base/log.h"

namespace kiosk::core {

namespace {
using S = SessionState;
using E = SessionEvent;
constexpr auto journeyReceiptLog = "journey";
} // namespace

bool takesReceiptScan(SessionState state)
{
    return state == S::Idle || state == S::Searching || state == S::Browsing ||
           state == S::ReceiptShown;
}

void Journey::receiptCaseScanned(std::shared_ptr<const CatalogSnapshot> snapshot,
                                 std::optional<ReceiptCase> found)
{
    if (state() == S::Identifying) { // a progress item's identify screen: shown there
        receiptScanned(found ? std::optional<ProgressRow>(std::move(found->row)) : std::nullopt);
        return;
    }
    if (!takesReceiptScan(state()))
        return;
    const CatalogItem* item = nullptr;
    if (found && snapshot) {
        item = snapshot->catalog().findItem(found->itemCode);
        if (item != nullptr)
            found->row.itemName = item->name; // the row carries the item code until now
    }
    (void)apply(E::ScanReceipt, [&] {
        // A visit of its own: the guide or search shown before goes, no identity is asked.
        session_.forgetCitizen();
        snapshot_ = std::move(snapshot);
        item_ = item;
        fromSearch_ = false;
        session_.setItemCode(item != nullptr ? item->code : std::string());
        session_.setSubmissionId(found ? found->submissionId : std::string());
        progress_->showReceipt(found ? std::optional<ProgressRow>(found->row) : std::nullopt);
        receiptCase_ = std::move(found);
    });
    message_ = std::string(receiptRatingMessage(receiptRating()));
    notify();
}

ReceiptRating Journey::receiptRating() const
{
    return state() == S::ReceiptShown && receiptCase_ ? receiptCase_->rating
                                                      : ReceiptRating::Unavailable;
}

bool Journey::canRateReceipt() const
{
    // The rating needs the case's item (its name on the tablet) and the queue to store it.
    return receiptRating() == ReceiptRating::Open && item_ != nullptr && store_ != nullptr;
}

base::Result<void> Journey::rateReceipt()
{
    if (!canRateReceipt())
        return base::fail(SessionErrc::invalid_transition, "the scanned case cannot be rated");
    // The queue again: a rating may have been stored since the scan (on the tablet, say).
    ApplicationService service(*catalog(), *store_, options_.kioskId, clock_);
    if (service.hasRating(receiptCase_->submissionId)) {
        receiptCase_->rating = ReceiptRating::AlreadyRated;
        message_ = std::string(receiptRatingMessage(ReceiptRating::AlreadyRated));
        notify();
        return base::fail(ApplicationErrc::already_rated, "the case has its rating");
    }
    if (auto moved = apply(E::RateCase); !moved)
        return moved;
    beginRating();
    return {};
}

void Journey::ratingRefused(const std::string& submissionId)
{
    if (submissionId.empty() || submissionId != session_.submissionId())
        return;
    if (state() != S::ReceiptShown && state() != S::Rating && state() != S::Finished)
        return;
    base::log::info(journeyReceiptLog,
                    "the platform refused the case's rating: told as rated before");
    if (receiptCase_)
        receiptCase_->rating = ReceiptRating::AlreadyRated;
    message_ = std::string(receiptRatingMessage(ReceiptRating::AlreadyRated));
    notify();
}

} // namespace kiosk::core
