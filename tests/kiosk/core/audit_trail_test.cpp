// SPDX-License-Identifier: Apache-2.0
// The audit trail: records chained by SHA-256 or SM3, rotation that carries the chain, a size
// cap whose pruning verifies, writers in threads and processes, recovery after a torn record,
// and a verifier that catches and locates every kind of tampering.
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/audit_verify.h"

#include "base/manual_clock.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace kiosk::core {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> readLinesOf(const fs::path& file)
{
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

void writeLinesOf(const fs::path& file, const std::vector<std::string>& lines)
{
    std::ofstream out(file, std::ios::trunc);
    for (const auto& line : lines)
        out << line << "\n";
}

class AuditTrailTest : public ::testing::Test {
protected:
    std::unique_ptr<AuditTrail> openTrail(AuditOptions options = {})
    {
        auto trail = AuditTrail::open(dir_.path(), options, clock_);
        EXPECT_TRUE(trail) << trail.error().describe();
        return std::move(*trail);
    }

    /// `count` records of event "test.n" through one trail.
    AuditAnchor appendRecords(int count, AuditOptions options = {})
    {
        auto trail = openTrail(options);
        AuditAnchor last;
        for (int i = 0; i < count; ++i) {
            auto appended = trail->append(
                {.event = "test." + std::to_string(i), .object = "record " + std::to_string(i)});
            EXPECT_TRUE(appended) << appended.error().describe();
            last = *appended;
        }
        return last;
    }

    fs::path file(std::uint64_t firstSeq) const
    {
        return dir_.path() / "audit" / auditFileName(firstSeq);
    }

    AuditReport verify(std::optional<AuditAnchor> anchor = {}) const
    {
        auto report = verifyAuditTrail(dir_.path(), anchor);
        EXPECT_TRUE(report) << report.error().describe();
        return *report;
    }

    /// The first fatal finding, to check what and where.
    static AuditFinding firstFatal(const AuditReport& report)
    {
        for (const auto& finding : report.findings)
            if (finding.fatal)
                return finding;
        ADD_FAILURE() << "no fatal finding";
        return {};
    }

    test_support::TempDir dir_;
    base::ManualClock clock_;
};

TEST_F(AuditTrailTest, RecordsChainAndVerify)
{
    const auto last = appendRecords(5);
    EXPECT_EQ(last.seq, 5u);
    const auto lines = readLinesOf(file(1));
    ASSERT_EQ(lines.size(), 5u);
    const auto first = nlohmann::json::parse(lines[0]);
    const auto second = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(first["prev"], auditGenesis(AuditHash::Sha256));
    EXPECT_EQ(second["prev"], first["hash"]);
    for (const char* field : {"seq", "time", "actor", "event", "object", "result"})
        EXPECT_TRUE(first.contains(field)) << field;

    const auto report = verify(last);
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
    EXPECT_EQ(report.records, 5u);
    EXPECT_EQ(report.head, last);
}

TEST_F(AuditTrailTest, AnEditedFieldIsCaughtAndLocated)
{
    appendRecords(5);
    auto lines = readLinesOf(file(1));
    auto record = nlohmann::json::parse(lines[2]);
    record["result"] = "refused";
    lines[2] = record.dump();
    writeLinesOf(file(1), lines);

    const auto finding = firstFatal(verify());
    EXPECT_EQ(finding.kind, "edited");
    EXPECT_EQ(finding.file, auditFileName(1));
    EXPECT_EQ(finding.record, 3u);
}

TEST_F(AuditTrailTest, AnEditWithARecomputedHashBreaksTheNextLink)
{
    appendRecords(5);
    auto lines = readLinesOf(file(1));
    auto record = nlohmann::json::parse(lines[2]);
    record["object"] = "something else";
    record["hash"] = auditRecordHash(AuditHash::Sha256, record);
    lines[2] = record.dump();
    writeLinesOf(file(1), lines);

    const auto finding = firstFatal(verify());
    EXPECT_EQ(finding.kind, "chain");
    EXPECT_EQ(finding.record, 4u);
}

TEST_F(AuditTrailTest, ReorderedRecordsAreCaught)
{
    appendRecords(6);
    auto lines = readLinesOf(file(1));
    std::swap(lines[2], lines[3]);
    writeLinesOf(file(1), lines);

    const auto report = verify();
    const auto finding = firstFatal(report);
    EXPECT_EQ(finding.kind, "reordered");
    EXPECT_EQ(finding.record, 3u);
    EXPECT_FALSE(report.ok());
}

TEST_F(AuditTrailTest, AnInsertedForgedRecordIsCaughtAndLocated)
{
    appendRecords(5);
    auto lines = readLinesOf(file(1));
    // A careful forgery: the right seq, a link to the record before, a correct own hash.
    const auto before = nlohmann::json::parse(lines[1]);
    nlohmann::json forged{
        {"seq", 3},           {"time", before["time"]}, {"actor", "kiosk"},      {"event", "x.y"},
        {"object", "forged"}, {"result", "ok"},         {"prev", before["hash"]}};
    forged["hash"] = auditRecordHash(AuditHash::Sha256, forged);
    lines.insert(lines.begin() + 2, forged.dump());
    writeLinesOf(file(1), lines);

    const auto finding = firstFatal(verify());
    EXPECT_EQ(finding.kind, "duplicate");
    EXPECT_EQ(finding.record, 3u) << finding.message;
}

TEST_F(AuditTrailTest, ADeletedMiddleRecordIsCaught)
{
    appendRecords(5);
    auto lines = readLinesOf(file(1));
    lines.erase(lines.begin() + 2);
    writeLinesOf(file(1), lines);

    const auto finding = firstFatal(verify());
    EXPECT_EQ(finding.kind, "missing");
    EXPECT_EQ(finding.record, 3u);
    EXPECT_NE(finding.message.find("3..3"), std::string::npos) << finding.message;
}

TEST_F(AuditTrailTest, ATruncatedTailIsCaughtAgainstTheAnchor)
{
    const auto anchor = appendRecords(5);
    auto lines = readLinesOf(file(1));
    lines.resize(3);
    writeLinesOf(file(1), lines);

    EXPECT_TRUE(verify().ok()) << "without the anchor a cut at a record boundary looks whole";
    const auto finding = firstFatal(verify(anchor));
    EXPECT_EQ(finding.kind, "truncated");
    EXPECT_EQ(finding.record, 3u);
}

TEST_F(AuditTrailTest, ARewrittenTailIsCaughtAgainstTheAnchor)
{
    const auto anchor = appendRecords(5);
    auto lines = readLinesOf(file(1));
    lines.resize(3);
    writeLinesOf(file(1), lines);
    appendRecords(2); // a consistent new tail of seq 4 and 5

    EXPECT_TRUE(verify().ok());
    const auto finding = firstFatal(verify(anchor));
    EXPECT_EQ(finding.kind, "rewritten");
    EXPECT_EQ(finding.record, 5u);
}

TEST_F(AuditTrailTest, ATornLastLineIsReportedThenRecoveredFrom)
{
    appendRecords(4);
    const auto path = file(1);
    const auto size = fs::file_size(path);
    fs::resize_file(path, size - 20); // the crash cut the last record short

    const auto torn = firstFatal(verify());
    EXPECT_EQ(torn.kind, "torn");
    EXPECT_EQ(torn.record, 4u);

    const auto next = appendRecords(1);
    EXPECT_EQ(next.seq, 5u) << "the recovery record is seq 4, the event seq 5";
    const auto records = readAuditRecords(dir_.path(), "");
    ASSERT_TRUE(records);
    EXPECT_EQ(records->at(3)["event"], "audit.recovered");
    const auto report = verify(next);
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
    ASSERT_EQ(report.findings.size(), 1u);
    EXPECT_EQ(report.findings[0].kind, "recovered");
    EXPECT_EQ(report.findings[0].record, 4u);
}

TEST_F(AuditTrailTest, RotationCarriesTheChainAcrossFiles)
{
    const auto last = appendRecords(40, {.fileBytes = 2048});
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir_.path() / "audit"))
        if (auditFileFirstSeq(entry.path().filename().string()))
            files.push_back(entry.path());
    EXPECT_GE(files.size(), 3u);
    for (const auto& path : files)
        EXPECT_LE(fs::file_size(path), 2048u) << path;

    const auto report = verify(last);
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
    EXPECT_EQ(report.records, 40u);
    EXPECT_EQ(report.files, files.size());
}

