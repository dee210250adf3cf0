// SPDX-License-Identifier: Apache-2.0
// Tests of queue::Store on disk: transactions, dependencies, purge after delivery, schema
// versions, and a real crash (a forked writer killed with SIGKILL) followed by a reopen.
#include "base/manual_clock.h"
#include "offline_queue/digest.h"
#include "offline_queue/store.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace queue;
using namespace std::chrono_literals;

namespace {

CaseInput sampleCase(int materials = 2)
{
    CaseInput input;
    input.body = {
        {"kioskId", "SC-510703-0042"},
        {"itemCode", "X1"},
        {"applicant",
         {{"idType", "resident"}, {"idNumber", "51070319520308002X"}, {"name", "李秀英"}}}};
    for (int i = 0; i < materials; ++i)
        input.materials.push_back(
            {"户口簿第" + std::to_string(i + 1) + "页", "image/jpeg",
             std::vector<std::uint8_t>(1000 + static_cast<std::size_t>(i), 0x5a)});
    return input;
}

std::unique_ptr<Store> openStore(const std::filesystem::path& path)
{
    auto store = Store::open(path);
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
}

auto later()
{
    return std::chrono::system_clock::now() + 1h;
}

} // namespace

TEST(Store, StampsAndAgesRecordsOnItsClock)
{
    test_support::TempDir dir;
    base::ManualClock clock; // 2026-11-23T10:00:00+08:00
    StoreOptions options;
    options.clock = &clock;
    auto store = Store::open(dir / "queue.db", options);
    ASSERT_TRUE(store) << store.error().message;
    ASSERT_TRUE((*store)->enqueueCase(sampleCase(0)));
    clock.advance(90s);
    EXPECT_EQ((*store)->counts()->oldestPendingAgeS, 90);
    const auto id = (*store)->list()->front().id;
    ASSERT_TRUE((*store)->markDeadLetter(id, "422 invalid_case"));
    EXPECT_EQ((*store)->show(id)->settledAt, "2026-11-23T10:01:30+08:00");
}

TEST(Store, CaseWithMaterialsIsOneTransactionWithItsKeyFixedAtFirstWrite)
{
    test_support::TempDir dir;
    auto store = openStore(dir / "queue.db");
    auto ref = store->enqueueCase(sampleCase());
    ASSERT_TRUE(ref);
    auto records = store->list();
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 3u);
    EXPECT_EQ((*records)[0].kind, RecordKind::Material);
    EXPECT_EQ((*records)[2].kind, RecordKind::Case);
    EXPECT_EQ((*records)[2].idempotencyKey, ref->submissionId);

    // Only the materials are due; the case body lists them by digest.
    auto due = store->due(later(), 10);
    ASSERT_TRUE(due);
    ASSERT_EQ(due->size(), 2u);
    EXPECT_EQ(due->front().sha256, sha256Hex(std::string(1000, '\x5a')));
    ASSERT_TRUE(store->markDelivered((*due)[0].id, "", std::chrono::system_clock::now()));
    ASSERT_TRUE(store->markDelivered((*due)[1].id, "", std::chrono::system_clock::now()));
    due = store->due(later(), 10);
    ASSERT_EQ(due->size(), 1u);
    const auto body = nlohmann::json::parse(due->front().body);
    EXPECT_EQ(body["submissionId"], ref->submissionId);
    EXPECT_EQ(body["materials"].size(), 2u);
    EXPECT_EQ(body["materials"][0]["size"], 1000);
}

