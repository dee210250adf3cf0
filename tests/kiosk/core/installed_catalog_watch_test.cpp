// SPDX-License-Identifier: Apache-2.0
// A catalog installed under data_dir while the kiosk runs (kioskctl catalog install) is
// noticed by InstalledCatalogWatch and staged when newer; an unchanged file is not read again,
// a bad or older one is never staged, and nothing is switched in by the watch itself.
#include "base/manual_clock.h"
#include "kiosk/core/installed_catalog_watch.h"
#include "kiosk/core/session.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/poll_until.h"
#include "tests/support/temp_dir.h"

#include <fcntl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

using namespace kiosk::core;
using test_support::makeKey;
using test_support::shippedCatalogJson;
using test_support::signedEnvelope;

namespace {

Catalog catalogOf(std::int64_t version)
{
    auto catalog = parseCatalog(shippedCatalogJson(version).dump());
    EXPECT_TRUE(catalog) << catalog.error().describe();
    return std::move(*catalog);
}

class InstalledCatalogWatchTest : public ::testing::Test {
protected:
    InstalledCatalogWatchTest()
        : key_(makeKey(dir_.path(), "province-2026-01", "ed25519")),
          store_(dir_ / "data", {key_.trusted}), holder_(catalogOf(2026112401)),
          watch_(store_, holder_)
    {
    }

    /// What `kioskctl catalog install` does, from another process's point of view.
    void install(std::int64_t version, bool rollback = false)
    {
        CatalogStore installer(dir_ / "data", {key_.trusted});
        CatalogStore::InstallOptions options;
        options.origin = "kioskctl";
        options.inServiceVersion = holder_.current()->catalogVersion;
        options.allowRollback = rollback;
        auto installed =
            installer.install(signedEnvelope(shippedCatalogJson(version), key_), options);
        ASSERT_TRUE(installed) << installed.error().describe();
    }

    test_support::TempDir dir_;
    test_support::TestKey key_;
    CatalogStore store_;
    CatalogHolder holder_;
    base::ManualClock clock_; ///< for a started watch; before it, so the watch stops first
    InstalledCatalogWatch watch_;
};

} // namespace

TEST_F(InstalledCatalogWatchTest, NothingInstalledStagesNothing)
{
    EXPECT_EQ(store_.currentIdentity(), std::nullopt);
    EXPECT_EQ(watch_.poll(), std::nullopt);
    EXPECT_FALSE(holder_.hasStaged());
}

TEST_F(InstalledCatalogWatchTest, ANewerInstallIsStagedAndSwitchedInOnlyWhenIdle)
{
    EXPECT_EQ(watch_.poll(), std::nullopt);
    install(2026112501);
    EXPECT_EQ(watch_.poll(), 2026112501);
    EXPECT_EQ(holder_.current()->catalogVersion, 2026112401); // staged, not shown yet
    EXPECT_FALSE(holder_.switchIfIdle(SessionState::Browsing));
    EXPECT_EQ(holder_.current()->catalogVersion, 2026112401);
    EXPECT_TRUE(holder_.switchIfIdle(SessionState::Idle));
    EXPECT_EQ(holder_.current()->catalogVersion, 2026112501);
    EXPECT_EQ(watch_.poll(), std::nullopt); // seen: not staged again

    install(2026112601);
    EXPECT_EQ(watch_.poll(), 2026112601);
}

TEST_F(InstalledCatalogWatchTest, AnInstallBeforeTheFirstPollIsStaged)
{
    install(2026112501); // between the kiosk's start and the watch's first tick
    EXPECT_EQ(watch_.poll(), 2026112501);
}

TEST_F(InstalledCatalogWatchTest, AnUnchangedFileIsNotReadAgain)
{
    install(2026112501);
    EXPECT_EQ(watch_.poll(), 2026112501);
    ASSERT_TRUE(holder_.switchIfIdle(SessionState::Idle));
    const auto before = store_.currentIdentity();
    ASSERT_TRUE(before);

    // Same inode, size and mtime, but the bytes replaced by a newer signed catalog of the same
    // length: a watch that read and verified the file every tick would stage it.
    auto newer = signedEnvelope(shippedCatalogJson(2026112599), key_);
    struct stat info {};
    ASSERT_EQ(::stat(store_.currentPath().c_str(), &info), 0);
    ASSERT_EQ(newer.size(), static_cast<std::size_t>(info.st_size));
    {
        std::fstream out(store_.currentPath(), std::ios::in | std::ios::out | std::ios::binary);
        out.write(newer.data(), static_cast<std::streamsize>(newer.size()));
    }
    const timespec times[2] = {info.st_atim, info.st_mtim};
    ASSERT_EQ(::utimensat(AT_FDCWD, store_.currentPath().c_str(), times, 0), 0);
    ASSERT_EQ(store_.currentIdentity(), before);

    EXPECT_EQ(watch_.poll(), std::nullopt);
    EXPECT_FALSE(holder_.hasStaged());
}

