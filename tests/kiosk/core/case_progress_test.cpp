// SPDX-License-Identifier: Apache-2.0
// Progress rows: Chinese status words, Beijing dates from any offset, newest first, and
// nothing guessed for what the platform left out or wrote wrongly.
#include "kiosk/core/case_progress.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

queue::CaseProgress progress(std::string caseNo, std::string status, std::string updatedAt,
                             std::string itemName = "居民身份证换领")
{
    return {std::move(caseNo), "11510703MB1234567X4000111700001", std::move(itemName),
            std::move(status), std::move(updatedAt)};
}

TEST(CaseProgress, EveryStatusOfTheContractHasItsWords)
{
    EXPECT_EQ(progressStatusText("received"), "已接收");
    EXPECT_EQ(progressStatusText("accepted"), "已受理");
    EXPECT_EQ(progressStatusText("in_review"), "审核中");
    EXPECT_EQ(progressStatusText("approved"), "已通过");
    EXPECT_EQ(progressStatusText("rejected"), "未通过");
    EXPECT_EQ(progressStatusText("completed"), "已办结");
    EXPECT_EQ(progressStatusText("suspended"), "状态待确认，请咨询工作人员");
    EXPECT_EQ(progressStatusText(""), "状态待确认，请咨询工作人员");
}

TEST(CaseProgress, TimesAreReadWithTheirOffsetAndShownInBeijingTime)
{
    const auto beijing = parseRfc3339("2026-11-23T10:15:00+08:00");
    ASSERT_TRUE(beijing);
    EXPECT_EQ(parseRfc3339("2026-11-23T02:15:00Z"), beijing);
    EXPECT_EQ(parseRfc3339("2026-11-23t02:15:00z"), beijing);
    EXPECT_EQ(parseRfc3339("2026-11-22T21:15:00-05:00"), beijing);
    EXPECT_EQ(parseRfc3339("2026-11-23T07:45:00.250+05:30"), beijing);
    EXPECT_EQ(beijingDateTime(*beijing), "2026年11月23日 10:15");
    // Across midnight and a year's end.
    EXPECT_EQ(beijingDateTime(*parseRfc3339("2026-12-31T16:00:00Z")), "2027年1月1日 00:00");
}

TEST(CaseProgress, WhatIsNotRfc3339IsNoTime)
{
    for (const char* bad : {"", "2026-11-23", "2026-11-23 10:15:00+08:00", "2026-11-23T10:15:00",
                            "2026-02-30T10:15:00Z", "2026-13-01T10:15:00Z", "2026-11-23T24:00:00Z",
                            "2026-11-23T10:60:00Z", "2026-11-23T10:15:00+24:00",
                            "2026-11-23T10:15:00+08:00 ", "yesterday", "0559-11-23T10:15:01+08:00",
                            "9999-12-31T23:59:59Z", "1899-12-31T23:59:59Z", "2200-01-01T00:00:00Z"})
        EXPECT_FALSE(parseRfc3339(bad)) << bad;
}

TEST(CaseProgress, RowsAreNewestFirstWithWordsDatesAndNames)
{
    const std::vector<queue::CaseProgress> cases{
        progress("510703-20261101-000001", "completed", "2026-11-05T09:00:00+08:00"),
        progress("510703-20261123-000123", "in_review", "2026-11-24T01:30:00Z", ""),
        progress("510703-20261110-000050", "rejected", "2026-11-12T16:45:00+08:00"),
    };
    const auto rows = progressRows(cases);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].caseNo, "510703-20261123-000123");
    EXPECT_EQ(rows[0].statusText, "审核中");
    EXPECT_EQ(rows[0].updatedText, "2026年11月24日 09:30");
    EXPECT_EQ(rows[0].itemName, "11510703MB1234567X4000111700001") << "no name: the item code";
    EXPECT_EQ(rows[1].caseNo, "510703-20261110-000050");
    EXPECT_EQ(rows[1].status, "rejected");
    EXPECT_EQ(rows[1].statusText, "未通过");
    EXPECT_EQ(rows[2].caseNo, "510703-20261101-000001");
    EXPECT_EQ(rows[2].itemName, "居民身份证换领");
    EXPECT_EQ(rows[2].updatedText, "2026年11月5日 09:00");
}

