// SPDX-License-Identifier: Apache-2.0
// MaintenanceAccess: the code of now opens it once; five wrong codes lock it for 15 minutes,
// across a restart too; it ends after 5 minutes untouched; every step and action is audited,
// never the code. Time comes from a ManualClock.
#include "kiosk/core/maintenance_access.h"

#include "base/manual_clock.h"
#include "kiosk/core/audit_verify.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace kiosk::core;
using namespace std::chrono_literals;
using Outcome = CodeResult::Outcome;

namespace {

const std::string secretText = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // RFC 6238's "1234...890"

class MaintenanceAccessTest : public ::testing::Test {
protected:
    std::unique_ptr<MaintenanceAccess> openAccess()
    {
        MaintenanceOptions options;
        options.secret = *decodeBase32(secretText);
        auto access = MaintenanceAccess::open(dir.path(), options, trail.get(), clock);
        EXPECT_TRUE(access) << access.error().describe();
        return access ? std::move(*access) : nullptr;
    }
    std::string codeOfNow() const { return totp(*decodeBase32(secretText), clock.now()); }
    /// A code that is not one of now-1 .. now+1.
    std::string wrongCode() const
    {
        const auto key = *decodeBase32(secretText);
        const auto step = totpStep(clock.now(), 30s);
        return hotp(key, step + 5, 6);
    }
    std::vector<nlohmann::json> records(std::string_view prefix = "maintenance.")
    {
        (void)trail->flush();
        auto all = readAuditRecords(dir.path(), "");
        EXPECT_TRUE(all) << all.error().describe();
        std::vector<nlohmann::json> kept;
        for (auto& record : *all)
            if (record["event"].get<std::string>().starts_with(prefix))
                kept.push_back(record);
        return kept;
    }
    std::string trailText()
    {
        (void)trail->flush();
        std::string text;
        for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "audit")) {
            std::ifstream in(entry.path());
            std::ostringstream contents;
            contents << in.rdbuf();
            text += contents.str();
        }
        return text;
    }

    base::ManualClock clock;
    test_support::TempDir dir;
    std::unique_ptr<AuditTrail> trail = [this] {
        auto opened = AuditTrail::open(dir.path(), {}, clock);
        EXPECT_TRUE(opened);
        return std::move(*opened);
    }();
};

TEST_F(MaintenanceAccessTest, TheCodeOfNowOpensItAndTheLoginIsAuditedWithoutTheCode)
{
    auto access = openAccess();
    access->requested();
    const auto code = codeOfNow();
    EXPECT_EQ(access->submitCode(code).outcome, Outcome::Granted);
    EXPECT_TRUE(access->active());
    access->logout("technician");
    EXPECT_FALSE(access->active());
    const auto seen = records();
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0]["event"], "maintenance.requested");
    EXPECT_EQ(seen[1]["event"], "maintenance.login");
    EXPECT_EQ(seen[1]["actor"], "technician");
    EXPECT_EQ(seen[1]["result"], "ok");
    EXPECT_EQ(seen[2]["event"], "maintenance.logout");
    EXPECT_EQ(seen[2]["object"], "technician");
    EXPECT_EQ(trailText().find(code), std::string::npos) << "the code is never recorded";
}

TEST_F(MaintenanceAccessTest, ACodeOpensOnlyOnceEvenAfterARestart)
{
    const auto code = codeOfNow();
    {
        auto access = openAccess();
        ASSERT_EQ(access->submitCode(code).outcome, Outcome::Granted);
        access->logout("technician");
        EXPECT_EQ(access->submitCode(code).outcome, Outcome::Wrong) << "seen already";
    }
    auto reopened = openAccess();
    const auto again = reopened->submitCode(code);
    EXPECT_EQ(again.outcome, Outcome::Wrong);
    EXPECT_EQ(again.attemptsLeft, 3) << "two reuses counted as failures";
    EXPECT_EQ(records().back()["detail"]["reason"], "reused");
    clock.advance(30s); // the next step's code works
    EXPECT_EQ(reopened->submitCode(codeOfNow()).outcome, Outcome::Granted);
}

