// SPDX-License-Identifier: Apache-2.0
// Personal data at rest: sealed bodies (AES-256-GCM, SM4-CTR + HMAC-SM3), the key file's
// rules, the migration of a plaintext version-1 database, and the size cap (SQLite's page
// limit, and a real full filesystem where this machine lets the test mount one).
#include "base/log.h"
#include "offline_queue/cipher.h"
#include "offline_queue/store.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sys/mount.h>
#include <sys/stat.h>

using namespace queue;
using namespace std::chrono_literals;

namespace {

constexpr const char* name = "王晓梅";
constexpr const char* idNumber = "51070319870615362X";
constexpr const char* phone = "13990123456";
constexpr const char* address = "四川省绵阳市涪城区临园路东段58号";

/// A material whose bytes are easy to find in a file: a recognisable run, then noise.
std::vector<std::uint8_t> materialBytes(std::size_t size)
{
    std::vector<std::uint8_t> bytes(size);
    const std::string marker = "MATERIAL-BYTES-0123456789";
    for (std::size_t i = 0; i < size; ++i)
        bytes[i] = static_cast<std::uint8_t>(marker[i % marker.size()]);
    return bytes;
}

CaseInput personalCase(std::size_t materialSize = 4096)
{
    CaseInput input;
    input.body = {
        {"kioskId", "SC-510703-0042"},
        {"itemCode", "X1"},
        {"applicant",
         {{"idType", "resident"}, {"idNumber", idNumber}, {"name", name}, {"phone", phone}}},
        {"form", {{"phone", phone}, {"note", "家庭住址变更"}}},
        {"delivery", {{"method", "post"}, {"address", address}}}};
    input.materials.push_back({"户口簿首页", "image/jpeg", materialBytes(materialSize)});
    return input;
}

std::string fileBytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// The personal values found in the database and its WAL (empty when none is).
std::vector<std::string> personalDataIn(const std::filesystem::path& db)
{
    const std::string marker = "MATERIAL-BYTES-0123456789";
    std::vector<std::string> found;
    for (const auto& file : {db, std::filesystem::path(db.string() + "-wal")}) {
        const auto bytes = fileBytes(file);
        for (const std::string& needle : {std::string(name), std::string(idNumber),
                                          std::string(phone), std::string(address), marker})
            if (bytes.find(needle) != std::string::npos)
                found.push_back(needle + " in " + file.filename().string());
    }
    return found;
}

std::unique_ptr<Store> openStore(const std::filesystem::path& path, StoreOptions options = {})
{
    auto store = Store::open(path, std::move(options));
    EXPECT_TRUE(store) << store.error().describe();
    return store ? std::move(*store) : nullptr;
}

void deliverAll(Store& store)
{
    for (int pass = 0; pass < 5; ++pass) {
        const auto due = store.due(std::chrono::system_clock::now() + 1h, 100);
        ASSERT_TRUE(due);
        for (const auto& record : *due)
            ASSERT_TRUE(
                store.markDelivered(record.id, "510703-1", std::chrono::system_clock::now()));
    }
}

} // namespace

TEST(Cipher, BothAlgorithmsRoundTripAndBindTheRecord)
{
    CipherKey key{};
    key.fill(7);
    for (const auto alg : {CipherAlg::Aes256Gcm, CipherAlg::Sm4CtrHmacSm3}) {
        Cipher cipher(key, alg);
        auto sealed = cipher.seal("张三 51070319900101123X", "case:k1");
        ASSERT_TRUE(sealed) << toString(alg);
        EXPECT_EQ(sealed->find("51070319900101123X"), std::string::npos);
        auto opened = cipher.open(*sealed, "case:k1");
        ASSERT_TRUE(opened);
        EXPECT_EQ(*opened, "张三 51070319900101123X");
        // Another record's AAD, a flipped bit, a truncation: none opens.
        EXPECT_FALSE(cipher.open(*sealed, "case:k2"));
        auto flipped = *sealed;
        flipped[flipped.size() / 2] ^= 1;
        EXPECT_FALSE(cipher.open(flipped, "case:k1"));
        EXPECT_FALSE(cipher.open(sealed->substr(0, 10), "case:k1"));
        // A body names its algorithm: a cipher set to the other one still opens it.
        Cipher other(key,
                     alg == CipherAlg::Aes256Gcm ? CipherAlg::Sm4CtrHmacSm3 : CipherAlg::Aes256Gcm);
        EXPECT_TRUE(other.open(*sealed, "case:k1"));
        CipherKey wrong = key;
        wrong[0] ^= 1;
        EXPECT_FALSE(Cipher(wrong, alg).open(*sealed, "case:k1"));
    }
    EXPECT_FALSE(cipherFromString("sm4-gcm"));
}