TEST(CaseProgress, CasesWithoutAReadableTimeComeLastInThePlatformsOrder)
{
    const std::vector<queue::CaseProgress> cases{
        progress("A", "received", ""),
        progress("B", "accepted", "2026-11-01T08:00:00+08:00"),
        progress("C", "received", "not a time"),
        progress("D", "received", "2026-11-02T08:00:00+08:00"),
    };
    const auto rows = progressRows(cases);
    ASSERT_EQ(rows.size(), 4u);
    EXPECT_EQ(rows[0].caseNo, "D");
    EXPECT_EQ(rows[1].caseNo, "B");
    EXPECT_EQ(rows[2].caseNo, "A");
    EXPECT_EQ(rows[3].caseNo, "C");
    EXPECT_TRUE(rows[2].updatedText.empty());
    EXPECT_TRUE(rows[3].updatedText.empty()) << "never the platform's raw text";
    EXPECT_TRUE(progressRows({}).empty());
}

} // namespace

namespace {

queue::RecordSummary caseRecord(queue::RecordState state, std::string submissionId,
                                std::string caseNo = {})
{
    queue::RecordSummary record;
    record.kind = queue::RecordKind::Case;
    record.state = state;
    record.submissionId = std::move(submissionId);
    record.idempotencyKey = record.submissionId;
    record.itemCode = "11510703MB1234567X4000111700001";
    record.caseNo = std::move(caseNo);
    record.createdAt = "2026-11-23T02:15:00Z";
    if (state == queue::RecordState::Delivered)
        record.deliveredAt = "2026-11-23T02:16:00Z";
    return record;
}

TEST(ReceiptProgress, AReceiptIsFoundByItsSubmissionIdOrCaseNumberInThisKiosksQueue)
{
    const std::string queued = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    const std::string delivered = "9b2c1c66-8d5e-4c1a-b0a3-3c1e2f7d4a10";
    const std::string rejected = "0d7f6c5e-1a2b-4c3d-8e9f-a0b1c2d3e4f5";
    queue::RecordSummary material;
    material.kind = queue::RecordKind::Material;
    material.submissionId = queued;
    const std::vector<queue::RecordSummary> records{
        material, caseRecord(queue::RecordState::Pending, queued),
        caseRecord(queue::RecordState::Delivered, delivered, "510703-20261123-000123"),
        caseRecord(queue::RecordState::DeadLetter, rejected)};

    const auto pending = receiptProgress(records, queued);
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->status, "queued");
    EXPECT_EQ(pending->statusText, "已保存在本机，联网后自动提交");
    EXPECT_TRUE(pending->caseNo.empty()) << "never a made-up case number";
    EXPECT_EQ(pending->updatedText, "2026年11月23日 10:15");

    for (const std::string& ref : {delivered, std::string("510703-20261123-000123")}) {
        const auto submitted = receiptProgress(records, ref);
        ASSERT_TRUE(submitted) << ref;
        EXPECT_EQ(submitted->status, "submitted");
        EXPECT_EQ(submitted->statusText, "已提交，受理号 510703-20261123-000123");
        EXPECT_EQ(submitted->updatedText, "2026年11月23日 10:16");
    }
    const auto dead = receiptProgress(records, rejected);
    ASSERT_TRUE(dead);
    EXPECT_EQ(dead->status, "dead_letter");
    EXPECT_NE(dead->statusText.find("工作人员"), std::string::npos);

    EXPECT_FALSE(receiptProgress(records, "510703-20261123-999999"));
    EXPECT_FALSE(receiptProgress(records, ""));
    EXPECT_FALSE(receiptProgress({}, queued));
}

} // namespace