TEST_F(MaintenanceAccessTest, FiveWrongCodesLockItForFifteenMinutes)
{
    auto access = openAccess();
    for (int left = 4; left >= 1; --left) {
        const auto result = access->submitCode(wrongCode());
        EXPECT_EQ(result.outcome, Outcome::Wrong);
        EXPECT_EQ(result.attemptsLeft, left);
    }
    const auto fifth = access->submitCode(wrongCode());
    EXPECT_EQ(fifth.outcome, Outcome::Locked);
    EXPECT_EQ(fifth.lockedFor, 15min);
    EXPECT_EQ(access->submitCode(codeOfNow()).outcome, Outcome::Locked)
        << "even the right code waits";
    clock.advance(15min - 1s);
    EXPECT_EQ(access->lockedFor(), 1s);
    EXPECT_EQ(access->submitCode(codeOfNow()).outcome, Outcome::Locked);
    clock.advance(1s);
    EXPECT_FALSE(access->lockedFor());
    EXPECT_EQ(access->submitCode(codeOfNow()).outcome, Outcome::Granted);

    const auto seen = records();
    ASSERT_EQ(seen.size(), 9u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(seen[i]["event"], "maintenance.failed");
        EXPECT_EQ(seen[i]["detail"]["failures"], i + 1);
    }
    EXPECT_EQ(seen[5]["event"], "maintenance.locked");
    EXPECT_EQ(seen[5]["detail"]["minutes"], 15);
    EXPECT_EQ(seen[6]["result"], "locked");
    EXPECT_EQ(seen[7]["result"], "locked");
    EXPECT_EQ(seen[8]["event"], "maintenance.login");
}

TEST_F(MaintenanceAccessTest, TheLockSurvivesARestart)
{
    {
        auto access = openAccess();
        for (int i = 0; i < 5; ++i)
            (void)access->submitCode(wrongCode());
        ASSERT_TRUE(access->lockedFor());
    }
    clock.advance(10min);
    auto reopened = openAccess();
    EXPECT_EQ(reopened->lockedFor(), 5min);
    EXPECT_EQ(reopened->submitCode(codeOfNow()).outcome, Outcome::Locked);
    clock.advance(5min);
    EXPECT_EQ(reopened->submitCode(codeOfNow()).outcome, Outcome::Granted);
}

TEST_F(MaintenanceAccessTest, FailuresCountOnAcrossARestart)
{
    {
        auto access = openAccess();
        for (int i = 0; i < 3; ++i)
            (void)access->submitCode(wrongCode());
    }
    auto reopened = openAccess();
    EXPECT_EQ(reopened->submitCode(wrongCode()).attemptsLeft, 1);
    EXPECT_EQ(reopened->submitCode(wrongCode()).outcome, Outcome::Locked);
}

TEST_F(MaintenanceAccessTest, AStateFileThatCannotBeReadLocksAsAPrecaution)
{
    std::filesystem::create_directories(dir.path() / "maintenance");
    std::ofstream(dir.path() / "maintenance" / "access.json") << "{\"failures\":";
    auto access = openAccess();
    EXPECT_EQ(access->lockedFor(), 15min);
    const auto seen = records();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0]["event"], "maintenance.locked");
    EXPECT_EQ(seen[0]["detail"]["reason"], "unreadable_state");
}

TEST_F(MaintenanceAccessTest, AWallClockSetBackDoesNotStretchTheLock)
{
    {
        auto access = openAccess();
        for (int i = 0; i < 5; ++i)
            (void)access->submitCode(wrongCode());
    }
    clock.setWallTime(clock.now() - std::chrono::hours(24));
    EXPECT_EQ(openAccess()->lockedFor(), 15min);
}

TEST_F(MaintenanceAccessTest, ItEndsItselfAfterFiveMinutesUntouched)
{
    auto access = openAccess();
    ASSERT_EQ(access->submitCode(codeOfNow()).outcome, Outcome::Granted);
    clock.advance(4min + 59s);
    EXPECT_FALSE(access->endIfIdle());
    access->touched();
    clock.advance(4min + 59s);
    EXPECT_FALSE(access->endIfIdle()) << "a touch started the five minutes again";
    clock.advance(1s);
    EXPECT_TRUE(access->endIfIdle());
    EXPECT_FALSE(access->active());
    EXPECT_FALSE(access->endIfIdle()) << "ended once";
    const auto seen = records();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1]["event"], "maintenance.logout");
    EXPECT_EQ(seen[1]["object"], "idle");
}

