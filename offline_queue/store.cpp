// SPDX-License-Identifier: Apache-2.0
#include "offline_queue/store.h"

#include "base/clock.h"
#include "base/json_reader.h"
#include "base/log.h"
#include "base/random.h"
#include "base/secure_buffer.h"
#include "offline_queue/digest.h"
#include "offline_queue/sqlite_statement.h"

#include <sqlite3.h>

#include <array>
#include <cerrno>

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace queue {

namespace {

class QueueCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "queue"; }
    std::string message(int value) const override
    {
        switch (static_cast<QueueErrc>(value)) {
        case QueueErrc::database:
            return "queue database error";
        case QueueErrc::corrupt:
            return "queue database is damaged";
        case QueueErrc::full:
            return "queue is full";
        case QueueErrc::not_found:
            return "no such record";
        case QueueErrc::invalid_input:
            return "invalid record";
        }
        return "queue error";
    }
};

constexpr std::array kindNames{"material", "case", "evaluation"};
constexpr std::array stateNames{"pending", "delivered", "dead_letter"};

/// Schema version 1. Bodies hold the request exactly as it will be sent, so every retry sends
/// the same bytes under the same idempotency key; they are dropped once delivered.
constexpr const char* schemaV1 = R"sql(
CREATE TABLE records (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL CHECK (kind IN ('material', 'case', 'evaluation')),
  state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead_letter')),
  idempotency_key TEXT    NOT NULL UNIQUE,
  submission_id   TEXT    NOT NULL,
  item_code       TEXT    NOT NULL DEFAULT '',
  content_type    TEXT    NOT NULL DEFAULT 'application/json',
  sha256          TEXT    NOT NULL DEFAULT '',
  body            BLOB,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT    NOT NULL DEFAULT '',
  result          TEXT    NOT NULL DEFAULT '',
  created_ms      INTEGER NOT NULL,
  created_at      TEXT    NOT NULL,
  delivered_at    TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX records_due ON records (state, next_attempt_ms);
CREATE INDEX records_submission ON records (submission_id, kind);
)sql";

/// Schema version 2: bodies are sealed (cipher.h) and settled records carry the time they
/// settled, for the dead-letter retention.
constexpr const char* schemaV2 = "ALTER TABLE records ADD COLUMN settled_ms INTEGER NOT NULL "
                                 "DEFAULT 0";

constexpr std::string_view storeLog = "queue/store";

/// What binds a sealed body to its record.
std::string aadFor(std::string_view kind, std::string_view key)
{
    return std::string(kind) + ":" + std::string(key);
}

std::int64_t toMs(Store::TimePoint time)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

Store::TimePoint fromMs(std::int64_t ms)
{
    return Store::TimePoint(std::chrono::milliseconds(ms));
}

} // namespace

const std::error_category& category()
{
    static const QueueCategory instance;
    return instance;
}

std::string_view toString(RecordKind value)
{
    return kindNames[static_cast<std::size_t>(value)];
}

std::string_view toString(RecordState value)
{
    return stateNames[static_cast<std::size_t>(value)];
}

std::string_view toString(QueueEvent::Kind kind)
{
    static constexpr std::array<std::string_view, 5> names{"created", "delivered", "dead_lettered",
                                                           "retried", "purged"};
    return names[static_cast<std::size_t>(kind)];
}

std::optional<RecordKind> recordKindFromString(std::string_view text)
{
    for (std::size_t i = 0; i < kindNames.size(); ++i)
        if (text == kindNames[i])
            return static_cast<RecordKind>(i);
    return std::nullopt;
}

std::optional<RecordState> recordStateFromString(std::string_view text)
{
    for (std::size_t i = 0; i < stateNames.size(); ++i)
        if (text == stateNames[i])
            return static_cast<RecordState>(i);
    return std::nullopt;
}

namespace {

/// Creates the database file readable by its owner only, before SQLite does (SQLite would use
/// 0644); the -wal and -shm files SQLite adds take the same mode.
base::Result<void> createPrivateFile(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return base::fail(base::fromErrno("create " + path.string(), errno));
    ::close(fd);
    return {};
}

} // namespace

