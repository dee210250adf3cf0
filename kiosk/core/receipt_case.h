// SPDX-License-Identifier: Apache-2.0
// ReceiptCase: what a receipt's QR, scanned later on an idle screen, finds in this kiosk's
// queue: the case's progress (case number, item, status, time: never the applicant) and
// whether the citizen may still rate it here (一次一评).
#pragma once

#include "base/citizen_text.h"
#include "kiosk/core/case_progress.h"
#include "offline_queue/record.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// May the case of a scanned receipt be rated here?
enum class ReceiptRating {
    Open,         ///< no evaluation of it in the queue: the kiosk offers the rating once
    AlreadyRated, ///< one is queued or delivered, or the platform refused one (409 already_rated,
                  ///< or any other permanent answer: a dead-lettered evaluation)
    Unavailable,  ///< the case itself never reached the platform (dead letter): nothing to rate
};
[[nodiscard]] std::string_view
toString(ReceiptRating rating); ///< open | already_rated | unavailable

struct ReceiptCase {
    ProgressRow row;          ///< receiptProgress()'s row: itemName is the item code until named
    std::string submissionId; ///< the case's, for the evaluation record
    std::string itemCode;
    ReceiptRating rating = ReceiptRating::Unavailable;
};

/// The case a receipt ref (case number or submission id) names in `records` (Store::list()),
/// with its rating state; std::nullopt when this kiosk holds no such case (another kiosk's
/// receipt, or purged since). The platform cannot be asked instead: POST /v1/cases/query needs
/// the citizen's ID number, and a receipt alone must not stand for an identity (README).
[[nodiscard]] std::optional<ReceiptCase>
findReceiptCase(const std::vector<queue::RecordSummary>& records, std::string_view receiptRef);

/// The kind words for a case rated before (您已评价过此件，感谢您的反馈); empty for the others.
[[nodiscard]] std::string_view receiptRatingMessage(ReceiptRating rating);

/// What the home, search and guide screens say about a scanned code that is no receipt (an
/// identity code is not resolved there: nobody asked to identify).
inline constexpr std::string_view kNotAReceiptMessage = base::CitizenText::tr(
    "这不是回执上的二维码。查询办理进度或评价，请扫描本中心打印的回执上的二维码。");

/// True for an evaluation record the platform refused for good: shown as "already rated".
[[nodiscard]] bool isRefusedEvaluation(const queue::RecordSummary& record);

} // namespace kiosk::core
