// SPDX-License-Identifier: Apache-2.0
// queue::Store: the durable SQLite store of the offline queue (WAL, synchronous=FULL).
#pragma once

#include "base/result.h"
#include "offline_queue/record.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <system_error>
#include <vector>

struct sqlite3;

namespace queue {

enum class QueueErrc { database = 1, corrupt, full, not_found, invalid_input };
const std::error_category& category();
inline std::error_code make_error_code(QueueErrc e)
{
    return {static_cast<int>(e), category()};
}

/// Thread-safe: one connection, one mutex; the UI thread writes while the sync loop sends.
/// Every public write is one transaction, so a crash leaves either all of a citizen action
/// or none of it.
class Store {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    /// Opens (creating if needed) the database at `path`, migrating its schema to the current
    /// version. A database from a newer build is refused rather than guessed at.
    [[nodiscard]] static base::Result<std::unique_ptr<Store>>
    open(const std::filesystem::path& path);
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    /// Stores a case and its materials in one transaction and gives the case its
    /// idempotency key (= submissionId) now, once and for all.
    [[nodiscard]] base::Result<SubmissionRef> enqueueCase(CaseInput input);
    /// Stores a rating of a stored case; returns its evaluationId (its idempotency key).
    [[nodiscard]] base::Result<std::string> enqueueEvaluation(EvaluationInput input);

    [[nodiscard]] base::Result<std::vector<RecordSummary>> list() const;
    [[nodiscard]] base::Result<QueueCounts> counts() const;

    // The sync loop's side.

    /// Pending records whose time has come and whose dependencies are met: materials first;
    /// a case once none of its materials is pending; an evaluation once its case is delivered.
    [[nodiscard]] base::Result<std::vector<OutgoingRecord>> due(TimePoint now,
                                                                std::size_t limit) const;
    /// The earliest next attempt of a pending record, if any.
    [[nodiscard]] base::Result<std::optional<TimePoint>> nextAttempt() const;
    /// Delivered: keeps `result` (a case's caseNo) and drops the body, which held personal data.
    [[nodiscard]] base::Result<void> markDelivered(std::int64_t id, std::string_view result,
                                                   TimePoint at);
    /// Not delivered this time; try again at `next`.
    [[nodiscard]] base::Result<void> markRetry(std::int64_t id, std::string_view error,
                                               TimePoint next);
    /// Rejected for good: kept, visible, never retried automatically.
    [[nodiscard]] base::Result<void> markDeadLetter(std::int64_t id, std::string_view error);

    /// The schema version this build writes.
    static constexpr int schemaVersion = 1;

private:
    explicit Store(sqlite3* db);
    base::Result<void> exec(const char* sql) const;
    base::Result<void> migrate();
    base::Result<void> transaction(const std::function<base::Result<void>()>& work);

    sqlite3* db_;
    mutable std::mutex mutex_;
};

} // namespace queue

template <> struct std::is_error_code_enum<queue::QueueErrc> : std::true_type {
};
