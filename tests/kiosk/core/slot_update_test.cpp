// SPDX-License-Identifier: Apache-2.0
// The kiosk's side of A/B updates, with a fake rauc first in PATH that records its arguments:
// rauc's status read (booted slot, rollback), the health check's mark-good / mark-bad, the
// heartbeat's "slot" member, and the update command (download over loopback, size and SHA-256
// checks, rauc install, the reboot path; refused while a citizen is served or without rauc).
#include "base/manual_clock.h"
#include "kiosk/core/slot_update.h"
#include "offline_queue/digest.h"
#include "tests/support/loopback_http.h"
#include "tests/support/manual_time.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace kiosk::core;

namespace {

/// rauc status --detailed --output-format=json as rauc 1.8 prints it (abridged to what is
/// read); `aAt`/`bAt` are the slots' activation times ("" for never), `primary` the slot the
/// bootloader boots next.
std::string raucStatus(const std::string& booted, const std::string& aAt, const std::string& bAt,
                       const std::string& primary = "rootfs.0")
{
    auto slot = [](const std::string& bootname, const std::string& at) {
        nlohmann::json entry{{"class", "rootfs"}, {"bootname", bootname}, {"state", "inactive"}};
        entry["slot_status"] = {{"status", "ok"}};
        if (!at.empty())
            entry["slot_status"]["activated"] = {{"timestamp", at}, {"count", 1}};
        return entry;
    };
    return nlohmann::json{
        {"compatible", "kiosk-x86-qemu"},
        {"booted", booted},
        {"boot_primary", primary},
        {"slots", {{{"rootfs.0", slot("A", aAt)}}, {{"rootfs.1", slot("B", bAt)}}}}}
        .dump();
}

std::string contents(const std::filesystem::path& file)
{
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A fake `rauc` first in PATH: appends its arguments to calls.log, prints status.json for
/// `rauc status --detailed ...`, and exits with the code in install.exit for `rauc install`.
class FakeRaucTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        savedPath_ = std::getenv("PATH") ? std::getenv("PATH") : "";
        const auto script = dir_ / "bin/rauc";
        std::filesystem::create_directories(dir_ / "bin");
        std::ofstream(script) << "#!/bin/sh\n"
                              << "echo \"$*\" >> '" << dir_.file("calls.log") << "'\n"
                              << "case \"$1 $2\" in\n"
                              << "  'status --detailed') cat '" << dir_.file("status.json")
                              << "' ;;\n"
                              << "  install*) echo 'installing'; echo \"$(cat '"
                              << dir_.file("install.message") << "' 2>/dev/null)\"; exit $(cat '"
                              << dir_.file("install.exit") << "' 2>/dev/null || echo 0) ;;\n"
                              << "esac\n";
        std::filesystem::permissions(script, std::filesystem::perms::owner_all);
        withRauc(true);
        setStatus(raucStatus("A", "", ""));
    }
    void TearDown() override { ::setenv("PATH", savedPath_.c_str(), 1); }

    /// The fake rauc first in PATH, or a PATH without any rauc (the host's own, which CI
    /// installs for image/bundle, left out too).
    void withRauc(bool present)
    {
        std::filesystem::create_directories(dir_ / "empty");
        const auto path = present ? dir_.file("bin") + ":" + savedPath_ : dir_.file("empty");
        ::setenv("PATH", path.c_str(), 1);
    }
    void setStatus(const std::string& json) { std::ofstream(dir_ / "status.json") << json; }
    void failInstall(const std::string& message)
    {
        std::ofstream(dir_ / "install.exit") << 1;
        std::ofstream(dir_ / "install.message") << message;
    }
    std::string calls() const { return contents(dir_ / "calls.log"); }

    test_support::TempDir dir_;
    std::string savedPath_;
};

} // namespace

TEST(ParseRaucStatus, TheFactorySlotIsBootedAndNothingWasRolledBack)
{
    EXPECT_EQ(parseRaucStatus(raucStatus("A", "", "")), (SlotStatus{"A", false, "A", ""}));
}

