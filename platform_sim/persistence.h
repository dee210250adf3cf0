// SPDX-License-Identifier: Apache-2.0
// Records: everything the simulator accepted, and the state file that keeps it across restarts.
#pragma once

#include "base/result.h"
#include "platform_sim/records.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace platform_sim {

/// A case as stored: the public record plus a pseudonym of the applicant (SHA-256 of ID type
/// and number), enough to answer progress and document lookups without keeping the number.
struct StoredCase {
    CaseRecord record;
    std::string personDigest;
};

/// What an Idempotency-Key was first used for, and the answer to replay.
struct IdempotencyEntry {
    std::string path;       ///< "/v1/cases", ...
    std::string bodySha256; ///< of the first request's body
    int status = 0;         ///< of the first answer (only 2xx answers are stored)
    std::string body;       ///< of the first answer
};

/// The durable part of the simulator's state.
struct Records {
    std::vector<StoredCase> cases;
    std::map<std::string, MaterialRecord> materials; ///< by sha256
    std::vector<EvaluationRecord> evaluations;
    std::vector<Command> commands;                       ///< pending (not acknowledged)
    std::map<std::string, IdempotencyEntry> idempotency; ///< by key, lower case
    std::int64_t lastCaseSequence = 0;
    std::int64_t lastCommandSequence = 0;
};

/// Reads a state file; a file that does not exist yet reads as empty records.
[[nodiscard]] base::Result<Records> loadRecords(const std::string& path);

/// Writes the state file atomically (see writeFileAtomically).
[[nodiscard]] base::Result<void> saveRecords(const std::string& path, const Records& records);

} // namespace platform_sim