TEST_F(MaintenanceAccessTest, RetryingDeadLettersIsAuditedAndNeedsAnOpenSession)
{
    auto access = openAccess();
    int retries = 0;
    MaintenanceServices services;
    services.retryDeadLetters = [&]() -> base::Result<std::int64_t> {
        ++retries;
        return 3;
    };
    services.queueCounts = [] {
        return base::Result<queue::QueueCounts>(queue::QueueCounts{.pending = 2, .deadLetter = 3});
    };
    services.catalogVersion = [] {
        return std::int64_t{2026120101};
    };
    services.linkState = [] {
        return std::string("down");
    };
    services.diagnostics.push_back(
        {"audit_verify", "校验审计记录", []() -> base::Result<std::string> {
             return "ok";
         }});
    access->setServices(std::move(services));

    EXPECT_FALSE(access->retryDeadLetters()) << "closed";
    EXPECT_FALSE(access->runDiagnostic("audit_verify")) << "closed";
    EXPECT_EQ(retries, 0);
    EXPECT_FALSE(access->snapshot().queue) << "nothing shown while closed";

    ASSERT_EQ(access->submitCode(codeOfNow()).outcome, Outcome::Granted);
    const auto shown = access->snapshot();
    ASSERT_TRUE(shown.queue);
    EXPECT_EQ(shown.queue->deadLetter, 3);
    EXPECT_EQ(shown.catalogVersion, 2026120101);
    EXPECT_EQ(shown.linkState, "down");
    auto retried = access->retryDeadLetters();
    ASSERT_TRUE(retried);
    EXPECT_EQ(*retried, 3);
    EXPECT_EQ(retries, 1);
    EXPECT_EQ(*access->runDiagnostic("audit_verify"), "ok");
    EXPECT_FALSE(access->runDiagnostic("format_disk"));

    const auto seen = records("maintenance.action");
    ASSERT_EQ(seen.size(), 5u);
    EXPECT_EQ(seen[0]["object"], "retry_dead_letters");
    EXPECT_EQ(seen[0]["result"], "refused");
    EXPECT_EQ(seen[1]["object"], "audit_verify");
    EXPECT_EQ(seen[1]["result"], "refused");
    EXPECT_EQ(seen[2]["object"], "retry_dead_letters");
    EXPECT_EQ(seen[2]["result"], "ok");
    EXPECT_EQ(seen[2]["detail"]["count"], 3);
    EXPECT_EQ(seen[3]["object"], "audit_verify");
    EXPECT_EQ(seen[3]["result"], "ok");
    EXPECT_EQ(seen[4]["result"], "unknown");
}

TEST_F(MaintenanceAccessTest, WithoutASecretNoCodeOpensIt)
{
    auto access = MaintenanceAccess::open(dir.path(), {}, trail.get(), clock);
    ASSERT_TRUE(access);
    EXPECT_FALSE((*access)->available());
    EXPECT_EQ((*access)->submitCode(codeOfNow()).outcome, Outcome::Unavailable);
    EXPECT_FALSE((*access)->active());
}

TEST_F(MaintenanceAccessTest, TheLogoutOfAnOpenSessionIsRecordedAtShutdown)
{
    {
        auto access = openAccess();
        ASSERT_EQ(access->submitCode(codeOfNow()).outcome, Outcome::Granted);
    }
    const auto seen = records();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[1]["object"], "shutdown");
}

class TotpSecretFileTest : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& text, std::filesystem::perms mode)
    {
        const auto file = dir.path() / ("maintenance-" + std::to_string(++files) + ".totp");
        std::ofstream(file) << text;
        std::filesystem::permissions(file, mode);
        return file;
    }
    test_support::TempDir dir;
    int files = 0;
};

TEST_F(TotpSecretFileTest, AnOwnerOnlyBase32FileOf16BytesOrMoreIsRead)
{
    auto secret = loadTotpSecret(write(secretText + "\n", std::filesystem::perms::owner_read));
    ASSERT_TRUE(secret) << secret.error().describe();
    EXPECT_EQ(secret->size(), 20u);
}

TEST_F(TotpSecretFileTest, EveryRefusalNamesTheKeyAndNeverTheSecret)
{
    using std::filesystem::perms;
    const std::vector<std::pair<std::filesystem::path, std::string>> cases{
        {dir.path() / "absent", "No such file"},
        {write(secretText, perms::owner_read | perms::group_read), "chmod 600"},
        {write("MZXW6YTB", perms::owner_read), "shorter than 16 bytes"},
        {write("not base32!", perms::owner_read), "not base32"},
    };
    for (const auto& [file, why] : cases) {
        auto secret = loadTotpSecret(file);
        ASSERT_FALSE(secret) << file;
        EXPECT_NE(secret.error().message.find("'maintenance.totp_secret_file'"), std::string::npos)
            << secret.error().message;
        EXPECT_NE(secret.error().message.find(why), std::string::npos) << secret.error().message;
        EXPECT_EQ(secret.error().message.find(secretText), std::string::npos);
    }
}

TEST(MaintenanceConfig, TheSectionNamesTheSecretFileAndNothingElse)
{
    const std::string base = "[kiosk]\nid = \"K1\"\ndata_dir = \"/tmp/k\"\n"
                             "[platform]\nurl = \"https://p.example\"\n";
    auto config = parseConfig(base + "[maintenance]\ntotp_secret_file = \"/etc/kiosk/m.totp\"\n",
                              "kiosk.toml");
    ASSERT_TRUE(config) << config.error().describe();
    EXPECT_EQ(config->maintenance.totpSecretFile, std::filesystem::path("/etc/kiosk/m.totp"));
    auto without = parseConfig(base, "kiosk.toml");
    ASSERT_TRUE(without);
    EXPECT_FALSE(without->maintenance.totpSecretFile);
    auto options = maintenanceOptions(*without);
    ASSERT_TRUE(options);
    EXPECT_TRUE(options->secret.empty());
    auto unknown = parseConfig(base + "[maintenance]\npassword = \"1234\"\n", "kiosk.toml");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("unknown key 'maintenance.password'"),
              std::string::npos);
}

} // namespace