TEST(ParseRaucStatus, AnUpdatedSlotThatBootedIsNoRollback)
{
    EXPECT_EQ(parseRaucStatus(
                  raucStatus("B", "2026-12-01T10:00:00Z", "2026-12-06T05:00:00Z", "rootfs.1")),
              (SlotStatus{"B", false, "B", "2026-12-06T05:00:00Z"}));
}

TEST(ParseRaucStatus, BootingAnOlderSlotThanTheOneActivatedLastIsARollback)
{
    EXPECT_EQ(parseRaucStatus(raucStatus("A", "", "2026-12-06T05:00:00Z")),
              (SlotStatus{"A", true, "A", ""}));
    EXPECT_EQ(parseRaucStatus(raucStatus("A", "2026-12-01T10:00:00Z", "2026-12-06T05:00:00Z")),
              (SlotStatus{"A", true, "A", "2026-12-01T10:00:00Z"}));
}

TEST(ParseRaucStatus, AnUpdateInstalledButNotBootedYetIsNoRollback)
{
    // from A into B, B now the primary: the reboot into it has not happened yet
    EXPECT_EQ(parseRaucStatus(raucStatus("A", "", "2026-12-06T05:00:00Z", "rootfs.1")),
              (SlotStatus{"A", false, "B", "2026-12-06T05:00:00Z"}));
    // from B back into A (the next update), A the primary
    EXPECT_EQ(parseRaucStatus(
                  raucStatus("B", "2026-12-06T06:00:00Z", "2026-12-06T05:00:00Z", "rootfs.0")),
              (SlotStatus{"B", false, "A", "2026-12-06T06:00:00Z"}));
    // the same after GRUB fell back from A: B is the primary again
    EXPECT_EQ(parseRaucStatus(
                  raucStatus("B", "2026-12-06T06:00:00Z", "2026-12-06T05:00:00Z", "rootfs.1")),
              (SlotStatus{"B", true, "B", "2026-12-06T05:00:00Z"}));
}

TEST(ParseRaucStatus, AStatusOfTheWrongShapeIsAnErrorNamingThePath)
{
    auto status = parseRaucStatus(R"({"booted": 1, "slots": []})");
    ASSERT_FALSE(status);
    EXPECT_NE(status.error().message.find("booted"), std::string::npos);
    EXPECT_FALSE(parseRaucStatus("not json"));
    EXPECT_FALSE(parseRaucStatus(R"({"booted": "A", "slots": [3]})"));
}

TEST_F(FakeRaucTest, AHealthyBootMarksTheBootedSlotGood)
{
    ASSERT_TRUE(
        markBootedSlot(runProgram, {.uiUp = true, .queueOpened = true, .configValid = true}));
    EXPECT_EQ(calls(), "status mark-good booted\n");
}

TEST_F(FakeRaucTest, AnyFailedCheckMarksTheBootedSlotBad)
{
    ASSERT_TRUE(
        markBootedSlot(runProgram, {.uiUp = true, .queueOpened = false, .configValid = true}));
    ASSERT_TRUE(
        markBootedSlot(runProgram, {.uiUp = true, .queueOpened = true, .configValid = false}));
    EXPECT_EQ(calls(), "status mark-bad booted\nstatus mark-bad booted\n");
}

TEST_F(FakeRaucTest, WithoutRaucTheHealthCheckDoesNothing)
{
    withRauc(false);
    EXPECT_TRUE(markBootedSlot(runProgram, {}));
    EXPECT_EQ(calls(), "");
}

TEST_F(FakeRaucTest, WithoutASystemConfRaucIsLeftAlone)
{
    const auto checked = raucWhenConfigured(runProgram, dir_ / "system.conf");
    EXPECT_TRUE(markBootedSlot(checked, {}));
    auto status = checked({"rauc", "status"});
    ASSERT_FALSE(status);
    EXPECT_EQ(status.error().code, base::errc::not_found);
    EXPECT_EQ(calls(), "") << "rauc was run on a machine without A/B slots";

    std::ofstream(dir_ / "system.conf") << "[system]\n";
    EXPECT_TRUE(markBootedSlot(checked, {.uiUp = true, .queueOpened = true, .configValid = true}));
    EXPECT_EQ(calls(), "status mark-good booted\n");
}

