// SPDX-License-Identifier: Apache-2.0
// queue::Store: the durable SQLite store of the offline queue (WAL, synchronous=FULL).
#pragma once

#include "base/clock.h"
#include "base/result.h"
#include "base/signal.h"
#include "offline_queue/cipher.h"
#include "offline_queue/record.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
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

struct StoreOptions {
    /// The 32-byte key sealing personal data ([queue] key_file); empty: "queue.key" next to
    /// the database. Created (0600, missing folders 0700) with a warning when it does not exist.
    std::filesystem::path keyFile;
    CipherAlg cipher = CipherAlg::Aes256Gcm; ///< for new records; old ones open with theirs
    std::uint64_t maxBytes = 0;              ///< [queue] max_mb; 0: only the disk limits it
    /// New submissions are refused while the disk would keep less than this free.
    std::uint64_t diskReserveBytes = 16u << 20;
    /// Dead letters older than this are deleted (with their personal data) by prune().
    std::chrono::hours deadLetterRetention{24 * 90};
    /// Stamps records (created, settled) and ages them (counts()); tests pass a ManualClock.
    /// Must outlive the store.
    const base::Clock* clock = &base::systemClock();
};

/// One settled attempt, for Store::settle().
struct Settlement {
    enum class Outcome { Delivered, Retry, DeadLetter };
    std::int64_t id = 0;
    Outcome outcome = Outcome::Retry;
    std::string text; ///< delivered: the result (a case's caseNo); otherwise the reason
    std::chrono::system_clock::time_point next; ///< Retry: when to try again
};

/// A change of the queue that the audit trail records: identifiers only, no personal data.
struct QueueEvent {
    enum class Kind { Created, Delivered, DeadLettered, Retried, Purged };
    Kind kind = Kind::Created;
    std::int64_t recordId = 0;            ///< 0 for a change of many records (count says how many)
    std::optional<RecordKind> recordKind; ///< created records
    std::string submissionId;             ///< created records
    std::string itemCode;                 ///< created records
    std::int64_t count = 1;
};

/// "created", "delivered", "dead_lettered", "retried", "purged".
[[nodiscard]] std::string_view toString(QueueEvent::Kind kind);

/// A record in detail for technicians (kioskctl queue show): still no personal data.
struct RecordDetail {
    RecordSummary summary;
    std::int64_t sealedBytes = 0; ///< size of the encrypted body; 0 once purged
    std::string nextAttemptAt;    ///< pending records
    std::string settledAt;        ///< delivered or dead-lettered
};

/// Thread-safe: one connection, one mutex; the UI thread writes while the sync loop sends.
/// Every public write is one transaction, so a crash leaves either all of a citizen action
/// or none of it.
class Store {
public:
    using TimePoint = std::chrono::system_clock::time_point;

    /// Opens (creating if needed) the database at `path`, migrating its schema to the current
    /// version. A database from a newer build is refused rather than guessed at.
    [[nodiscard]] static base::Result<std::unique_ptr<Store>>
    open(const std::filesystem::path& path, StoreOptions options = {});
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    /// Stores a case and its materials in one transaction and gives the case its
    /// idempotency key (= submissionId) now, once and for all. QueueErrc::full when the size
    /// cap or the disk has no room for it; nothing stored before is touched then.
    [[nodiscard]] base::Result<SubmissionRef> enqueueCase(CaseInput input);
    /// Stores a rating of a stored case; returns its evaluationId (its idempotency key).
    [[nodiscard]] base::Result<std::string> enqueueEvaluation(EvaluationInput input);

    [[nodiscard]] base::Result<std::vector<RecordSummary>> list() const;
    [[nodiscard]] base::Result<QueueCounts> counts() const;
    [[nodiscard]] base::Result<RecordDetail> show(std::int64_t id) const;

    // Technicians' and remote commands.

    /// A dead letter back to pending, to be tried again now (QueueErrc::not_found otherwise).
    [[nodiscard]] base::Result<void> retry(std::int64_t id);
    /// Every dead letter back to pending; returns how many.
    [[nodiscard]] base::Result<std::int64_t> retryDeadLetters();
    /// Deletes delivered records (their bodies are already gone); returns how many.
    [[nodiscard]] base::Result<std::int64_t> purgeDelivered();
    /// Deletes dead letters older than the retention; returns how many.
    [[nodiscard]] base::Result<std::int64_t> prune(TimePoint now);

    // The sync loop's side.

    /// Pending records whose time has come and whose dependencies are met: materials first;
    /// a case once none of its materials is pending; an evaluation once its case is delivered.
    /// A body that does not decrypt (wrong key) is dead-lettered with that reason instead.
    [[nodiscard]] base::Result<std::vector<OutgoingRecord>> due(TimePoint now, std::size_t limit);
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
    /// The outcomes of a batch of attempts in one transaction (one fsync, not one per record).
    [[nodiscard]] base::Result<void> settle(const std::vector<Settlement>& settlements);
    /// The link is back: records that waited because of a link failure are due now.
    [[nodiscard]] base::Result<std::int64_t> wakeLinkFailures(TimePoint now);

    /// Every record created, delivered, dead-lettered, retried or purged, once its transaction
    /// committed; emitted on the thread that made the change, with no store lock held (a slot
    /// may write a file). The audit trail listens (kiosk/core): the queue knows nothing of it.
    base::Signal<const QueueEvent&> changed;

    /// The schema version this build writes.
    static constexpr int schemaVersion = 2;

private:
    Store(sqlite3* db, std::filesystem::path path, StoreOptions options, const CipherKey& key);
    base::Result<void> exec(const char* sql) const;
    base::Result<std::vector<OutgoingRecord>> dueUnpublished(TimePoint now, std::size_t limit);
    base::Result<void> migrate();
    base::Result<void> transaction(const std::function<base::Result<void>()>& work);
    base::Result<void> migrateToV2();
    base::Result<void> checkRoom(std::uint64_t needed) const;
    base::Result<void> insertRecord(RecordKind kind, std::string_view key,
                                    std::string_view submissionId, std::string_view itemCode,
                                    std::string_view contentType, std::string_view sha256,
                                    std::string_view body);
    base::Result<void> settleOne(const Settlement& settlement, std::int64_t nowMs);
    base::Result<std::int64_t> change(const char* sql, std::int64_t value);
    /// Publishes one event for `rows` changed records, if any.
    base::Result<std::int64_t> publishCount(base::Result<std::int64_t> rows, QueueEvent::Kind kind);
    /// Publishes the events collected under the lock (call without it).
    void publishChanges();

    sqlite3* db_;
    std::filesystem::path path_;
    StoreOptions options_;
    Cipher cipher_;
    mutable std::mutex mutex_;
    std::vector<QueueEvent> unpublished_; ///< guarded by mutex_; see publishChanges()
};

} // namespace queue

template <> struct std::is_error_code_enum<queue::QueueErrc> : std::true_type {
};
