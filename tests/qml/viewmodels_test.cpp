// SPDX-License-Identifier: Apache-2.0
// The view-models of qml/ over the fixture catalog (tests/qml/data/catalog.json).
#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_holder.h"
#include "kiosk/core/session.h"
#include "qml/catalog_model.h"
#include "qml/catalog_view_model.h"
#include "qml/theme_list_model.h"

#include <gtest/gtest.h>

#include <QStringList>
#include <QVariantList>

#include <ostream>
#include <thread>

// Readable failure messages for Qt strings (GoogleTest would print their bytes).
void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}
void PrintTo(const QStringList& list, std::ostream* out)
{
    *out << '[' << list.join(", ").toStdString() << ']';
}

namespace {

using kiosk::core::Catalog;
using kiosk::ui::CatalogModel;
using kiosk::ui::CatalogViewModel;

constexpr auto relocationCode = "11510703070000000X400009007"; // 异地就医备案: apply, 3 materials
constexpr auto licenceCode = "11510703030000000X400009012"; // 机动车驾驶证补领: guide only
constexpr auto disabledCode = "11510703060000000X400009005"; // 养老保险待遇领取资格认证: disabled

Catalog loadFixture()
{
    auto catalog = kiosk::core::loadCatalogFile(KIOSK_FIXTURE_CATALOG);
    if (!catalog)
        throw std::runtime_error(catalog.error().describe());
    return std::move(*catalog);
}

QStringList column(const QAbstractItemModel& model, const QByteArray& role)
{
    const int key = model.roleNames().key(role, -1);
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.data(model.index(row, 0), key).toString();
    return values;
}

class ViewModelTest : public ::testing::Test {
protected:
    void SetUp() override { viewModel.setCatalog(&catalog); }