TEST_F(FakeRaucTest, TheMonitorMarksOffTheCallersThreadThenReportsTheSlot)
{
    setStatus(raucStatus("A", "", "2026-12-06T05:00:00Z"));
    base::ManualClock clock;
    SlotMonitor monitor(runProgram, clock);
    EXPECT_EQ(monitor.heartbeatMember(), std::nullopt) << "unknown before rauc was asked";
    monitor.healthChecked({.uiUp = true, .queueOpened = false, .configValid = true});
    ASSERT_TRUE(test_support::pollUntil([&] { return monitor.settled(); }));
    EXPECT_EQ(calls(), "status mark-bad booted\nstatus --detailed --output-format=json\n");
    EXPECT_EQ(monitor.heartbeatMember(), (nlohmann::json{{"booted", "A"}, {"rolledBack", true}}));
}

TEST_F(FakeRaucTest, TheMonitorSaysWhenTheStatusChangesAndOnlyThen)
{
    base::ManualClock clock;
    std::atomic<int> changes = 0;
    SlotMonitor monitor(runProgram, clock, [&changes] { ++changes; });
    monitor.refresh();
    ASSERT_TRUE(test_support::pollUntil([&] { return monitor.settled(); }));
    EXPECT_EQ(changes, 1) << "the first status read is a change";
    monitor.refresh();
    ASSERT_TRUE(test_support::pollUntil([&] { return monitor.settled(); }));
    EXPECT_EQ(changes, 1) << "the same status again is none";
    setStatus(raucStatus("A", "", "2026-12-06T05:00:00Z"));
    monitor.refresh();
    ASSERT_TRUE(test_support::pollUntil([&] { return monitor.settled(); }));
    EXPECT_EQ(changes, 2) << "a rollback is";
}

namespace {

/// A monitor with an InstalledUpdateWatch (this boot began at 04:00 UTC) counting its
/// rebootDue calls; `healthy` is the health check's verdict, given once the worker sleeps.
class WatchTest : public FakeRaucTest {
protected:
    static constexpr std::chrono::seconds every{20};
    InstalledUpdateWatch watch()
    {
        return {.every = every, .bootedSince = "2026-12-06T04:00:00Z", .rebootDue = [this] {
                    ++rebootsDue_;
                }};
    }
    /// The health check's verdict, then waits until the worker sleeps `every`.
    void healthChecked(SlotMonitor& monitor, bool healthy)
    {
        const auto waits = clock_.waitsBegun();
        monitor.healthChecked({.uiUp = true, .queueOpened = healthy, .configValid = true});
        ASSERT_TRUE(clock_.awaitWaits(waits + 1));
    }
    /// One poll of rauc's status.
    void poll() { ASSERT_TRUE(test_support::advanceAndSettle(clock_, every)); }

    base::ManualClock clock_;
    std::atomic<int> rebootsDue_ = 0;
};

} // namespace

TEST_F(WatchTest, AnUpdateInstalledAfterTheHealthCheckIsRebootedIntoOnce)
{
    setStatus(raucStatus("A", "", "", "rootfs.0"));
    SlotMonitor monitor(runProgram, clock_, {}, watch());
    ASSERT_TRUE(clock_.awaitWaits(1));
    healthChecked(monitor, true);
    poll();
    EXPECT_EQ(rebootsDue_, 0) << "nothing installed";
    // a USB stick's bundle installed into B at 05:00, in this boot: B is the primary now
    setStatus(raucStatus("A", "", "2026-12-06T05:00:00Z", "rootfs.1"));
    poll();
    EXPECT_EQ(rebootsDue_, 1);
    poll();
    poll();
    EXPECT_EQ(rebootsDue_, 1) << "asked once";
    EXPECT_EQ(monitor.heartbeatMember(), (nlohmann::json{{"booted", "A"}, {"rolledBack", false}}));
}

