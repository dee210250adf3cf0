// SPDX-License-Identifier: Apache-2.0
// CatalogSwitcher with the real installed-catalog watch on its worker and the real view-model:
// a catalog installed under data_dir is read, verified and prepared on the watch's thread,
// handed to the GUI thread by a queued call, and shown only while the home screen is.
#include "base/manual_clock.h"
#include "kiosk/app/catalog_switcher.h"
#include "kiosk/core/installed_catalog_watch.h"
#include "qml/catalog_view_model.h"
#include "tests/kiosk/core/catalog_keys.h"
#include "tests/support/process_events_until.h"
#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <gtest/gtest.h>

#include <thread>

namespace {

using namespace kiosk::core;

constexpr std::int64_t inService = 2026112401;
constexpr std::int64_t installed = 2026112501;

Catalog catalogOf(std::int64_t version)
{
    return parseCatalog(test_support::shippedCatalogJson(version).dump()).value();
}

class CatalogSwitcherTest : public ::testing::Test {
protected:
    CatalogSwitcherTest()
        : key_(test_support::makeKey(dir_.path(), "province-2026-01", "ed25519")),
          store_(dir_ / "data", {key_.trusted}), holder_(catalogOf(inService)),
          watch_(store_, holder_)
    {
        viewModel_.follow(holder_);
    }

    /// What `kioskctl catalog install` does from its own process.
    void install(std::int64_t version)
    {
        CatalogStore installer(dir_ / "data", {key_.trusted});
        CatalogStore::InstallOptions options;
        options.origin = "kioskctl";
        options.inServiceVersion = inService;
        auto done = installer.install(
            test_support::signedEnvelope(test_support::shippedCatalogJson(version), key_), options);
        ASSERT_TRUE(done) << done.error().describe();
    }

    /// Starts the watch, lets its first poll see the installed file, and waits for the stage.
    void watchUntilStaged()
    {
        watch_.start(clock_, std::chrono::seconds(1));
        ASSERT_TRUE(clock_.awaitWaits(1));
        ASSERT_TRUE(holder_.hasStaged());
    }

    std::int64_t shownVersion() const { return viewModel_.snapshot()->catalog().catalogVersion; }

    test_support::TempDir dir_;
    test_support::TestKey key_;
    CatalogStore store_;
    CatalogHolder holder_;
    kiosk::ui::CatalogViewModel viewModel_;
    base::ManualClock clock_;
    InstalledCatalogWatch watch_; ///< after the clock and the holder: stops first
};

} // namespace

TEST_F(CatalogSwitcherTest, AnInstalledCatalogIsPreparedOffTheGuiThreadAndShownAtHome)
{
    bool atHome = true;
    kiosk::app::CatalogSwitcher switcher(holder_, [&] { return atHome; });
    install(installed);
    watchUntilStaged();
    EXPECT_EQ(shownVersion(), inService); // staged: handed over by a queued call, not yet run

    ASSERT_TRUE(test_support::processEventsUntil([&] { return shownVersion() == installed; }));
    EXPECT_EQ(holder_.current()->catalogVersion, installed);
    // The index and lists were built by the watch's worker; the GUI thread only swapped them.
    EXPECT_NE(viewModel_.snapshot()->preparedOn(), std::this_thread::get_id());
    viewModel_.setQuery("shbx");
    EXPECT_GT(viewModel_.searchResults()->count(), 0);
}

TEST_F(CatalogSwitcherTest, AwayFromHomeTheCatalogWaitsForTheHomeScreen)
{
    bool atHome = false; // a citizen is being served
    kiosk::app::CatalogSwitcher switcher(holder_, [&] { return atHome; });
    install(installed);
    watchUntilStaged();
    QCoreApplication::processEvents(); // delivers the queued call: not at home, no switch
    EXPECT_EQ(shownVersion(), inService);
    EXPECT_TRUE(holder_.hasStaged());

    atHome = true; // what Main.qml's atHomeChanged triggers
    EXPECT_TRUE(switcher.switchIfAtHome());
    EXPECT_EQ(shownVersion(), installed);
}

TEST_F(CatalogSwitcherTest, ACatalogStagedBeforeTheScreensExistedIsShownOnceTheLoopRuns)
{
    holder_.stage(catalogOf(installed)); // e.g. the catalog sync, before main() built the UI
    kiosk::app::CatalogSwitcher switcher(holder_, [] { return true; });
    EXPECT_EQ(shownVersion(), inService);
    ASSERT_TRUE(test_support::processEventsUntil([&] { return shownVersion() == installed; }));
}

TEST_F(CatalogSwitcherTest, ACallQueuedForADestroyedSwitcherIsDropped)
{
    {
        kiosk::app::CatalogSwitcher switcher(holder_, [] { return true; }); // queues a call
    }
    holder_.stage(catalogOf(installed)); // no switcher listens any more
    QCoreApplication::processEvents();   // would touch a destroyed switcher if delivered
    EXPECT_EQ(shownVersion(), inService);
}
