// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/case_progress.h"
#include "base/citizen_text.h"
#include "kiosk/core/citizen_words.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <regex>
#include <utility>

namespace kiosk::core {

namespace {

using namespace std::chrono;

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> statusWords{{
    {"received", base::CitizenText::tr("已接收")},
    {"accepted", base::CitizenText::tr("已受理")},
    {"in_review", base::CitizenText::tr("审核中")},
    {"approved", base::CitizenText::tr("已通过")},
    {"rejected", base::CitizenText::tr("未通过")},
    {"completed", base::CitizenText::tr("已办结")},
}};

/// China Standard Time: UTC+8 all year.
constexpr hours beijingOffset{8};

int number(const std::csub_match& match)
{
    return std::stoi(match.str());
}

ProgressRow rowOf(const queue::CaseProgress& progress)
{
    ProgressRow row;
    row.caseNo = progress.caseNo;
    row.itemName = progress.itemName.empty() ? progress.itemCode : progress.itemName;
    row.status = progress.status;
    row.statusText = std::string(progressStatusText(progress.status));
    row.updatedAt = parseRfc3339(progress.updatedAt);
    if (row.updatedAt)
        row.updatedText = beijingDateTime(*row.updatedAt);
    return row;
}

} // namespace

std::string_view progressStatusText(std::string_view status)
{
    for (const auto& [code, words] : statusWords)
        if (code == status)
            return words;
    return base::CitizenText::tr("状态待确认，请咨询工作人员");
}

std::optional<system_clock::time_point> parseRfc3339(std::string_view text)
{
    // The contract's form (specs/platform-api.md: RFC 3339 with offset); leap seconds are
    // read as :59, the same minute for the screen.
    static const std::regex pattern(
        R"((\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2})))");
    std::cmatch m;
    if (text.size() > 64 || !std::regex_match(text.data(), text.data() + text.size(), m, pattern))
        return std::nullopt;
    const year_month_day date{year{number(m[1])}, month{unsigned(number(m[2]))},
                              day{unsigned(number(m[3]))}};
    const int hour = number(m[4]), minute = number(m[5]), second = number(m[6]);
    const int offsetHours = m[8].matched ? 0 : number(m[10]);
    const int offsetMinutes = m[8].matched ? 0 : number(m[11]);
    // Years the platform can mean; also inside system_clock's range (1678-2262 with
    // nanoseconds), which the conversion below must not leave (found by platform_answer_fuzz).
    const bool plausibleYear = int(date.year()) >= 1900 && int(date.year()) <= 2199;
    if (!plausibleYear || !date.ok() || hour > 23 || minute > 59 || second > 60 ||
        offsetHours > 23 || offsetMinutes > 59)
        return std::nullopt;
    const auto offset = hours(offsetHours) + minutes(offsetMinutes);
    const auto local =
        sys_days(date) + hours(hour) + minutes(minute) + seconds(std::min(second, 59));
    const auto utc = m[9].matched && m[9].str() == "-" ? local + offset : local - offset;
    return time_point_cast<system_clock::duration>(utc);
}

std::string beijingDateTime(system_clock::time_point time)
{
    const auto local = floor<minutes>(time) + beijingOffset;
    const auto day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss clock{local - day};
    const auto twoDigits = [](long value) {
        char text[8];
        std::snprintf(text, sizeof text, "%02ld", value);
        return std::string(text);
    };
    return base::CitizenText::format(words::dateTime, {std::to_string(int(date.year())),
                                                       std::to_string(unsigned(date.month())),
                                                       std::to_string(unsigned(date.day())),
                                                       twoDigits(long(clock.hours().count())),
                                                       twoDigits(long(clock.minutes().count()))});
}

std::optional<ProgressRow> receiptProgress(const std::vector<queue::RecordSummary>& records,
                                           std::string_view receiptRef)
{
    if (receiptRef.empty())
        return std::nullopt;
    const auto found = std::ranges::find_if(records, [&](const queue::RecordSummary& record) {
        return record.kind == queue::RecordKind::Case &&
               (record.submissionId == receiptRef || record.caseNo == receiptRef);
    });
    if (found == records.end())
        return std::nullopt;
    ProgressRow row;
    row.caseNo = found->caseNo;
    row.itemName = found->itemCode;
    std::string_view when = found->createdAt;
    switch (found->state) {
    case queue::RecordState::Pending:
        row.status = "queued";
        row.statusText = base::CitizenText::tr("已保存在本机，联网后自动提交");
        break;
    case queue::RecordState::Delivered:
        row.status = "submitted";
        row.statusText = base::CitizenText::format(words::submittedAs, {found->caseNo});
        when = found->deliveredAt;
        break;
    case queue::RecordState::DeadLetter:
        row.status = "dead_letter";
        row.statusText = base::CitizenText::tr("提交未成功，请咨询工作人员");
        break;
    }
    row.updatedAt = parseRfc3339(when);
    if (row.updatedAt)
        row.updatedText = beijingDateTime(*row.updatedAt);
    return row;
}

std::vector<ProgressRow> progressRows(const std::vector<queue::CaseProgress>& cases)
{
    std::vector<ProgressRow> rows;
    rows.reserve(cases.size());
    for (const auto& progress : cases)
        rows.push_back(rowOf(progress));
    // Stable: equal times and the undated keep the platform's order.
    std::ranges::stable_sort(rows, [](const ProgressRow& a, const ProgressRow& b) {
        if (a.updatedAt && b.updatedAt)
            return *a.updatedAt > *b.updatedAt;
        return a.updatedAt.has_value() && !b.updatedAt.has_value();
    });
    return rows;
}

} // namespace kiosk::core