TEST_F(WatchTest, ATrialBootIsNotRebootedBeforeItsHealthCheckPassed)
{
    // B booted on trial (B_TRY=1), and an update was installed into A at 04:30, in this boot,
    // before B's health check (by hand: update-usb waits for the commit): A is rauc's primary
    setStatus(raucStatus("B", "2026-12-06T04:30:00Z", "2026-12-06T03:00:00Z", "rootfs.0"));
    SlotMonitor monitor(runProgram, clock_, {}, watch());
    ASSERT_TRUE(clock_.awaitWaits(1));
    monitor.refresh();
    ASSERT_TRUE(clock_.awaitWaits(2));
    poll();
    EXPECT_EQ(rebootsDue_, 0) << "before the health check";
    healthChecked(monitor, false);
    poll();
    EXPECT_EQ(rebootsDue_, 0) << "a failed health check marks the slot bad; GRUB falls back";
    healthChecked(monitor, true);
    EXPECT_EQ(rebootsDue_, 1) << "once it passed, the update waiting is rebooted into";
}

TEST_F(WatchTest, AnUpdateActivatedBeforeThisBootIsNotRebootedIntoAgain)
{
    // B activated at 03:00, then this boot (04:00) came up in A again: no reboot loop
    setStatus(raucStatus("A", "", "2026-12-06T03:00:00Z", "rootfs.1"));
    SlotMonitor monitor(runProgram, clock_, {}, watch());
    ASSERT_TRUE(clock_.awaitWaits(1));
    healthChecked(monitor, true);
    poll();
    poll();
    EXPECT_EQ(rebootsDue_, 0);
}

TEST(BootTime, IsRfc3339UtcWithAZAsRaucWritesIt)
{
    const auto text = bootTime(base::systemClock());
    ASSERT_EQ(text.size(), 20u) << text;
    EXPECT_EQ(text[4], '-');
    EXPECT_EQ(text[10], 'T');
    EXPECT_EQ(text[13], ':');
    EXPECT_EQ(text.back(), 'Z');
}

TEST_F(FakeRaucTest, WithoutRaucTheHeartbeatHasNoSlotMember)
{
    withRauc(false);
    base::ManualClock clock;
    SlotMonitor monitor(runProgram, clock);
    monitor.healthChecked({.uiUp = true, .queueOpened = true, .configValid = true});
    ASSERT_TRUE(test_support::pollUntil([&] { return monitor.settled(); }));
    EXPECT_EQ(monitor.heartbeatMember(), std::nullopt);
}

namespace {

class UpdateTest : public FakeRaucTest {
protected:
    UpdateHooks hooks()
    {
        return {.run = runProgram,
                .download = curlBundleDownload(tls()),
                .sessionActive = [this] { return serving_; },
                .reboot = [this](std::string_view id) -> base::Result<std::string> {
                    reboots_.emplace_back(id);
                    return std::string("no citizen is being served: rebooting now");
                },
                .installed =
                    [this] {
                        ++installed_;
                    }};
    }
    static queue::UplinkOptions tls()
    {
        queue::UplinkOptions options;
        options.allowInsecureLoopback = true;
        return options;
    }
    RemoteCommand command(const std::string& url, const std::string& sha256)
    {
        return {"cmd-7", "update", {{"url", url}, {"sha256", sha256}}};
    }
    std::filesystem::path dataDir() const { return dir_ / "data/update"; }

    const std::string bundle_ = std::string(200 * 1024, 'r');
    test_support::LoopbackHttp server_{bundle_};
    bool serving_ = false;
    std::vector<std::string> reboots_;
    int installed_ = 0;
};

} // namespace

TEST_F(UpdateTest, TheBundleIsDownloadedCheckedInstalledRemovedAndTheKioskReboots)
{
    SlotUpdater updater({.dir = dataDir()}, hooks());
    auto done = updater.apply(command(server_.url(), queue::sha256Hex(bundle_)));
    ASSERT_TRUE(done) << done.error().describe();
    EXPECT_EQ(*done, "installed into the other slot; no citizen is being served: rebooting now");
    const auto file = (dataDir() / "update.raucb").string();
    EXPECT_EQ(calls(), "--version\ninstall " + file + "\n");
    EXPECT_FALSE(std::filesystem::exists(file)) << "removed once installed";
    EXPECT_EQ(reboots_, std::vector<std::string>{"cmd-7"});
    EXPECT_EQ(installed_, 1);
}

TEST_F(UpdateTest, AnUpperCaseSha256IsTheSameDigest)
{
    auto upper = queue::sha256Hex(bundle_);
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    SlotUpdater updater({.dir = dataDir()}, hooks());
    EXPECT_TRUE(updater.apply(command(server_.url(), upper)));
}

