// SPDX-License-Identifier: Apache-2.0
// kioskctl audit verify|show through the real binary: a whole trail verifies; an edited,
// deleted or cut record is found and located (file and record number) with exit code 1; a
// kiosk writing the trail while kioskctl writes it too keeps one chain.
#include "kiosk/core/audit_sources.h"
#include "kiosk/core/audit_trail.h"
#include "kiosk/core/runtime_files.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

using Outcome = kiosk::test::CommandOutcome;

Outcome kioskctl(const std::string& arguments)
{
    return kiosk::test::runCommand(std::string(KIOSKCTL_PATH) + " " + arguments);
}

class AuditCommand : public ::testing::Test {
protected:
    void SetUp() override
    {
        std::ofstream(dir_.file("kiosk.toml"))
            << "[kiosk]\nid = \"SC-510703-0042\"\ndata_dir = \"" << dir_.file("data")
            << "\"\n\n[platform]\nurl = \"http://127.0.0.1:9/api\"\n"
            << "allow_insecure_loopback = true\n\n[queue]\nkey_file = \"" << dir_.file("queue.key")
            << "\"\n\n[audit]\nhash = \"sm3\"\n";
        auto trail =
            kiosk::core::AuditTrail::open(dir_ / "data", {.hash = kiosk::core::AuditHash::Sm3});
        ASSERT_TRUE(trail);
        for (int i = 1; i <= 5; ++i) {
            auto appended = (*trail)->append(
                {.actor = "kiosk", .event = "test.event", .object = "record " + std::to_string(i)});
            ASSERT_TRUE(appended);
            anchor_ = *appended;
        }
    }

    std::string args(const std::string& command) const
    {
        return "audit " + command + " --config " + dir_.file("kiosk.toml") + " --json";
    }

    fs::path firstFile() const { return dir_ / "data" / "audit" / kiosk::core::auditFileName(1); }

    test_support::TempDir dir_;
    kiosk::core::AuditAnchor anchor_;
};

} // namespace

TEST_F(AuditCommand, AWholeTrailVerifiesAndShows)
{
    const auto anchor = std::to_string(anchor_.seq) + ":" + anchor_.hash;
    auto verified = kioskctl(args("verify --anchor " + anchor));
    ASSERT_EQ(verified.exitCode, 0) << verified.out;
    const auto report = Json::parse(verified.out);
    EXPECT_EQ(report["ok"], true);
    EXPECT_EQ(report["records"], 5);
    EXPECT_EQ(report["head"]["hash"], anchor_.hash);

    auto shown = kioskctl(args("show --since 2000-01-01"));
    ASSERT_EQ(shown.exitCode, 0) << shown.out;
    EXPECT_EQ(Json::parse(shown.out).size(), 5u);
    EXPECT_TRUE(Json::parse(kioskctl(args("show --since 2999")).out).empty());
    EXPECT_EQ(kioskctl("audit show --json").exitCode, 2) << "--since is required";
    EXPECT_EQ(kioskctl("audit frobnicate").exitCode, 2);
}

TEST_F(AuditCommand, AnEditedRecordIsLocatedWithExitCodeOne)
{
    std::ifstream in(firstFile());
    std::string text(std::istreambuf_iterator<char>(in), {});
    in.close();
    const auto at = text.find("record 4");
    ASSERT_NE(at, std::string::npos);
    text.replace(at, 8, "record 9");
    std::ofstream(firstFile(), std::ios::trunc) << text;

    auto verified = kioskctl(args("verify"));
    EXPECT_EQ(verified.exitCode, 1) << verified.out;
    const auto findings = Json::parse(verified.out)["findings"];
    ASSERT_FALSE(findings.empty());
    EXPECT_EQ(findings[0]["kind"], "edited");
    EXPECT_EQ(findings[0]["file"], kiosk::core::auditFileName(1));
    EXPECT_EQ(findings[0]["record"], 4);

    auto plain = kioskctl("audit verify --config " + dir_.file("kiosk.toml"));
    EXPECT_EQ(plain.exitCode, 1);
    EXPECT_NE(plain.out.find("trail-000000000001.jsonl record 4: edited"), std::string::npos)
        << plain.out;
}

TEST_F(AuditCommand, ACutTailIsFoundAgainstTheHeartbeatAnchor)
{
    fs::resize_file(firstFile(), fs::file_size(firstFile()) - 10);
    auto torn = kioskctl(args("verify"));
    EXPECT_EQ(torn.exitCode, 1);
    EXPECT_EQ(Json::parse(torn.out)["findings"][0]["kind"], "torn");

    const Json heartbeatAnchor{{"seq", anchor_.seq}, {"hash", anchor_.hash}};
    auto cut = kioskctl(args("verify --anchor '" + heartbeatAnchor.dump() + "'"));
    EXPECT_EQ(cut.exitCode, 1);
    bool truncated = false;
    const auto report = Json::parse(cut.out);
    for (const auto& finding : report["findings"])
        truncated = truncated || finding["kind"] == "truncated";
    EXPECT_TRUE(truncated) << cut.out;
    EXPECT_EQ(kioskctl(args("verify --anchor nonsense")).exitCode, 2);
}

TEST_F(AuditCommand, KioskctlAndARunningKioskWriteOneChain)
{
    // The "kiosk" (this process) keeps its trail and queue open; kioskctl changes the queue
    // meanwhile and records that in the same trail, under its flock.
    auto config = kiosk::core::loadConfig(dir_.file("kiosk.toml"));
    ASSERT_TRUE(config) << config.error().describe();
    auto store = kiosk::core::openQueue(*config);
    ASSERT_TRUE(store) << store.error().describe();
    auto kiosk = kiosk::core::openAuditTrail(*config, "kiosk");
    ASSERT_TRUE(kiosk);
    const auto audited = kiosk::core::auditQueueChanges(**store, **kiosk);
    for (int i = 0; i < 3; ++i) {
        queue::CaseInput input;
        input.body = {{"itemCode", "X1"}};
        auto ref = (*store)->enqueueCase(input); // queue.created by the kiosk
        ASSERT_TRUE(ref);
        ASSERT_TRUE((*store)->markDeadLetter(ref->caseRecordId, "422 invalid_case"));
        auto retried = kioskctl("queue retry-dead --config " + dir_.file("kiosk.toml"));
        ASSERT_EQ(retried.exitCode, 0) << retried.out; // queue.retried by kioskctl
    }
    auto anchor = (*kiosk)->anchor();
    ASSERT_TRUE(anchor);
    EXPECT_EQ(anchor->seq, 5u + 3 * 3);
    auto verified =
        kioskctl(args("verify --anchor " + std::to_string(anchor->seq) + ":" + anchor->hash));
    EXPECT_EQ(verified.exitCode, 0) << verified.out;
    const auto records = Json::parse(kioskctl(args("show --since 2000")).out);
    ASSERT_EQ(records.size(), 14u);
    EXPECT_EQ(records[7]["event"], "queue.retried");
    EXPECT_EQ(records[7]["actor"], "kioskctl");
}