TEST_F(AuditTrailTest, ARemovedRotatedFileIsCaught)
{
    appendRecords(40, {.fileBytes = 2048});
    std::vector<std::uint64_t> firsts;
    for (const auto& entry : fs::directory_iterator(dir_.path() / "audit"))
        if (auto first = auditFileFirstSeq(entry.path().filename().string()))
            firsts.push_back(*first);
    std::sort(firsts.begin(), firsts.end());
    ASSERT_GE(firsts.size(), 3u);
    fs::remove(file(firsts[1]));

    const auto middle = firstFatal(verify());
    EXPECT_EQ(middle.kind, "missing");
    EXPECT_EQ(middle.file, auditFileName(firsts[2]));
    EXPECT_EQ(middle.record, 1u);

    fs::remove(file(firsts[0]));
    const auto oldest = firstFatal(verify());
    EXPECT_EQ(oldest.kind, "missing");
    EXPECT_EQ(oldest.file, auditFileName(firsts[2]));
}

TEST_F(AuditTrailTest, TheSizeCapPrunesOldFilesAndTheTrailStillVerifies)
{
    const auto last = appendRecords(120, {.fileBytes = 2048, .maxBytes = 8192});
    std::uintmax_t total = 0;
    for (const auto& entry : fs::directory_iterator(dir_.path() / "audit"))
        if (auditFileFirstSeq(entry.path().filename().string()))
            total += entry.file_size();
    EXPECT_LE(total, 8192u + 2048u);
    EXPECT_FALSE(fs::exists(file(1)));

    auto report = verify();
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
    EXPECT_EQ(report.findings.at(0).kind, "pruned");
    EXPECT_GT(report.head.seq, 120u) << "each pruning is a record too";
    // An anchor the platform received before its record was pruned still checks out.
    const auto old = verify(AuditAnchor{3, auditGenesis(AuditHash::Sha256)});
    EXPECT_TRUE(old.ok()) << old.toJson().dump();
    EXPECT_GE(report.head.seq, last.seq);
}