    Catalog catalog = loadFixture();
    CatalogViewModel viewModel;
};

TEST_F(ViewModelTest, ListsEnabledItemsOnly)
{
    EXPECT_EQ(viewModel.itemCount(), 13);
    EXPECT_EQ(viewModel.items()->rowCount(), 13);
    EXPECT_FALSE(column(*viewModel.items(), "code").contains(disabledCode));
}

TEST_F(ViewModelTest, GroupsItemsByThemeInCatalogOrder)
{
    const auto themes = column(*viewModel.items(), "theme");
    QStringList seen;
    for (const auto& theme : themes)
        if (seen.isEmpty() || seen.last() != theme) {
            EXPECT_FALSE(seen.contains(theme))
                << "theme " << theme.toStdString() << " appears in two groups";
            seen << theme;
        }
    EXPECT_EQ(seen, (QStringList{"社会保险", "医疗保障", "户籍证件", "住房公积金", "交通出行",
                                 "民政服务"}));
}

TEST_F(ViewModelTest, ExposesTheRolesQmlBindsTo)
{
    const auto roles = viewModel.items()->roleNames().values();
    for (const char* name : {"code", "name", "department", "theme", "kind", "kindLabel", "online",
                             "onlineRequired", "hot"})
        EXPECT_TRUE(roles.contains(name)) << name;

    const auto first = viewModel.items()->get(0);
    EXPECT_EQ(first.value("name").toString(), "社会保险个人参保证明打印");
    EXPECT_EQ(first.value("department").toString(), "绵阳市涪城区人力资源和社会保障局");
    EXPECT_EQ(first.value("kind").toString(), "print");
    EXPECT_EQ(first.value("kindLabel").toString(), "自助打印");
    EXPECT_EQ(first.value("online").toString(), "required");
    EXPECT_TRUE(first.value("onlineRequired").toBool());
    EXPECT_EQ(first.value("hot").toInt(), 98);
    EXPECT_TRUE(viewModel.items()->get(-1).isEmpty());
    EXPECT_TRUE(viewModel.items()->get(13).isEmpty());
}

TEST_F(ViewModelTest, ThemeFilterNarrowsTheListAndTellsQml)
{
    CatalogModel& items = *viewModel.items();
    int countChanges = 0;
    int filterChanges = 0;
    QObject::connect(&items, &CatalogModel::countChanged, [&] { ++countChanges; });
    QObject::connect(&items, &CatalogModel::themeFilterChanged, [&] { ++filterChanges; });

    items.setThemeFilter("医疗保障");
    EXPECT_EQ(column(items, "name"), (QStringList{"基本医疗保险参保信息查询", "异地就医备案"}));
    EXPECT_EQ(countChanges, 1);
    EXPECT_EQ(filterChanges, 1);

    items.setThemeFilter("医疗保障"); // unchanged: no signals
    EXPECT_EQ(filterChanges, 1);

    items.setThemeFilter("没有这个主题");
    EXPECT_EQ(items.count(), 0);

    items.setThemeFilter("");
    EXPECT_EQ(items.count(), 13);
    EXPECT_EQ(filterChanges, 3);
}

TEST_F(ViewModelTest, ThemesCarryTheirEnabledItemCounts)
{
    const auto& themes = viewModel.themes()->themes();
    ASSERT_EQ(themes.size(), 6u);
    EXPECT_EQ(themes[0].name, "社会保险");
    EXPECT_EQ(themes[0].itemCount, 4); // 5 in the file, one disabled
    EXPECT_EQ(column(*viewModel.themes(), "itemCount"),
              (QStringList{"4", "2", "2", "2", "2", "1"}));
}

TEST_F(ViewModelTest, ThemesWithOnlyDisabledItemsAreLeftOut)
{
    for (auto& item : catalog.items)
        if (item.theme == "民政服务")
            item.enabled = false;
    viewModel.setCatalog(&catalog);
    EXPECT_FALSE(column(*viewModel.themes(), "name").contains("民政服务"));
    EXPECT_EQ(viewModel.themes()->count(), 5);
}

TEST_F(ViewModelTest, TheSameThemesKeepTheirTilesAndOnlyTheirCountsChange)
{
    auto& themes = *viewModel.themes();
    int resets = 0;
    std::vector<int> changedRows;
    QObject::connect(&themes, &QAbstractItemModel::modelReset, [&] { ++resets; });
    QObject::connect(&themes, &QAbstractItemModel::dataChanged,
                     [&](const QModelIndex& from, const QModelIndex&, const QList<int>& roles) {
                         EXPECT_EQ(roles, QList<int>{kiosk::ui::ThemeListModel::ItemCountRole});
                         changedRows.push_back(from.row());
                     });
    Catalog next = catalog;
    next.items[0].enabled = false; // 社会保险: 4 enabled items left of 5, now 3
    viewModel.setCatalog(&next);
    EXPECT_EQ(resets, 0); // a reset would rebuild every tile on the GUI thread
    EXPECT_EQ(changedRows, std::vector<int>{0});
    EXPECT_EQ(themes.themes()[0].itemCount, 3);
    viewModel.setCatalog(&catalog);
}

TEST_F(ViewModelTest, PopularItemsAreTheHottestEnabledOnes)
{
    // 养老保险待遇领取资格认证 (hot 95) is disabled and must not be offered.
    EXPECT_EQ(column(*viewModel.popular(), "name"),
              (QStringList{"社会保险个人参保证明打印", "住房公积金个人缴存信息查询",
                           "个人社会保险缴费记录查询", "基本医疗保险参保信息查询", "异地就医备案",
                           "社会保障卡挂失"}));
    EXPECT_EQ(viewModel.popular()->count(), static_cast<int>(CatalogViewModel::popularLimit));
}

TEST_F(ViewModelTest, GuideHasEverythingTheGuideScreenShows)
{
    const auto guide = viewModel.guide(relocationCode);
    EXPECT_EQ(guide.value("code").toString(), relocationCode);
    EXPECT_EQ(guide.value("name").toString(), "异地就医备案");
    EXPECT_EQ(guide.value("department").toString(), "绵阳市涪城区医疗保障局");
    EXPECT_EQ(guide.value("theme").toString(), "医疗保障");
    EXPECT_EQ(guide.value("kind").toString(), "apply");
    EXPECT_EQ(guide.value("kindLabel").toString(), "自助申请");
    EXPECT_FALSE(guide.value("onlineRequired").toBool());
    EXPECT_TRUE(guide.value("canStart").toBool());
    EXPECT_TRUE(guide.value("legalBasis").toString().contains("医保发〔2022〕22号"));
    EXPECT_EQ(guide.value("timeLimitDays").toInt(), 0);
    EXPECT_EQ(guide.value("timeLimitText").toString(), "即办");
    EXPECT_EQ(guide.value("fee").toString(), "不收费");
    EXPECT_FALSE(guide.value("conditions").toString().isEmpty());

    const auto materials = guide.value("materials").toList();
    ASSERT_EQ(materials.size(), 3);
    EXPECT_EQ(materials[0].toMap().value("name").toString(), "居民身份证");
    EXPECT_TRUE(materials[0].toMap().value("required").toBool());
    EXPECT_FALSE(materials[1].toMap().value("required").toBool());

    const auto steps = guide.value("process").toList();
    ASSERT_EQ(steps.size(), 5);
    EXPECT_EQ(steps.front().toString(), "刷身份证核验身份");
    EXPECT_EQ(steps.back().toString(), "打印备案回执");
}

TEST_F(ViewModelTest, GuideOnlyItemsCannotBeStartedAtTheKiosk)
{
    const auto guide = viewModel.guide(licenceCode);
    EXPECT_EQ(guide.value("kindLabel").toString(), "办事指南");
    EXPECT_FALSE(guide.value("canStart").toBool());
    EXPECT_EQ(guide.value("timeLimitText").toString(), "1 个工作日");
}

TEST_F(ViewModelTest, PrintItemsStartOnlyWithAnA4PrinterAndProgressQueriesAlways)
{
    const auto print = QStringLiteral("11510703060000000X400009001"); // 社会保险个人参保证明打印
    const auto progress = QStringLiteral("11510703010000000X400009009"); // ...办理进度查询
    const auto records = QStringLiteral("11510703060000000X400009004");  // ...缴费记录查询
    EXPECT_FALSE(viewModel.guide(print).value("canStart").toBool()) << "no A4 printer: counter";
    EXPECT_TRUE(viewModel.guide(progress).value("canStart").toBool());
    EXPECT_FALSE(viewModel.guide(records).value("canStart").toBool()) << "no platform query";
    viewModel.setCertificatePrinting(true);
    EXPECT_TRUE(viewModel.guide(print).value("canStart").toBool());
}

TEST_F(ViewModelTest, GuideOfUnknownOrDisabledItemIsEmpty)
{
    EXPECT_TRUE(viewModel.guide("no-such-code").isEmpty());
    EXPECT_TRUE(viewModel.guide(disabledCode).isEmpty());
}

TEST_F(ViewModelTest, RegionNameComesFromTheCatalog)
{
    EXPECT_EQ(viewModel.regionName(), "绵阳市涪城区");
}

TEST_F(ViewModelTest, ClearingTheCatalogEmptiesEveryModel)
{
    int changes = 0;
    QObject::connect(&viewModel, &CatalogViewModel::catalogChanged, [&] { ++changes; });
    viewModel.setCatalog(nullptr);
    EXPECT_EQ(changes, 1);
    EXPECT_EQ(viewModel.itemCount(), 0);
    EXPECT_EQ(viewModel.themes()->count(), 0);
    EXPECT_EQ(viewModel.popular()->count(), 0);
    EXPECT_TRUE(viewModel.regionName().isEmpty());
    EXPECT_TRUE(viewModel.guide(relocationCode).isEmpty());
}

TEST_F(ViewModelTest, SearchFindsByPinyinAndInitialsSkippingDisabledItems)
{
    int changes = 0;
    QObject::connect(&viewModel, &CatalogViewModel::queryChanged, [&] { ++changes; });
    viewModel.setQuery("gjj"); // 公积金
    EXPECT_EQ(changes, 1);
    EXPECT_EQ(column(*viewModel.searchResults(), "name"),
              (QStringList{"住房公积金个人缴存信息查询", "住房公积金提取（租房）"}));
    viewModel.setQuery("yanglao"); // 养老: the disabled 资格认证 is not offered
    EXPECT_EQ(column(*viewModel.searchResults(), "name"),
              QStringList{"城乡居民基本养老保险参保登记"});
    viewModel.setQuery("异地");
    EXPECT_EQ(column(*viewModel.searchResults(), "code"), QStringList{relocationCode});
    viewModel.setQuery("");
    EXPECT_EQ(viewModel.searchResults()->count(), 0);
}

TEST_F(ViewModelTest, SearchRowsSayWhichSynonymFoundThem)
{
    // The fixture's synonyms: 社保 -> 社会保险, 驾照 -> 驾驶证.
    viewModel.setQuery("社保");
    const auto& results = *viewModel.searchResults();
    ASSERT_GE(results.count(), 2);
    const auto names = column(results, "name").mid(0, 2);
    for (const auto& name : names)
        EXPECT_TRUE(name.contains("社会保险")) << name.toStdString();
    EXPECT_EQ(column(results, "synonymTerm").mid(0, 2), (QStringList{"社保", "社保"}));
    EXPECT_EQ(column(results, "synonymMeaning").mid(0, 2), (QStringList{"社会保险", "社会保险"}));
    EXPECT_EQ(results.get(0).value("synonymTerm").toString(), "社保");

    viewModel.setQuery("jiazhao");
    EXPECT_EQ(column(results, "synonymMeaning"), QStringList{"驾驶证"});
}

TEST_F(ViewModelTest, TheSameRowsFoundAnotherWayTellQmlTheirNewSynonym)
{
    const kiosk::core::Synonym synonym{"社保", {"社会保险"}, {}};
    const auto* item = &catalog.items.front();
    CatalogModel model;
    model.setHits({{item, &synonym, synonym.means[0]}});
    int changed = 0;
    QObject::connect(&model, &QAbstractItemModel::dataChanged, [&] { ++changed; });
    model.setHits({{item, nullptr, {}}}); // no row changes, so no reset either
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(column(model, "synonymTerm"), QStringList{""});
    model.setHits({{item, nullptr, {}}});
    EXPECT_EQ(changed, 1); // nothing changed at all
}

TEST_F(ViewModelTest, ANewCatalogReRunsTheSearch)
{
    viewModel.setQuery("jiashizheng");
    EXPECT_EQ(viewModel.searchResults()->count(), 1);
    Catalog next = catalog;
    next.items.erase(next.items.begin() + 11); // 机动车驾驶证补领
    viewModel.setCatalog(&next);
    EXPECT_EQ(viewModel.searchResults()->count(), 0);
    viewModel.setCatalog(&catalog);
}

TEST(FollowingAHolder, TheScreensGetANewCatalogOnlyWhenTheSessionIsIdle)
{
    kiosk::core::CatalogHolder holder(loadFixture());
    CatalogViewModel viewModel;
    viewModel.follow(holder);
    EXPECT_EQ(viewModel.itemCount(), 13);

    Catalog next = loadFixture();
    next.catalogVersion += 1;
    next.items.resize(3);
    holder.stage(std::move(next));
    int changes = 0;
    QObject::connect(&viewModel, &CatalogViewModel::catalogChanged, [&] { ++changes; });
    EXPECT_FALSE(holder.switchIfIdle(kiosk::core::SessionState::FillingForm));
    EXPECT_EQ(viewModel.itemCount(), 13); // mid-session: the citizen's catalog stays
    EXPECT_EQ(changes, 0);

    EXPECT_TRUE(holder.switchIfIdle(kiosk::core::SessionState::Idle));
    EXPECT_EQ(changes, 1);
    EXPECT_EQ(viewModel.itemCount(), 3);
    viewModel.setQuery("shbzk"); // 社会保障卡挂失, still in the new catalog
    EXPECT_EQ(column(*viewModel.searchResults(), "name"), QStringList{"社会保障卡挂失"});
}

TEST(FollowingAHolder, TheSwitchHandsOverASnapshotPreparedWhereItWasStaged)
{
    kiosk::core::CatalogHolder holder(loadFixture());
    CatalogViewModel viewModel;
    viewModel.follow(holder);
    Catalog next = loadFixture();
    next.catalogVersion += 1;
    std::thread::id stagedOn;
    std::thread([&] { // a worker: the catalog watch or the catalog sync
        stagedOn = std::this_thread::get_id();
        holder.stage(std::move(next));
    })
        .join();

    ASSERT_TRUE(holder.switchIfIdle(kiosk::core::SessionState::Idle));
    ASSERT_NE(viewModel.snapshot(), nullptr);
    EXPECT_EQ(viewModel.snapshot(), holder.currentSnapshot()); // the same object, not a copy
    EXPECT_EQ(viewModel.snapshot()->preparedOn(), stagedOn);
    EXPECT_EQ(viewModel.itemCount(), 13);
    EXPECT_EQ(viewModel.themes()->count(), 6);
}

TEST(Wording, KindsAndTimeLimitsInPlainChinese)
{
    using kiosk::core::ItemKind;
    EXPECT_EQ(kiosk::ui::kindLabel(ItemKind::Apply), "自助申请");
    EXPECT_EQ(kiosk::ui::kindLabel(ItemKind::Query), "自助查询");
    EXPECT_EQ(kiosk::ui::kindLabel(ItemKind::Print), "自助打印");
    EXPECT_EQ(kiosk::ui::kindLabel(ItemKind::Guide), "办事指南");
    EXPECT_EQ(kiosk::ui::timeLimitText(0), "即办");
    EXPECT_EQ(kiosk::ui::timeLimitText(20), "20 个工作日");
}

} // namespace

// Showing a catalog with an empty query must not build its search index on the GUI thread:
// the kiosk leaves that to a worker after the first frame.
TEST(ViewModelIndex, ShowingTheHomeScreenDoesNotBuildTheSearchIndex)
{
    kiosk::core::CatalogHolder holder(loadFixture(),
                                      kiosk::core::CatalogSnapshot::SearchIndex::OnFirstUse);
    CatalogViewModel viewModel;
    viewModel.follow(holder);
    EXPECT_GT(viewModel.items()->rowCount(), 0);
    viewModel.setQuery("  ");
    EXPECT_FALSE(holder.currentSnapshot()->searchBuilt());
    viewModel.setQuery("shbx");
    EXPECT_TRUE(holder.currentSnapshot()->searchBuilt()); // a citizen's query needs it
    EXPECT_GT(viewModel.searchResults()->rowCount(), 0);
}
