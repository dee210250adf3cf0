// SPDX-License-Identifier: Apache-2.0
// findReceiptCase: a scanned receipt's case in this kiosk's queue, and whether it may still be
// rated here (一次一评), from the queue's record summaries.
#include "kiosk/core/receipt_case.h"

#include <gtest/gtest.h>

using namespace kiosk::core;

namespace {

constexpr auto submissionId = "0f8fad5b-d9cb-469f-a165-70867728950e";

queue::RecordSummary caseRecord(queue::RecordState state)
{
    queue::RecordSummary record;
    record.id = 1;
    record.kind = queue::RecordKind::Case;
    record.state = state;
    record.submissionId = submissionId;
    record.itemCode = "X1";
    record.createdAt = "2026-11-23T02:15:00Z";
    if (state == queue::RecordState::Delivered) {
        record.caseNo = "510703-20261123-000123";
        record.deliveredAt = "2026-11-23T02:16:00Z";
    }
    return record;
}

queue::RecordSummary evaluationRecord(queue::RecordState state, std::string lastError = {})
{
    queue::RecordSummary record;
    record.id = 2;
    record.kind = queue::RecordKind::Evaluation;
    record.state = state;
    record.submissionId = submissionId;
    record.itemCode = "X1";
    record.lastError = std::move(lastError);
    return record;
}

} // namespace

TEST(ReceiptCase, AnUnratedCaseIsFoundBySubmissionIdOrCaseNumberAndMayBeRated)
{
    const std::vector records{caseRecord(queue::RecordState::Delivered)};
    for (const auto* ref : {submissionId, "510703-20261123-000123"}) {
        const auto found = findReceiptCase(records, ref);
        ASSERT_TRUE(found) << ref;
        EXPECT_EQ(found->submissionId, submissionId);
        EXPECT_EQ(found->itemCode, "X1");
        EXPECT_EQ(found->row.caseNo, "510703-20261123-000123");
        EXPECT_EQ(found->row.status, "submitted");
        EXPECT_EQ(found->row.updatedText, "2026年11月23日 10:16");
        EXPECT_EQ(found->rating, ReceiptRating::Open);
        EXPECT_TRUE(receiptRatingMessage(found->rating).empty());
    }
}

TEST(ReceiptCase, AQueuedCaseMayBeRatedNowItsRatingWaitsForIt)
{
    const auto found = findReceiptCase({caseRecord(queue::RecordState::Pending)}, submissionId);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->row.status, "queued");
    EXPECT_EQ(found->rating, ReceiptRating::Open);
}

TEST(ReceiptCase, AnyEvaluationOfTheCaseMeansRatedBeforeAndIsToldKindly)
{
    for (auto state : {queue::RecordState::Pending, queue::RecordState::Delivered,
                       queue::RecordState::DeadLetter}) {
        const std::vector records{caseRecord(queue::RecordState::Delivered),
                                  evaluationRecord(state, "409 already_rated")};
        const auto found = findReceiptCase(records, submissionId);
        ASSERT_TRUE(found);
        EXPECT_EQ(found->rating, ReceiptRating::AlreadyRated) << int(state);
        EXPECT_EQ(receiptRatingMessage(found->rating), "您已评价过此件，感谢您的反馈。");
    }
}

TEST(ReceiptCase, ADeadLetteredEvaluationIsARefusalOthersAreNot)
{
    EXPECT_TRUE(isRefusedEvaluation(evaluationRecord(queue::RecordState::DeadLetter)));
    EXPECT_FALSE(isRefusedEvaluation(evaluationRecord(queue::RecordState::Pending)));
    EXPECT_FALSE(isRefusedEvaluation(caseRecord(queue::RecordState::DeadLetter)));
}

TEST(ReceiptCase, ACaseThatNeverReachedThePlatformCannotBeRated)
{
    const auto found = findReceiptCase({caseRecord(queue::RecordState::DeadLetter)}, submissionId);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->row.status, "dead_letter");
    EXPECT_EQ(found->rating, ReceiptRating::Unavailable);
}

TEST(ReceiptCase, AnotherKiosksReceiptOrAnEvaluationAloneFindsNothing)
{
    EXPECT_FALSE(findReceiptCase({caseRecord(queue::RecordState::Delivered)},
                                 "1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b"));
    EXPECT_FALSE(findReceiptCase({evaluationRecord(queue::RecordState::Pending)}, submissionId));
    EXPECT_FALSE(findReceiptCase({caseRecord(queue::RecordState::Delivered)}, ""));
}