TEST(Store, EvaluationWaitsForItsDeliveredCaseAndGetsItsCaseNo)
{
    test_support::TempDir dir;
    auto store = openStore(dir / "queue.db");
    auto ref = store->enqueueCase(sampleCase(0));
    ASSERT_TRUE(ref);
    auto evaluationId = store->enqueueEvaluation({ref->submissionId, {{"level", 5}}});
    ASSERT_TRUE(evaluationId);
    EXPECT_EQ(store->enqueueEvaluation({"no-such-case", {{"level", 5}}}).error().code,
              make_error_code(QueueErrc::not_found));

    auto due = store->due(later(), 10);
    ASSERT_EQ(due->size(), 1u);
    EXPECT_EQ(due->front().kind, RecordKind::Case);
    ASSERT_TRUE(store->markDelivered(due->front().id, "510703-20261123-000001",
                                     std::chrono::system_clock::now()));
    due = store->due(later(), 10);
    ASSERT_EQ(due->size(), 1u);
    EXPECT_EQ(due->front().kind, RecordKind::Evaluation);
    EXPECT_EQ(due->front().idempotencyKey, *evaluationId);
    EXPECT_EQ(due->front().caseNo, "510703-20261123-000001");
}

TEST(Store, RetryWaitsAndDeadLetterStaysVisible)
{
    test_support::TempDir dir;
    auto store = openStore(dir / "queue.db");
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
    auto due = store->due(std::chrono::system_clock::now(), 10);
    ASSERT_EQ(due->size(), 2u);
    ASSERT_TRUE(store->markRetry((*due)[0].id, "503", std::chrono::system_clock::now() + 10min));
    ASSERT_TRUE(store->markDeadLetter((*due)[1].id, "422 invalid_case"));
    EXPECT_TRUE(store->due(std::chrono::system_clock::now(), 10)->empty());
    EXPECT_EQ(store->due(std::chrono::system_clock::now() + 11min, 10)->size(), 1u);
    auto counts = store->counts();
    EXPECT_EQ(counts->pending, 1);
    EXPECT_EQ(counts->deadLetter, 1);
    auto records = store->list();
    EXPECT_EQ((*records)[0].attempts, 1);
    EXPECT_EQ((*records)[1].lastError, "422 invalid_case");
    EXPECT_EQ((*records)[1].state, RecordState::DeadLetter);
}

TEST(Store, DeliveryPurgesThePersonalDataFromTheFile)
{
    test_support::TempDir dir;
    const auto path = dir / "queue.db";
    {
        auto store = openStore(path);
        ASSERT_TRUE(store->enqueueCase(sampleCase(0)));
        auto due = store->due(later(), 10);
        ASSERT_TRUE(
            store->markDelivered(due->front().id, "510703-1", std::chrono::system_clock::now()));
    }
    // secure_delete and the checkpoint at close leave no trace of the citizen in the file.
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(bytes.find("51070319520308002X"), std::string::npos);
    EXPECT_EQ(bytes.find("李秀英"), std::string::npos);
    EXPECT_NE(bytes.find("510703-1"), std::string::npos);
}