TEST_F(InstalledCatalogWatchTest, AnEditInPlaceChangesTheIdentity)
{
    install(2026112501);
    const auto before = store_.currentIdentity();
    std::ofstream(store_.currentPath(), std::ios::app) << "\n";
    EXPECT_NE(store_.currentIdentity(), before);
}

TEST_F(InstalledCatalogWatchTest, AnOlderOrRolledBackCatalogWaitsForARestart)
{
    EXPECT_EQ(watch_.poll(), std::nullopt);
    install(2026112301, /*rollback=*/true);
    EXPECT_EQ(watch_.poll(), std::nullopt);
    EXPECT_FALSE(holder_.hasStaged());
    EXPECT_EQ(holder_.current()->catalogVersion, 2026112401);
}

TEST_F(InstalledCatalogWatchTest, ACatalogAlreadyStagedByTheSyncIsNotStagedAgain)
{
    install(2026112501);
    holder_.stage(catalogOf(2026112501)); // what CatalogSync does after its own install
    EXPECT_EQ(watch_.poll(), std::nullopt);
}

TEST_F(InstalledCatalogWatchTest, ADamagedFileIsNeverStaged)
{
    EXPECT_EQ(watch_.poll(), std::nullopt);
    std::filesystem::create_directories(store_.currentPath().parent_path());
    auto forged = signedEnvelope(shippedCatalogJson(2026112501), key_);
    forged[forged.size() / 2] = forged[forged.size() / 2] == 'A' ? 'B' : 'A';
    std::ofstream(store_.currentPath(), std::ios::binary) << forged;
    EXPECT_EQ(watch_.poll(), std::nullopt);
    EXPECT_FALSE(holder_.hasStaged());
    EXPECT_EQ(holder_.current()->catalogVersion, 2026112401);
}

TEST_F(InstalledCatalogWatchTest, StartedItReadsVerifiesAndPreparesOnItsOwnWorker)
{
    constexpr int notYet = -100; // below any nice value
    std::atomic<int> stagedAtNice = notYet;
    const auto connection = holder_.staged.connect([&](std::int64_t) {
        stagedAtNice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    });
    watch_.start(clock_, std::chrono::seconds(1));
    ASSERT_TRUE(clock_.awaitWaits(1)); // the first poll found nothing and the worker sleeps
    install(2026112501);
    EXPECT_FALSE(holder_.hasStaged()); // not before the next period
    clock_.advance(std::chrono::seconds(1));
    // The `staged` signal follows the stage itself: wait for it, not just for hasStaged().
    ASSERT_TRUE(test_support::pollUntil([&] { return stagedAtNice != notYet; }));

    // This thread plays the GUI thread: it only switches; the index was built on the worker.
    ASSERT_TRUE(holder_.switchIfIdle(SessionState::Idle));
    const auto shown = holder_.currentSnapshot();
    EXPECT_EQ(shown->catalog().catalogVersion, 2026112501);
    EXPECT_NE(shown->preparedOn(), std::this_thread::get_id());
    EXPECT_FALSE(shown->search().search("shbx", 5).empty());
    EXPECT_GE(stagedAtNice.load(), InstalledCatalogWatch::backgroundNice); // yields to the GUI
}

TEST_F(InstalledCatalogWatchTest, ItsWorkerFreesTheCatalogTheScreensSwitchedAwayFrom)
{
    std::weak_ptr<const CatalogSnapshot> old = holder_.currentSnapshot();
    install(2026112501);
    ASSERT_EQ(watch_.poll(), 2026112501);
    ASSERT_TRUE(holder_.switchIfIdle(SessionState::Idle));
    EXPECT_FALSE(old.expired());

    watch_.start(clock_, std::chrono::seconds(1));
    ASSERT_TRUE(clock_.awaitWaits(1));
    EXPECT_TRUE(old.expired()); // freed by the worker's step, not by whoever let go last
}