base::Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path,
                                                 StoreOptions options)
{
    if (options.keyFile.empty())
        options.keyFile = path.parent_path() / "queue.key";
    if (options.clock == nullptr)
        options.clock = &base::systemClock();
    KeyFileMade keyMade;
    auto key = loadOrCreateKey(options.keyFile, keyMade);
    if (!key)
        return base::fail(key.error());
    if (!keyMade.folder.empty())
        base::log::warning(storeLog, "created the missing folder " + keyMade.folder.string() +
                                         " (mode 0700) for the queue key");
    if (keyMade.key)
        base::log::warning(storeLog, "created a new queue key " + options.keyFile.string() +
                                         "; back it up with the kiosk's records, or records "
                                         "sealed with it cannot be read again");
    if (auto made = createPrivateFile(path); !made)
        return base::fail(made.error());
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        auto error = sqliteError(db, "open " + path.string());
        sqlite3_close(db);
        return base::fail(error);
    }
    std::unique_ptr<Store> store(new Store(db, path, options, *key));
    base::secureZero(key->data(), key->size());
    // WAL + synchronous=FULL: a committed transaction survives a power cut. secure_delete
    // overwrites deleted content, so purged personal data does not linger in free pages.
    for (const char* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA secure_delete=ON",
          "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000"})
        if (auto done = store->exec(pragma); !done)
            return base::fail(done.error().withContext(path.string()));
    if (auto migrated = store->migrate(); !migrated)
        return base::fail(migrated.error().withContext(path.string()));
    if (options.maxBytes > 0) {
        // The cap in pages: SQLite answers SQLITE_FULL past it, and rolls the transaction back.
        Statement pageSize(db, "PRAGMA page_size");
        auto row = pageSize.ok() ? pageSize.step() : base::fail(pageSize.error("page size"));
        if (!row)
            return base::fail(row.error());
        const auto pages = options.maxBytes / static_cast<std::uint64_t>(pageSize.integer(0));
        const std::string sql = "PRAGMA max_page_count = " + std::to_string(pages);
        if (auto done = store->exec(sql.c_str()); !done)
            return base::fail(done.error());
    }
    return store;
}

Store::Store(sqlite3* db, std::filesystem::path path, StoreOptions options, const CipherKey& key)
    : db_(db), path_(std::move(path)), options_(std::move(options)), cipher_(key, options_.cipher)
{
}

Store::~Store()
{
    sqlite3_close(db_);
}

base::Result<void> Store::exec(const char* sql) const
{
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        auto error = sqliteError(db_, sql);
        sqlite3_free(message);
        return base::fail(error);
    }
    return {};
}

