// SPDX-License-Identifier: Apache-2.0
// Progress lookup (办件进度查询) for the screen: the platform's case list (queue::queryCases)
// as rows a citizen reads: status words in Chinese, dates in Beijing time, newest first.
#pragma once

#include "offline_queue/platform_client.h"
#include "offline_queue/record.h"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// One row of the progress list. The case belongs to the citizen who identified: shown only
/// in their session, never logged.
struct ProgressRow {
    std::string caseNo;
    std::string itemName;   ///< the platform's item name, else its item code
    std::string status;     ///< the platform's code (received, ..., completed), for styling
    std::string statusText; ///< 已接收, 已受理, 审核中, 已通过, 未通过, 已办结
    /// "2026年11月23日 10:15" in Beijing time (UTC+8); empty when the platform gave no time
    /// or one that is not RFC 3339.
    std::string updatedText;
    std::optional<std::chrono::system_clock::time_point> updatedAt; ///< parsed, for sorting
};

/// The Chinese words for a status code; an unknown code (a newer platform) gets
/// "状态待确认，请咨询工作人员" rather than a guess.
[[nodiscard]] std::string_view progressStatusText(std::string_view status);

/// An RFC 3339 time with offset ("2026-11-23T02:15:00Z", "...T10:15:00.5+08:00"), or
/// std::nullopt when it is not one (or names an impossible date or time, or a year outside
/// 1900-2199).
[[nodiscard]] std::optional<std::chrono::system_clock::time_point>
parseRfc3339(std::string_view text);

/// "2026年11月23日 10:15": `time` in Beijing time, China's one time zone (no daylight saving),
/// whatever offset the platform wrote.
[[nodiscard]] std::string beijingDateTime(std::chrono::system_clock::time_point time);

/// The rows for the screen, newest update first; cases without a readable time come last, in
/// the platform's order.
[[nodiscard]] std::vector<ProgressRow> progressRows(const std::vector<queue::CaseProgress>& cases);

/// Progress by a receipt's QR (ScannedPayload::receiptRef: a case number or a submission id),
/// from this kiosk's own queue (Store::list()), without the citizen's ID: the platform has no
/// lookup by case number. Status: "queued" (已保存在本机，联网后自动提交), "submitted"
/// (已提交，受理号 <caseNo>), or "dead_letter" (提交未成功，请咨询工作人员). The time is when the
/// record was created (queued, dead letter) or delivered; itemName is the item code: put the
/// catalog's name in. std::nullopt when this kiosk holds no such case (another kiosk's receipt,
/// or purged since): the screen offers the lookup by ID card.
[[nodiscard]] std::optional<ProgressRow>
receiptProgress(const std::vector<queue::RecordSummary>& records, std::string_view receiptRef);

} // namespace kiosk::core