TEST(Cipher, TheKeyFileIsCreatedPrivateAndARevealedOneIsRefused)
{
    test_support::TempDir dir;
    const auto path = dir / "queue.key";
    KeyFileMade made;
    auto key = loadOrCreateKey(path, made);
    ASSERT_TRUE(key) << key.error().describe();
    EXPECT_TRUE(made.key);
    EXPECT_TRUE(made.folder.empty());
    EXPECT_EQ(std::filesystem::file_size(path), 32u);
    EXPECT_EQ(std::filesystem::status(path).permissions(),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto again = loadOrCreateKey(path, made);
    ASSERT_TRUE(again);
    EXPECT_FALSE(made.key);
    EXPECT_EQ(*again, *key);

    ASSERT_EQ(chmod(path.c_str(), 0644), 0);
    auto revealed = loadOrCreateKey(path, made);
    ASSERT_FALSE(revealed);
    EXPECT_NE(revealed.error().message.find("chmod 600"), std::string::npos);
    ASSERT_EQ(chmod(path.c_str(), 0600), 0);
    std::ofstream(path, std::ios::app) << "x";
    EXPECT_FALSE(loadOrCreateKey(path, made));
}

TEST(Cipher, TheKeyFilesMissingFoldersAreCreatedPrivate)
{
    // As with the default /etc/kiosk/queue.key on a machine without /etc/kiosk.
    test_support::TempDir dir;
    const auto path = dir / "etc/kiosk/queue.key";
    KeyFileMade made;
    auto key = loadOrCreateKey(path, made);
    ASSERT_TRUE(key) << key.error().describe();
    EXPECT_TRUE(made.key);
    EXPECT_EQ(made.folder, dir / "etc");
    for (const auto& folder : {dir / "etc", dir / "etc/kiosk"})
        EXPECT_EQ(std::filesystem::status(folder).permissions(), std::filesystem::perms::owner_all)
            << folder;
    EXPECT_EQ(std::filesystem::file_size(path), 32u);
    EXPECT_EQ(std::filesystem::status(path).permissions(),
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    // The next start finds it and makes nothing.
    auto again = loadOrCreateKey(path, made);
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *key);
    EXPECT_FALSE(made.key);
    EXPECT_TRUE(made.folder.empty());
    // A file where a folder should be is an error, not a crash or a key somewhere else.
    std::ofstream(dir / "plain") << "x";
    auto blocked = loadOrCreateKey(dir / "plain/kiosk/queue.key", made);
    ASSERT_FALSE(blocked);
    EXPECT_NE(blocked.error().message.find("plain"), std::string::npos);
    EXPECT_FALSE(made.key);
}

TEST(StoreSecurity, OpeningWithAKeyInAMissingFolderCreatesBothAndWarnsWithoutTheKey)
{
    test_support::TempDir dir;
    StoreOptions options;
    options.keyFile = dir / "etc/kiosk/queue.key";
    base::log::setSink(base::log::Sink::Stderr);
    testing::internal::CaptureStderr();
    auto store = Store::open(dir / "queue.db", options);
    const std::string log = testing::internal::GetCapturedStderr();
    ASSERT_TRUE(store) << store.error().describe();
    ASSERT_TRUE((*store)->enqueueCase(personalCase()));
    EXPECT_NE(log.find("created the missing folder " + (dir / "etc").string()), std::string::npos)
        << log;
    EXPECT_NE(log.find("created a new queue key " + options.keyFile.string()), std::string::npos)
        << log;
    // The key itself is in no form in the log: not as bytes, not as hex.
    const std::string key = fileBytes(options.keyFile);
    ASSERT_EQ(key.size(), 32u);
    std::string hex;
    for (const unsigned char byte : key) {
        constexpr const char* digits = "0123456789abcdef";
        hex += digits[byte >> 4];
        hex += digits[byte & 15];
    }
    EXPECT_EQ(log.find(key), std::string::npos);
    EXPECT_EQ(log.find(hex), std::string::npos);
    EXPECT_EQ(log.find(key.substr(0, 8)), std::string::npos);
}

TEST(StoreSecurity, NoPersonalDataInTheFilesBeforeOrAfterDelivery)
{
    for (const auto alg : {CipherAlg::Aes256Gcm, CipherAlg::Sm4CtrHmacSm3}) {
        test_support::TempDir dir;
        const auto path = dir / "queue.db";
        StoreOptions options;
        options.cipher = alg;
        auto store = openStore(path, options);
        ASSERT_TRUE(store->enqueueCase(personalCase()));
        // Pending, with the WAL not yet checkpointed: nothing readable in either file.
        EXPECT_EQ(personalDataIn(path), std::vector<std::string>{}) << toString(alg);
        // What the uplink sends is the plaintext again.
        auto due = store->due(std::chrono::system_clock::now() + 1h, 10);
        ASSERT_EQ(due->size(), 1u);
        EXPECT_EQ(due->front().body.substr(0, 25), "MATERIAL-BYTES-0123456789");
        deliverAll(*store);
        EXPECT_EQ(store->counts()->delivered, 2);
        store.reset();
        EXPECT_EQ(personalDataIn(path), std::vector<std::string>{}) << toString(alg);
    }
}

TEST(StoreSecurity, AWrongKeyDeadLettersInsteadOfSendingGarbage)
{
    test_support::TempDir dir;
    const auto path = dir / "queue.db";
    ASSERT_TRUE(openStore(path)->enqueueCase(personalCase()));
    StoreOptions other;
    other.keyFile = dir / "other.key";
    auto store = openStore(path, other);
    EXPECT_TRUE(store->due(std::chrono::system_clock::now(), 10)->empty());
    const auto records = *store->list();
    EXPECT_EQ(records.front().state, RecordState::DeadLetter);
    EXPECT_NE(records.front().lastError.find("key_file"), std::string::npos);
    // With the right key again, a technician's retry sends it.
    store = openStore(path);
    ASSERT_EQ(*store->retryDeadLetters(), 1);
    EXPECT_EQ(store->due(std::chrono::system_clock::now(), 10)->size(), 1u);
}

TEST(StoreSecurity, APlaintextVersionOneDatabaseIsSealedByTheMigration)
{
    test_support::TempDir dir;
    const auto path = dir / "queue.db";
    {
        // A database as version 1 wrote it: the same table, bodies in plaintext.
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        const std::string body =
            nlohmann::json{
                {"submissionId", "k1"},
                {"applicant", {{"idNumber", idNumber}, {"name", name}, {"phone", phone}}}}
                .dump();
        const std::string sql =
            "PRAGMA journal_mode=WAL; CREATE TABLE records (id INTEGER PRIMARY KEY, kind TEXT NOT "
            "NULL, state TEXT NOT NULL DEFAULT 'pending', idempotency_key TEXT NOT NULL UNIQUE, "
            "submission_id TEXT NOT NULL, item_code TEXT NOT NULL DEFAULT '', content_type TEXT "
            "NOT NULL DEFAULT 'application/json', sha256 TEXT NOT NULL DEFAULT '', body BLOB, "
            "attempts INTEGER NOT NULL DEFAULT 0, next_attempt_ms INTEGER NOT NULL DEFAULT 0, "
            "last_error TEXT NOT NULL DEFAULT '', result TEXT NOT NULL DEFAULT '', created_ms "
            "INTEGER NOT NULL, created_at TEXT NOT NULL, delivered_at TEXT NOT NULL DEFAULT ''); "
            "INSERT INTO records (kind, idempotency_key, submission_id, body, created_ms, "
            "created_at) VALUES ('case', 'k1', 'k1', '" +
            body +
            "', 1, '2026-11-24T10:00:00+08:00'); "
            "INSERT INTO records (kind, state, idempotency_key, submission_id, body, created_ms, "
            "created_at) VALUES ('evaluation', 'dead_letter', 'e1', 'k1', '{}', "
            "CAST(strftime('%s', 'now') AS INTEGER) * 1000, "
            "'2026-11-24T10:00:00+08:00'); PRAGMA user_version = 1;";
        ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    ASSERT_NE(fileBytes(path).find(idNumber), std::string::npos) << "the fixture is plaintext";

    auto store = openStore(path);
    EXPECT_EQ(personalDataIn(path), std::vector<std::string>{});
    auto due = store->due(std::chrono::system_clock::now(), 10);
    ASSERT_EQ(due->size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(due->front().body)["applicant"]["idNumber"], idNumber);
    // The old dead letter got a settle time: the retention does not delete it at once.
    EXPECT_EQ(*store->prune(std::chrono::system_clock::now()), 0);
    store.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* version = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &version, nullptr);
    ASSERT_EQ(sqlite3_step(version), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(version, 0), Store::schemaVersion);
    sqlite3_finalize(version);
    sqlite3_close(db);
}

TEST(StoreSecurity, DeadLettersAreRetriedOnCommandAndPrunedAfterTheirRetention)
{
    test_support::TempDir dir;
    StoreOptions options;
    options.deadLetterRetention = std::chrono::hours(24);
    auto store = openStore(dir / "queue.db", options);
    ASSERT_TRUE(store->enqueueCase(personalCase()));
    const auto material = store->due(std::chrono::system_clock::now(), 10)->front().id;
    ASSERT_TRUE(store->markDeadLetter(material, "413 too_large"));
    EXPECT_FALSE(store->retry(material + 1)) << "the case is not a dead letter";
    ASSERT_TRUE(store->retry(material));
    EXPECT_EQ(store->counts()->deadLetter, 0);
    ASSERT_TRUE(store->markDeadLetter(material, "413 too_large"));
    EXPECT_EQ(*store->prune(std::chrono::system_clock::now()), 0);
    EXPECT_EQ(*store->prune(std::chrono::system_clock::now() + 25h), 1);
    EXPECT_EQ(store->list()->size(), 1u);
}

TEST(StoreSecurity, TheSizeCapRefusesNewSubmissionsAndKeepsTheStoredOnes)
{
    // SQLite's own limit (max_page_count from [queue] max_mb): past it, SQLITE_FULL.
    test_support::TempDir dir;
    StoreOptions options;
    options.maxBytes = 1u << 20;
    auto store = openStore(dir / "queue.db", options);
    std::vector<std::string> stored;
    base::Result<SubmissionRef> ref;
    for (int i = 0; i < 100; ++i) {
        ref = store->enqueueCase(personalCase(100 * 1024));
        if (!ref)
            break;
        stored.push_back(ref->submissionId);
    }
    ASSERT_FALSE(ref) << "1 MiB cannot hold 100 cases of 100 KiB";
    EXPECT_EQ(ref.error().code, make_error_code(QueueErrc::full));
    EXPECT_GE(stored.size(), 5u);
    // Everything committed before is intact and readable, and deliveries still settle.
    store.reset();
    store = openStore(dir / "queue.db", options);
    EXPECT_EQ(store->counts()->pending, static_cast<std::int64_t>(2 * stored.size()));
    deliverAll(*store);
    EXPECT_EQ(store->counts()->delivered, static_cast<std::int64_t>(2 * stored.size()));
}

TEST(StoreSecurity, AFullFilesystemRefusesNewSubmissionsAndKeepsTheStoredOnes)
{
    // A real full disk: a 3 MiB tmpfs. Mounting needs CAP_SYS_ADMIN (root in a container);
    // without it the size cap test above covers SQLite's SQLITE_FULL path.
    test_support::TempDir dir;
    const auto mountPoint = dir / "small";
    std::filesystem::create_directory(mountPoint);
    if (::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=3m,mode=0700") != 0)
        GTEST_SKIP() << "cannot mount a size-limited tmpfs here (needs CAP_SYS_ADMIN)";
    struct Unmount {
        std::filesystem::path path;
        ~Unmount() { ::umount2(path.c_str(), MNT_DETACH); }
    } unmount{mountPoint};
    for (const std::uint64_t reserve : {std::uint64_t{1} << 20, std::uint64_t{0}}) {
        // With a reserve the free-space check refuses first; without one SQLite meets ENOSPC.
        const auto path = mountPoint / ("queue-" + std::to_string(reserve) + ".db");
        StoreOptions options;
        options.diskReserveBytes = reserve;
        auto store = openStore(path, options);
        std::size_t stored = 0;
        base::Result<SubmissionRef> ref;
        for (int i = 0; i < 100; ++i) {
            ref = store->enqueueCase(personalCase(100 * 1024));
            if (!ref)
                break;
            ++stored;
        }
        ASSERT_FALSE(ref);
        EXPECT_EQ(ref.error().code, make_error_code(QueueErrc::full)) << ref.error().describe();
        store.reset();
        store = openStore(path, options);
        ASSERT_TRUE(store);
        EXPECT_EQ(store->counts()->pending, static_cast<std::int64_t>(2 * stored));
        std::filesystem::remove(path);
        std::filesystem::remove(path.string() + "-wal");
        std::filesystem::remove(path.string() + "-shm");
    }
}