TEST_F(UpdateTest, AWrongSha256IsRefusedAndNothingIsInstalled)
{
    SlotUpdater updater({.dir = dataDir()}, hooks());
    auto done = updater.apply(command(server_.url(), std::string(64, 'a')));
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().message, "the bundle's SHA-256 is not the one given; not installed");
    EXPECT_EQ(calls(), "--version\n");
    EXPECT_FALSE(std::filesystem::exists(dataDir() / "update.raucb"));
    EXPECT_TRUE(reboots_.empty());
}

TEST_F(UpdateTest, ABundleOverTheSizeLimitIsRefused)
{
    SlotUpdater updater({.dir = dataDir(), .maxBytes = 1024}, hooks());
    auto done = updater.apply(command(server_.url(), queue::sha256Hex(bundle_)));
    ASSERT_FALSE(done);
    EXPECT_NE(done.error().message.find("larger than the 1024 bytes"), std::string::npos);
    EXPECT_EQ(calls(), "--version\n");
    EXPECT_TRUE(reboots_.empty());
}

TEST_F(UpdateTest, WhileACitizenIsServedTheUpdateIsRefusedAndNothingIsFetched)
{
    serving_ = true;
    SlotUpdater updater({.dir = dataDir()}, hooks());
    auto done = updater.apply(command(server_.url(), queue::sha256Hex(bundle_)));
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().message,
              "a citizen is being served: update refused, send it again later");
    EXPECT_EQ(server_.requests(), 0);
    EXPECT_EQ(calls(), "");
}

TEST_F(UpdateTest, WithoutRaucTheUpdateIsUnsupportedAndNothingIsFetched)
{
    withRauc(false);
    SlotUpdater updater({.dir = dataDir()}, hooks());
    auto done = updater.apply(command(server_.url(), queue::sha256Hex(bundle_)));
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().message, "this kiosk has no rauc: it cannot install updates");
    EXPECT_EQ(server_.requests(), 0);
}

TEST_F(UpdateTest, AFailedInstallSaysWhyAndDoesNotReboot)
{
    failInstall("LOG: Failed to check bundle signature");
    SlotUpdater updater({.dir = dataDir()}, hooks());
    auto done = updater.apply(command(server_.url(), queue::sha256Hex(bundle_)));
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().message,
              "rauc install failed (exit 1): LOG: Failed to check bundle signature");
    EXPECT_FALSE(std::filesystem::exists(dataDir() / "update.raucb"));
    EXPECT_TRUE(reboots_.empty());
    EXPECT_EQ(installed_, 1) << "the slot status is read again all the same";
}

TEST_F(UpdateTest, OnceStoppedADownloadIsAbandonedAndNothingIsInstalled)
{
    SlotUpdater updater({.dir = dataDir()}, hooks());
    updater.stop();
    auto done = updater.apply(command(server_.url(), queue::sha256Hex(bundle_)));
    ASSERT_FALSE(done);
    EXPECT_EQ(done.error().message, "download stopped");
    EXPECT_EQ(calls(), "--version\n");
    EXPECT_FALSE(std::filesystem::exists(dataDir() / "update.raucb"));
    EXPECT_TRUE(reboots_.empty());
}

TEST_F(UpdateTest, BadArgumentsAreRefusedByPath)
{
    SlotUpdater updater({.dir = dataDir()}, hooks());
    auto noUrl = updater.apply({"c1", "update", {{"sha256", std::string(64, 'a')}}});
    ASSERT_FALSE(noUrl);
    EXPECT_NE(noUrl.error().message.find("args.url"), std::string::npos) << noUrl.error().message;
    auto shortSum = updater.apply(command(server_.url(), "abc123"));
    ASSERT_FALSE(shortSum);
    EXPECT_EQ(shortSum.error().message, "args.sha256: expected 64 hex digits");
    auto plain = updater.apply(command("http://192.0.2.1/b.raucb", std::string(64, 'a')));
    ASSERT_FALSE(plain);
    EXPECT_EQ(plain.error().message, "url: only https:// is allowed");
    EXPECT_EQ(server_.requests(), 0);
}
