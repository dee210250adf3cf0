// SPDX-License-Identifier: Apache-2.0
// The records of the offline queue: what a citizen action stores and what the sync loop sends.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace queue {

/// What a record is sent as: PUT /v1/materials/{sha256}, POST /v1/cases, POST /v1/evaluations.
enum class RecordKind { Material, Case, Evaluation };

/// Pending until the platform accepts it (Delivered) or rejects it for good (DeadLetter).
enum class RecordState { Pending, Delivered, DeadLetter };

std::string_view toString(RecordKind value);  ///< material | case | evaluation
std::string_view toString(RecordState value); ///< pending | delivered | dead_letter
std::optional<RecordKind> recordKindFromString(std::string_view text);
std::optional<RecordState> recordStateFromString(std::string_view text);

/// A material (a photographed document) attached to a case.
struct MaterialInput {
    std::string name;        ///< "户口簿首页"
    std::string contentType; ///< "image/jpeg"
    std::vector<std::uint8_t> bytes;
};

/// One application: the POST /v1/cases body without "submissionId" and "materials", which the
/// store fills in (the id is the idempotency key, generated when the record is first stored).
struct CaseInput {
    nlohmann::json body;
    std::vector<MaterialInput> materials;
};

/// One rating of a stored case: the POST /v1/evaluations body without "evaluationId",
/// "submissionId" and "caseNo", which the store and the sync loop fill in.
struct EvaluationInput {
    std::string submissionId; ///< the rated case
    nlohmann::json body;
};

/// What the citizen's receipt refers to once a case is stored.
struct SubmissionRef {
    std::string submissionId;
    std::int64_t caseRecordId = 0;
};

/// A record as technicians see it: no personal data, only identifiers and states.
struct RecordSummary {
    std::int64_t id = 0;
    RecordKind kind = RecordKind::Case;
    RecordState state = RecordState::Pending;
    std::string idempotencyKey;
    std::string submissionId;
    std::string itemCode;
    int attempts = 0;
    std::string lastError;
    std::string caseNo; ///< cases, once delivered
    std::string createdAt;
    std::string deliveredAt;
};

/// One record due for sending, with its body.
struct OutgoingRecord {
    std::int64_t id = 0;
    RecordKind kind = RecordKind::Case;
    std::string idempotencyKey;
    std::string submissionId;
    std::string contentType;
    std::string sha256; ///< materials: the hex digest that names them
    std::string body;   ///< JSON text, or the material's bytes
    std::string caseNo; ///< evaluations: the case's number once it is known
    int attempts = 0;
};

struct QueueCounts {
    std::int64_t pending = 0;
    std::int64_t delivered = 0;
    std::int64_t deadLetter = 0;
    std::int64_t oldestPendingAgeS = 0; ///< 0 when nothing is pending
};

} // namespace queue