TEST_F(AuditTrailTest, Sm3ChainsVerify)
{
    const auto last = appendRecords(5, {.hash = AuditHash::Sm3});
    EXPECT_TRUE(last.hash.starts_with("sm3:")) << last.hash;
    EXPECT_EQ(last.hash.size(), 4u + 64u);
    EXPECT_TRUE(verify(last).ok());

    auto lines = readLinesOf(file(1));
    auto record = nlohmann::json::parse(lines[1]);
    record["event"] = "changed";
    lines[1] = record.dump();
    writeLinesOf(file(1), lines);
    EXPECT_EQ(firstFatal(verify()).kind, "edited");
}

TEST_F(AuditTrailTest, WritersInSeveralThreadsNeverBreakTheChain)
{
    auto trail = openTrail({.fileBytes = 4096});
    constexpr int threads = 4, each = 50;
    {
        std::vector<std::jthread> writers;
        for (int t = 0; t < threads; ++t)
            writers.emplace_back([&trail, t] {
                for (int i = 0; i < each; ++i)
                    ASSERT_TRUE(
                        trail->append({.event = "thread." + std::to_string(t), .object = "test"}));
            });
    }
    auto anchor = trail->anchor();
    ASSERT_TRUE(anchor);
    EXPECT_EQ(anchor->seq, std::uint64_t{threads * each});
    const auto report = verify(*anchor);
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
}

