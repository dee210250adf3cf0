// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/receipt_case.h"
#include "base/citizen_text.h"

#include <algorithm>

namespace kiosk::core {

std::string_view toString(ReceiptRating rating)
{
    switch (rating) {
    case ReceiptRating::Open:
        return "open";
    case ReceiptRating::AlreadyRated:
        return "already_rated";
    case ReceiptRating::Unavailable:
        return "unavailable";
    }
    return "unavailable";
}

bool isRefusedEvaluation(const queue::RecordSummary& record)
{
    return record.kind == queue::RecordKind::Evaluation &&
           record.state == queue::RecordState::DeadLetter;
}

std::optional<ReceiptCase> findReceiptCase(const std::vector<queue::RecordSummary>& records,
                                           std::string_view receiptRef)
{
    auto row = receiptProgress(records, receiptRef);
    if (!row)
        return std::nullopt;
    const auto found = std::ranges::find_if(records, [&](const queue::RecordSummary& record) {
        return record.kind == queue::RecordKind::Case &&
               (record.submissionId == receiptRef || record.caseNo == receiptRef);
    });
    ReceiptCase result{std::move(*row), found->submissionId, found->itemCode, ReceiptRating::Open};
    // Any evaluation of the case counts, whatever became of it: queued, delivered, or refused
    // by the platform (it rated the case before: another kiosk, its own QR page, the default).
    const bool rated = std::ranges::any_of(records, [&](const queue::RecordSummary& record) {
        return record.kind == queue::RecordKind::Evaluation &&
               record.submissionId == found->submissionId;
    });
    if (rated)
        result.rating = ReceiptRating::AlreadyRated;
    else if (found->state == queue::RecordState::DeadLetter)
        result.rating = ReceiptRating::Unavailable;
    return result;
}

std::string_view receiptRatingMessage(ReceiptRating rating)
{
    return rating == ReceiptRating::AlreadyRated
               ? base::CitizenText::tr("您已评价过此件，感谢您的反馈。")
               : "";
}

} // namespace kiosk::core