base::Result<void> Store::migrate()
{
    std::int64_t current = 0;
    {
        Statement version(db_, "PRAGMA user_version");
        auto row = version.ok() ? version.step() : base::fail(version.error("read schema version"));
        if (!row)
            return base::fail(row.error());
        current = version.integer(0);
    }
    if (current > schemaVersion)
        return base::fail(QueueErrc::database, "schema version " + std::to_string(current) +
                                                   " is newer than this build's (" +
                                                   std::to_string(schemaVersion) +
                                                   "); refusing to touch it");
    // Each step migrates one version up, in its own transaction.
    if (current < 1)
        if (auto done = transaction([this]() -> base::Result<void> {
                if (auto created = exec(schemaV1); !created)
                    return created;
                return exec("PRAGMA user_version = 1");
            });
            !done)
            return done;
    if (current < 2)
        if (auto done = transaction([this] { return migrateToV2(); }); !done)
            return done;
    if (current >= 1 && current < 2) {
        // The plaintext bodies of version 1 are overwritten (secure_delete) but may linger in
        // the WAL and in freed pages: checkpoint and rebuild the file without them.
        if (auto done = exec("PRAGMA wal_checkpoint(TRUNCATE)"); !done)
            return done;
        if (auto done = exec("VACUUM"); !done)
            return done;
        return exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return {};
}

/// Version 1 kept bodies in plaintext: seal every one in place.
base::Result<void> Store::migrateToV2()
{
    if (auto altered = exec(schemaV2); !altered)
        return altered;
    if (auto dated = exec("UPDATE records SET settled_ms = created_ms WHERE state != 'pending'");
        !dated)
        return dated;
    Statement select(db_, "SELECT id, kind, idempotency_key, body FROM records "
                          "WHERE body IS NOT NULL");
    if (!select.ok())
        return base::fail(select.error("read version 1 bodies"));
    auto row = select.step();
    for (; row && *row; row = select.step()) {
        std::string plain = select.text(3);
        auto sealed = cipher_.seal(plain, aadFor(select.text(1), select.text(2)));
        base::secureZero(plain);
        if (!sealed)
            return base::fail(sealed.error());
        Statement update(db_, "UPDATE records SET body = ? WHERE id = ?");
        update.bindBlob(1, *sealed).bind(2, select.integer(0));
        if (auto done = update.ok() ? update.run() : base::fail(update.error("seal")); !done)
            return done;
    }
    if (!row)
        return base::fail(row.error());
    return exec("PRAGMA user_version = 2");
}

base::Result<void> Store::checkRoom(std::uint64_t needed) const
{
    struct statvfs disk {};
    const auto dir = path_.parent_path().empty() ? std::filesystem::path(".") : path_.parent_path();
    if (::statvfs(dir.c_str(), &disk) != 0)
        return base::fail(base::fromErrno("statvfs " + dir.string(), errno));
    const auto free = static_cast<std::uint64_t>(disk.f_bavail) * disk.f_frsize;
    // Twice the size: the WAL holds the pages once more until the next checkpoint.
    if (free < 2 * needed + options_.diskReserveBytes)
        return base::fail(QueueErrc::full, "the disk holding " + path_.string() + " has only " +
                                               std::to_string(free >> 20) +
                                               " MiB free; new submissions are refused");
    return {};
}

base::Result<void> Store::insertRecord(RecordKind kind, std::string_view key,
                                       std::string_view submissionId, std::string_view itemCode,
                                       std::string_view contentType, std::string_view sha256,
                                       std::string_view body)
{
    auto sealed = cipher_.seal(body, aadFor(toString(kind), key));
    if (!sealed)
        return base::fail(sealed.error());
    Statement insert(
        db_, "INSERT INTO records (kind, idempotency_key, submission_id, item_code, content_type, "
             "sha256, body, created_ms, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
    if (!insert.ok())
        return base::fail(insert.error("prepare insert"));
    const auto now = options_.clock->now();
    insert.bind(1, toString(kind))
        .bind(2, key)
        .bind(3, submissionId)
        .bind(4, itemCode)
        .bind(5, contentType);
    insert.bind(6, sha256).bindBlob(7, *sealed).bind(8, toMs(now)).bind(9, base::toRfc3339(now));
    return insert.run();
}

base::Result<void> Store::transaction(const std::function<base::Result<void>()>& work)
{
    if (auto begun = exec("BEGIN IMMEDIATE"); !begun)
        return begun;
    auto result = work();
    if (result)
        result = exec("COMMIT");
    if (!result)
        (void)exec("ROLLBACK");
    return result;
}

base::Result<SubmissionRef> Store::enqueueCase(CaseInput input)
{
    // The body holds the applicant's data in the clear, the materials their photos: zeroed on
    // every way out, once sealed.
    struct WipeBody {
        CaseInput& input;
        ~WipeBody()
        {
            base::json::wipe(input.body);
            for (auto& material : input.materials)
                base::secureZero(material.bytes);
        }
    } wipeBody{input};
    if (!input.body.is_object())
        return base::fail(QueueErrc::invalid_input, "case body must be a JSON object");
    // The body is the kiosk's own, but its strings come from a form and a card: read and
    // serialised with the checked reader, so a wrong type is refused rather than thrown.
    const auto itemCode =
        base::json::Reader(input.body).optionalString("itemCode", base::json::maxTokenLength);
    auto serialised = base::json::dump(input.body);
    if (!itemCode || !serialised)
        return base::fail(QueueErrc::invalid_input,
                          "case body: " +
                              (itemCode ? serialised.error() : itemCode.error()).message);
    std::uint64_t needed = serialised->size(); // only its size is needed
    base::secureZero(*serialised);
    SubmissionRef ref{base::makeUuidV4(), 0};
    nlohmann::json materials = nlohmann::json::array();
    for (const auto& material : input.materials)
        needed += material.bytes.size();
    std::unique_lock lock(mutex_);
    if (auto room = checkRoom(needed); !room)
        return base::fail(room.error());
    std::vector<QueueEvent> created;
    auto stored = transaction([&]() -> base::Result<void> {
        for (const auto& material : input.materials) {
            const std::string_view bytes(reinterpret_cast<const char*>(material.bytes.data()),
                                         material.bytes.size());
            const auto digest = sha256Hex(bytes);
            materials.push_back({{"name", material.name},
                                 {"sha256", digest},
                                 {"size", material.bytes.size()},
                                 {"contentType", material.contentType}});
            if (auto done =
                    insertRecord(RecordKind::Material, base::makeUuidV4(), ref.submissionId,
                                 itemCode->value_or(""), material.contentType, digest, bytes);
                !done)
                return done;
            created.push_back({QueueEvent::Kind::Created, sqlite3_last_insert_rowid(db_),
                               RecordKind::Material, ref.submissionId, itemCode->value_or(""), 1});
        }
        input.body["submissionId"] = ref.submissionId;
        input.body["materials"] = std::move(materials);
        auto plain = base::json::dump(input.body);
        if (!plain)
            return base::fail(QueueErrc::invalid_input, "case body: " + plain.error().message);
        auto done = insertRecord(RecordKind::Case, ref.submissionId, ref.submissionId,
                                 itemCode->value_or(""), "application/json", "", *plain);
        base::secureZero(*plain);
        if (!done)
            return done;
        ref.caseRecordId = sqlite3_last_insert_rowid(db_);
        created.push_back({QueueEvent::Kind::Created, ref.caseRecordId, RecordKind::Case,
                           ref.submissionId, itemCode->value_or(""), 1});
        return {};
    });
    lock.unlock();
    if (!stored)
        return base::fail(stored.error().withContext("store case"));
    for (const auto& event : created)
        changed.publish(event);
    return ref;
}

base::Result<std::string> Store::enqueueEvaluation(EvaluationInput input)
{
    if (!input.body.is_object())
        return base::fail(QueueErrc::invalid_input, "evaluation body must be a JSON object");
    const std::string evaluationId = base::makeUuidV4();
    input.body["evaluationId"] = evaluationId;
    input.body["submissionId"] = input.submissionId;
    const auto plain = base::json::dump(input.body);
    if (!plain)
        return base::fail(QueueErrc::invalid_input, "evaluation body: " + plain.error().message);
    std::unique_lock lock(mutex_);
    if (auto room = checkRoom(plain->size()); !room)
        return base::fail(room.error());
    QueueEvent created{QueueEvent::Kind::Created, 0,  RecordKind::Evaluation,
                       input.submissionId,        "", 1};
    auto stored = transaction([&]() -> base::Result<void> {
        Statement find(db_,
                       "SELECT item_code FROM records WHERE kind = 'case' AND submission_id = ?");
        find.bind(1, input.submissionId);
        auto row = find.ok() ? find.step() : base::fail(find.error("find case"));
        if (!row)
            return base::fail(row.error());
        if (!*row)
            return base::fail(QueueErrc::not_found,
                              "no stored case " + input.submissionId + " to rate");
        created.itemCode = find.text(0);
        auto done = insertRecord(RecordKind::Evaluation, evaluationId, input.submissionId,
                                 created.itemCode, "application/json", "", *plain);
        created.recordId = sqlite3_last_insert_rowid(db_);
        return done;
    });
    lock.unlock();
    if (!stored)
        return base::fail(stored.error().withContext("store evaluation"));
    changed.publish(created);
    return evaluationId;
}

base::Result<std::vector<RecordSummary>> Store::list() const
{
    std::lock_guard lock(mutex_);
    Statement select(db_,
                     "SELECT id, kind, state, idempotency_key, submission_id, item_code, attempts, "
                     "last_error, result, created_at, delivered_at FROM records ORDER BY id");
    if (!select.ok())
        return base::fail(select.error("list"));
    std::vector<RecordSummary> records;
    for (auto row = select.step(); row && *row; row = select.step()) {
        RecordSummary r;
        r.id = select.integer(0);
        r.kind = recordKindFromString(select.text(1)).value_or(RecordKind::Case);
        r.state = recordStateFromString(select.text(2)).value_or(RecordState::Pending);
        r.idempotencyKey = select.text(3);
        r.submissionId = select.text(4);
        r.itemCode = select.text(5);
        r.attempts = static_cast<int>(select.integer(6));
        r.lastError = select.text(7);
        r.caseNo = r.kind == RecordKind::Case ? select.text(8) : std::string{};
        r.createdAt = select.text(9);
        r.deliveredAt = select.text(10);
        records.push_back(std::move(r));
    }
    return records;
}

base::Result<QueueCounts> Store::counts() const
{
    std::lock_guard lock(mutex_);
    Statement select(db_,
                     "SELECT "
                     "COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'delivered'), 0), "
                     "COALESCE(SUM(state = 'dead_letter'), 0), "
                     "MIN(CASE WHEN state = 'pending' THEN created_ms END) FROM records");
    auto row = select.ok() ? select.step() : base::fail(select.error("count"));
    if (!row)
        return base::fail(row.error());
    QueueCounts counts{select.integer(0), select.integer(1), select.integer(2), 0};
    if (counts.pending > 0) {
        const auto oldest = fromMs(select.integer(3));
        counts.oldestPendingAgeS = std::max<std::int64_t>(
            0, std::chrono::duration_cast<std::chrono::seconds>(options_.clock->now() - oldest)
                   .count());
    }
    return counts;
}

base::Result<std::vector<OutgoingRecord>> Store::due(TimePoint now, std::size_t limit)
{
    auto records = dueUnpublished(now, limit);
    publishChanges(); // records that do not decrypt were dead-lettered
    return records;
}

base::Result<std::vector<OutgoingRecord>> Store::dueUnpublished(TimePoint now, std::size_t limit)
{
    // Dependencies: a case waits for its pending materials; an evaluation for its delivered case.
    static constexpr const char* sql = R"sql(
SELECT r.id, r.kind, r.idempotency_key, r.submission_id, r.content_type, r.sha256, r.body, r.attempts,
       COALESCE(c.result, '')
FROM records r
LEFT JOIN records c ON r.kind = 'evaluation' AND c.kind = 'case' AND c.submission_id = r.submission_id
WHERE r.state = 'pending' AND r.next_attempt_ms <= ?1
  AND (r.kind != 'case' OR NOT EXISTS (SELECT 1 FROM records m WHERE m.kind = 'material'
                                       AND m.submission_id = r.submission_id AND m.state = 'pending'))
  AND (r.kind != 'evaluation' OR c.state = 'delivered')
ORDER BY CASE r.kind WHEN 'material' THEN 0 WHEN 'case' THEN 1 ELSE 2 END, r.id
LIMIT ?2)sql";
    std::lock_guard lock(mutex_);
    Statement select(db_, sql);
    if (!select.ok())
        return base::fail(select.error("select due records"));
    select.bind(1, toMs(now)).bind(2, static_cast<std::int64_t>(limit));
    std::vector<OutgoingRecord> records;
    std::vector<std::int64_t> unreadable;
    auto row = select.step();
    for (; row && *row; row = select.step()) {
        OutgoingRecord r;
        r.id = select.integer(0);
        r.kind = recordKindFromString(select.text(1)).value_or(RecordKind::Case);
        r.idempotencyKey = select.text(2);
        r.submissionId = select.text(3);
        r.contentType = select.text(4);
        r.sha256 = select.text(5);
        r.attempts = static_cast<int>(select.integer(7));
        r.caseNo = select.text(8);
        auto body = cipher_.open(select.text(6), aadFor(select.text(1), r.idempotencyKey));
        if (!body) {
            unreadable.push_back(r.id);
            continue;
        }
        r.body = std::move(*body);
        records.push_back(std::move(r));
    }
    if (!row)
        return base::fail(row.error());
    for (const auto id : unreadable) {
        base::log::error(storeLog, "record " + std::to_string(id) +
                                       " does not decrypt with the queue key; dead-lettered");
        Settlement dead;
        dead.id = id;
        dead.outcome = Settlement::Outcome::DeadLetter;
        dead.text = "cannot decrypt: wrong [queue] key_file, or the record was altered";
        if (auto marked = settleOne(dead, toMs(now)); !marked)
            return base::fail(marked.error());
    }
    return records;
}

base::Result<std::optional<Store::TimePoint>> Store::nextAttempt() const
{
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT MIN(next_attempt_ms) FROM records WHERE state = 'pending'");
    auto row = select.ok() ? select.step() : base::fail(select.error("next attempt"));
    if (!row)
        return base::fail(row.error());
    if (select.isNull(0))
        return std::optional<TimePoint>{};
    return std::optional<TimePoint>{fromMs(select.integer(0))};
}

base::Result<void> Store::settleOne(const Settlement& settlement, std::int64_t nowMs)
{
    using Outcome = Settlement::Outcome;
    // Delivered drops the body, which held personal data, in the same statement.
    const char* sql =
        settlement.outcome == Outcome::Delivered
            ? "UPDATE records SET state = 'delivered', result = ?1, delivered_at = ?2, body = "
              "NULL, "
              "attempts = attempts + 1, last_error = '', settled_ms = ?3 "
              "WHERE id = ?4 AND state = 'pending'"
        : settlement.outcome == Outcome::DeadLetter
            ? "UPDATE records SET state = 'dead_letter', attempts = attempts + 1, last_error = ?1, "
              "settled_ms = ?3 WHERE id = ?4 AND state = 'pending' AND ?2 = ?2"
            : "UPDATE records SET attempts = attempts + 1, last_error = ?1, next_attempt_ms = ?3 "
              "WHERE id = ?4 AND state = 'pending' AND ?2 = ?2";
    Statement update(db_, sql);
    if (!update.ok())
        return base::fail(update.error("settle record"));
    const auto at = settlement.outcome == Outcome::Retry ? toMs(settlement.next) : nowMs;
    update.bind(1, settlement.text).bind(2, base::toRfc3339(fromMs(nowMs))).bind(3, at);
    update.bind(4, settlement.id);
    auto done = update.run();
    if (done && settlement.outcome != Outcome::Retry && sqlite3_changes(db_) > 0)
        unpublished_.push_back({settlement.outcome == Outcome::Delivered
                                    ? QueueEvent::Kind::Delivered
                                    : QueueEvent::Kind::DeadLettered,
                                settlement.id, std::nullopt, "", "", 1});
    return done;
}

void Store::publishChanges()
{
    std::vector<QueueEvent> events;
    {
        std::lock_guard lock(mutex_);
        events.swap(unpublished_);
    }
    for (const auto& event : events)
        changed.publish(event);
}

base::Result<void> Store::settle(const std::vector<Settlement>& settlements)
{
    if (settlements.empty())
        return {};
    const auto now = toMs(options_.clock->now());
    {
        std::lock_guard lock(mutex_);
        auto settled = transaction([&]() -> base::Result<void> {
            for (const auto& settlement : settlements)
                if (auto done = settleOne(settlement, now); !done)
                    return done;
            return {};
        });
        if (!settled) {
            unpublished_.clear(); // rolled back: nothing happened
            return settled;
        }
    }
    publishChanges();
    return {};
}

base::Result<void> Store::markDelivered(std::int64_t id, std::string_view result, TimePoint at)
{
    std::unique_lock lock(mutex_);
    Settlement settlement;
    settlement.id = id;
    settlement.outcome = Settlement::Outcome::Delivered;
    settlement.text = result;
    auto done = settleOne(settlement, toMs(at));
    lock.unlock();
    publishChanges();
    return done;
}

base::Result<void> Store::markRetry(std::int64_t id, std::string_view error, TimePoint next)
{
    std::lock_guard lock(mutex_);
    Settlement settlement;
    settlement.id = id;
    settlement.text = error;
    settlement.next = next;
    return settleOne(settlement, toMs(options_.clock->now()));
}

base::Result<void> Store::markDeadLetter(std::int64_t id, std::string_view error)
{
    std::unique_lock lock(mutex_);
    Settlement settlement;
    settlement.id = id;
    settlement.outcome = Settlement::Outcome::DeadLetter;
    settlement.text = error;
    auto done = settleOne(settlement, toMs(options_.clock->now()));
    lock.unlock();
    publishChanges();
    return done;
}

base::Result<std::int64_t> Store::change(const char* sql, std::int64_t value)
{
    std::lock_guard lock(mutex_);
    Statement update(db_, sql);
    if (!update.ok())
        return base::fail(update.error("update queue"));
    update.bind(1, value);
    if (auto done = update.run(); !done)
        return base::fail(done.error());
    return static_cast<std::int64_t>(sqlite3_changes(db_));
}

base::Result<std::int64_t> Store::wakeLinkFailures(TimePoint now)
{
    return change("UPDATE records SET next_attempt_ms = 0 WHERE state = 'pending' "
                  "AND next_attempt_ms > ?1 AND last_error LIKE 'link:%'",
                  toMs(now));
}

base::Result<void> Store::retry(std::int64_t id)
{
    auto rows = change("UPDATE records SET state = 'pending', next_attempt_ms = 0, "
                       "settled_ms = 0 WHERE id = ?1 AND state = 'dead_letter'",
                       id);
    if (!rows)
        return base::fail(rows.error());
    if (*rows == 0)
        return base::fail(QueueErrc::not_found,
                          "record " + std::to_string(id) + " is not a dead letter");
    changed.publish({QueueEvent::Kind::Retried, id, std::nullopt, "", "", 1});
    return {};
}

base::Result<std::int64_t> Store::publishCount(base::Result<std::int64_t> rows,
                                               QueueEvent::Kind kind)
{
    if (rows && *rows > 0)
        changed.publish({kind, 0, std::nullopt, "", "", *rows});
    return rows;
}

base::Result<std::int64_t> Store::retryDeadLetters()
{
    return publishCount(
        change("UPDATE records SET state = 'pending', next_attempt_ms = 0, settled_ms = 0 "
               "WHERE state = 'dead_letter' AND ?1 = ?1",
               0),
        QueueEvent::Kind::Retried);
}

base::Result<std::int64_t> Store::purgeDelivered()
{
    return publishCount(change("DELETE FROM records WHERE state = 'delivered' AND ?1 = ?1", 0),
                        QueueEvent::Kind::Purged);
}

base::Result<std::int64_t> Store::prune(TimePoint now)
{
    const auto before = now - options_.deadLetterRetention;
    return publishCount(
        change("DELETE FROM records WHERE state = 'dead_letter' AND settled_ms < ?1", toMs(before)),
        QueueEvent::Kind::Purged);
}

base::Result<RecordDetail> Store::show(std::int64_t id) const
{
    auto records = list();
    if (!records)
        return base::fail(records.error());
    const auto found = std::find_if(records->begin(), records->end(),
                                    [id](const RecordSummary& r) { return r.id == id; });
    if (found == records->end())
        return base::fail(QueueErrc::not_found, "no record " + std::to_string(id));
    RecordDetail detail;
    detail.summary = *found;
    std::lock_guard lock(mutex_);
    Statement select(db_, "SELECT COALESCE(length(body), 0), next_attempt_ms, settled_ms "
                          "FROM records WHERE id = ?");
    select.bind(1, id);
    auto row = select.ok() ? select.step() : base::fail(select.error("show"));
    if (!row)
        return base::fail(row.error());
    detail.sealedBytes = select.integer(0);
    if (found->state == RecordState::Pending)
        detail.nextAttemptAt = base::toRfc3339(fromMs(select.integer(1)));
    else if (select.integer(2) > 0)
        detail.settledAt = base::toRfc3339(fromMs(select.integer(2)));
    return detail;
}

} // namespace queue