TEST(Store, TheDatabaseIsReadableByItsOwnerOnly)
{
    test_support::TempDir dir;
    auto store = openStore(dir / "queue.db");
    ASSERT_TRUE(store->enqueueCase(sampleCase(1)));
    for (const char* name : {"queue.db", "queue.db-wal"}) {
        const auto permissions = std::filesystem::status(dir / name).permissions();
        EXPECT_EQ(permissions &
                      (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
                  std::filesystem::perms::none)
            << name;
    }
}

TEST(Store, RefusesADatabaseFromANewerBuild)
{
    test_support::TempDir dir;
    const auto path = dir / "queue.db";
    openStore(path).reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    auto reopened = Store::open(path);
    ASSERT_FALSE(reopened);
    EXPECT_NE(reopened.error().message.find("newer"), std::string::npos);
}

TEST(Store, SurvivesTheWriterBeingKilledMidStream)
{
    test_support::TempDir dir;
    const auto path = dir / "queue.db";
    int pipeFds[2];
    ASSERT_EQ(pipe(pipeFds), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The writer: commits cases as fast as it can and reports each committed one.
        close(pipeFds[0]);
        auto store = Store::open(path);
        for (int i = 0; store && i < 100000; ++i) {
            auto ref = (*store)->enqueueCase(sampleCase(2));
            if (!ref)
                _exit(2);
            const std::string line = ref->submissionId + "\n";
            if (write(pipeFds[1], line.data(), line.size()) < 0)
                _exit(3);
        }
        _exit(0);
    }
    close(pipeFds[1]);
    std::set<std::string> committed;
    std::string buffer;
    char chunk[256];
    while (committed.size() < 25) {
        const auto n = read(pipeFds[0], chunk, sizeof chunk);
        ASSERT_GT(n, 0) << "the writer stopped early";
        buffer.append(chunk, static_cast<std::size_t>(n));
        for (auto newline = buffer.find('\n'); newline != std::string::npos;
             newline = buffer.find('\n')) {
            committed.insert(buffer.substr(0, newline));
            buffer.erase(0, newline + 1);
        }
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(pipeFds[0]);
    ASSERT_TRUE(WIFSIGNALED(status));

    auto store = openStore(path);
    auto records = store->list();
    ASSERT_TRUE(records);
    std::map<std::string, int> materials;
    std::set<std::string> cases;
    for (const auto& r : *records)
        (r.kind == RecordKind::Case ? static_cast<void>(cases.insert(r.submissionId))
                                    : static_cast<void>(++materials[r.submissionId]));
    for (const auto& id : committed)
        EXPECT_TRUE(cases.contains(id)) << "a committed case was lost";
    // All or nothing: no case without both materials, no orphaned materials.
    for (const auto& id : cases)
        EXPECT_EQ(materials[id], 2);
    EXPECT_EQ(materials.size(), cases.size());
}

TEST(Store, ChangesArePublishedWithIdentifiersOnlyAfterTheyCommitted)
{
    test_support::TempDir dir;
    auto store = openStore(dir / "queue.db");
    std::vector<QueueEvent> events;
    const auto connection =
        store->changed.connect([&](const QueueEvent& e) { events.push_back(e); });

    const auto ref = store->enqueueCase(sampleCase(1));
    ASSERT_TRUE(ref);
    ASSERT_EQ(events.size(), 2u); // the material, then the case
    EXPECT_EQ(events[0].kind, QueueEvent::Kind::Created);
    EXPECT_EQ(events[0].recordKind, RecordKind::Material);
    EXPECT_EQ(events[1].recordId, ref->caseRecordId);
    EXPECT_EQ(events[1].recordKind, RecordKind::Case);
    EXPECT_EQ(events[1].submissionId, ref->submissionId);
    EXPECT_EQ(events[1].itemCode, "X1");

    events.clear();
    const auto due = store->due(later(), 10);
    ASSERT_TRUE(due);
    Settlement delivered{due->at(0).id, Settlement::Outcome::Delivered, "ok", {}};
    Settlement retry{ref->caseRecordId, Settlement::Outcome::Retry, "link: down", later()};
    ASSERT_TRUE(store->settle({delivered, retry}));
    ASSERT_EQ(events.size(), 1u) << "a retry is no news";
    EXPECT_EQ(events[0].kind, QueueEvent::Kind::Delivered);

    ASSERT_TRUE(store->markDeadLetter(ref->caseRecordId, "422 invalid_case"));
    ASSERT_TRUE(store->retryDeadLetters());
    ASSERT_EQ(*store->purgeDelivered(), 1);
    ASSERT_EQ(events.size(), 4u);
    EXPECT_EQ(events[1].kind, QueueEvent::Kind::DeadLettered);
    EXPECT_EQ(events[2].kind, QueueEvent::Kind::Retried);
    EXPECT_EQ(events[3].kind, QueueEvent::Kind::Purged);
    EXPECT_EQ(events[3].count, 1);
    EXPECT_EQ(toString(events[3].kind), "purged");

    events.clear();
    ASSERT_TRUE(store->settle({{999, Settlement::Outcome::Delivered, "", {}}}));
    EXPECT_TRUE(events.empty()) << "nothing published for a record that did not change";
}
