// SPDX-License-Identifier: Apache-2.0
// The catalog the screens show switches only between sessions.
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/session.h"

#include <gtest/gtest.h>

#include <thread>

using kiosk::core::Catalog;
using kiosk::core::CatalogHolder;
using kiosk::core::SessionState;

namespace {
Catalog version(std::int64_t v)
{
    Catalog catalog;
    catalog.catalogVersion = v;
    return catalog;
}
} // namespace

TEST(CatalogHolder, SwitchesToAStagedCatalogOnlyWhenTheSessionIsIdle)
{
    CatalogHolder holder(version(1));
    std::vector<std::int64_t> seen;
    const auto connection = holder.switched.connect(
        [&](const auto& now) { seen.push_back(now->catalog().catalogVersion); });
    const auto inUse = holder.current();

    holder.stage(version(2));
    EXPECT_TRUE(holder.hasStaged());
    EXPECT_EQ(holder.newestVersion(), 2);
    for (auto state :
         {SessionState::Identifying, SessionState::FillingForm, SessionState::Finished})
        EXPECT_FALSE(holder.switchIfIdle(state));
    EXPECT_EQ(holder.current()->catalogVersion, 1);
    EXPECT_TRUE(seen.empty());

    EXPECT_TRUE(holder.switchIfIdle(SessionState::Idle));
    EXPECT_EQ(holder.current()->catalogVersion, 2);
    EXPECT_EQ(seen, std::vector<std::int64_t>{2});
    EXPECT_FALSE(holder.hasStaged());
    EXPECT_FALSE(holder.switchIfIdle(SessionState::Idle)); // nothing staged any more
    EXPECT_EQ(inUse->catalogVersion, 1);                   // a screen's old pointer stays valid
}

TEST(CatalogHolder, AStagedCatalogArrivesPreparedOnTheStagingThread)
{
    CatalogHolder holder(version(1));
    std::vector<std::int64_t> announced;
    const auto connection = holder.staged.connect([&](std::int64_t v) { announced.push_back(v); });
    std::thread::id stagedOn;
    std::thread([&] {
        stagedOn = std::this_thread::get_id();
        holder.stage(version(2));
    }).join();
    EXPECT_EQ(announced, std::vector<std::int64_t>{2});

    ASSERT_TRUE(holder.switchIfIdle(SessionState::Idle));
    // The snapshot (search index and lists) was built where it was staged, not by the switch.
    EXPECT_EQ(holder.currentSnapshot()->preparedOn(), stagedOn);
    EXPECT_NE(holder.currentSnapshot()->preparedOn(), std::this_thread::get_id());
}

TEST(CatalogHolder, AnOlderCatalogFinishingLaterDoesNotReplaceANewerStagedOne)
{
    CatalogHolder holder(version(1));
    holder.stage(version(3));
    holder.stage(version(2)); // e.g. a big install whose preparation ended after a small sync
    ASSERT_TRUE(holder.switchIfIdle(SessionState::Idle));
    EXPECT_EQ(holder.current()->catalogVersion, 3);
}

TEST(CatalogHolder, ASwitchedOutCatalogIsFreedByReleaseRetiredOnceNobodyShowsIt)
{
    CatalogHolder holder(version(1));
    std::weak_ptr<const kiosk::core::CatalogSnapshot> old = holder.currentSnapshot();
    auto shown = holder.currentSnapshot(); // what a screen still holds
    holder.stage(version(2));
    ASSERT_TRUE(holder.switchIfIdle(SessionState::Idle));

    holder.releaseRetired();
    EXPECT_FALSE(old.expired()); // still on screen: kept
    shown.reset();               // the screen moved on; the holder has the last reference
    EXPECT_FALSE(old.expired());
    holder.releaseRetired();
    EXPECT_TRUE(old.expired());
}

// The kiosk's first catalog leaves its search index for a worker, so the home screen shows
// first (README, Performance); whoever searches first gets it built, once.
TEST(CatalogHolder, AFirstCatalogWhoseIndexWaitsBuildsItOnceOnFirstSearch)
{
    Catalog catalog = version(1);
    kiosk::core::CatalogItem item;
    item.code = "11510703060000000X400009001";
    item.name = "社会保险参保登记";
    item.theme = "社会保障";
    item.enabled = true;
    catalog.items.push_back(item);
    const CatalogHolder holder(std::move(catalog),
                               kiosk::core::CatalogSnapshot::SearchIndex::OnFirstUse);
    const auto snapshot = holder.currentSnapshot();
    EXPECT_FALSE(snapshot->searchBuilt());
    EXPECT_EQ(snapshot->itemsByTheme().size(), 1U); // everything else is ready

    const kiosk::core::CatalogSearch* built[2] = {};
    std::thread other([&] { built[0] = &snapshot->search(); });
    built[1] = &snapshot->search();
    other.join();
    EXPECT_TRUE(snapshot->searchBuilt());
    EXPECT_EQ(built[0], built[1]);
    EXPECT_EQ(snapshot->search().search("shehui", 5).size(), 1U);
}

TEST(CatalogHolder, AStagedCatalogArrivesWithItsIndexBuilt)
{
    CatalogHolder holder(version(1), kiosk::core::CatalogSnapshot::SearchIndex::OnFirstUse);
    holder.stage(version(2));
    ASSERT_TRUE(holder.switchIfIdle(SessionState::Idle));
    EXPECT_TRUE(holder.currentSnapshot()->searchBuilt()); // prepared by the stager's thread
}