TEST_F(AuditTrailTest, WritersInTwoProcessesNeverBreakTheChain)
{
    constexpr int each = 100;
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child opens its own trail (its own lock description), as kioskctl would.
        auto trail = AuditTrail::open(dir_.path(), {.fileBytes = 4096});
        int failures = 0;
        for (int i = 0; trail && i < each; ++i)
            failures +=
                (*trail)->append({.actor = "kioskctl", .event = "child", .object = "test"}) ? 0 : 1;
        ::_exit(trail && failures == 0 ? 0 : 1);
    }
    auto trail = openTrail({.fileBytes = 4096});
    for (int i = 0; i < each; ++i)
        ASSERT_TRUE(trail->append({.event = "parent", .object = "test"}));
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    auto anchor = trail->anchor();
    ASSERT_TRUE(anchor);
    EXPECT_EQ(anchor->seq, std::uint64_t{2 * each});
    const auto report = verify(*anchor);
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
}

TEST_F(AuditTrailTest, AWriterKilledMidBatchLeavesATrailThatVerifiesAfterReopening)
{
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(ready[0]);
        auto trail = AuditTrail::open(dir_.path(), {.fileBytes = 8192, .fsyncBatch = 7});
        for (int i = 0; trail; ++i) {
            (void)(*trail)->append({.event = "busy", .object = std::to_string(i)});
            if (i == 50)
                (void)!::write(ready[1], "x", 1);
        }
        ::_exit(1);
    }
    ::close(ready[1]);
    char byte = 0;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);

    const auto next = appendRecords(1);
    EXPECT_GT(next.seq, 50u);
    const auto report = verify(next);
    EXPECT_TRUE(report.ok()) << report.toJson().dump();
}

TEST_F(AuditTrailTest, MaintenanceEntryAndExitNameTheTechnicianMaskedOnly)
{
    auto trail = openTrail();
    ASSERT_TRUE(trail->maintenanceLogin("T-2026-00123456", "totp", false, "wrong code"));
    ASSERT_TRUE(trail->maintenanceLogin("T-2026-00123456", "card", true));
    ASSERT_TRUE(trail->maintenanceLogout("T-2026-00123456", "idle"));
    const auto records = readAuditRecords(dir_.path(), "");
    ASSERT_TRUE(records);
    ASSERT_EQ(records->size(), 3u);
    EXPECT_EQ((*records)[0]["actor"], "technician ****3456");
    EXPECT_EQ((*records)[0]["event"], "maintenance.login");
    EXPECT_EQ((*records)[0]["result"], "refused");
    EXPECT_EQ((*records)[1]["result"], "ok");
    EXPECT_EQ((*records)[2]["event"], "maintenance.logout");
    for (const auto& record : *records)
        EXPECT_EQ(record.dump().find("00123456"), std::string::npos);
}

TEST_F(AuditTrailTest, FilesBelongToTheOwnerOfDataDirEvenWhenRootWritesThem)
{
    // As root (kioskctl on a kiosk), data_dir belongs to the kiosk's user: here "nobody".
    // Run as another user the chown fails and the owner is that user: the rule still holds.
    (void)::chown(dir_.path().c_str(), 65534, 65534);
    struct stat dataDir {};
    ASSERT_EQ(::stat(dir_.path().c_str(), &dataDir), 0);
    appendRecords(1);
    for (const auto& path :
         {dir_.path() / "audit", dir_.path() / "audit" / "trail.lock", file(1)}) {
        struct stat info {};
        ASSERT_EQ(::stat(path.c_str(), &info), 0) << path;
        EXPECT_EQ(info.st_uid, dataDir.st_uid) << path;
        EXPECT_EQ(info.st_gid, dataDir.st_gid) << path;
    }
}

TEST(AuditReference, MasksAllButTheLastFour)
{
    EXPECT_EQ(maskReference("T-2026-00123456"), "****3456");
    EXPECT_EQ(maskReference("1234567"), "****");
}

TEST(AuditAnchorText, ReadsTheCommandLineAndTheHeartbeatForms)
{
    const auto hash = auditGenesis(AuditHash::Sha256);
    EXPECT_EQ(parseAuditAnchor("12:" + hash), (AuditAnchor{12, hash}));
    EXPECT_EQ(parseAuditAnchor(nlohmann::json{{"seq", 3}, {"hash", hash}}.dump()),
              (AuditAnchor{3, hash}));
    EXPECT_FALSE(parseAuditAnchor("x:" + hash));
    EXPECT_FALSE(parseAuditAnchor("12:md5:00"));
}

} // namespace
} // namespace kiosk::core
