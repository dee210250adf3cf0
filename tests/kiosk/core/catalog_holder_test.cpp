// SPDX-License-Identifier: Apache-2.0
// The catalog the screens show switches only between sessions.
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/session.h"

#include <gtest/gtest.h>

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
    holder.setListener([&](auto catalog) { seen.push_back(catalog->catalogVersion); });
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
