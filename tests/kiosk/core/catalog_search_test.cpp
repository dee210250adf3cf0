// SPDX-License-Identifier: Apache-2.0
// Search over the shipped catalog: Chinese substrings, full pinyin, initials, polyphones,
// department/theme/material matches, and ranking (name matches and popular items first).
#include "kiosk/core/catalog_search.h"
#include "kiosk/core/service_catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using kiosk::core::CatalogItem;
using kiosk::core::CatalogSearch;
using kiosk::core::PinyinTable;

namespace {

class CatalogSearchTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        auto catalog = kiosk::core::loadCatalogFile(kiosk::core::shippedCatalogPath().string());
        ASSERT_TRUE(catalog);
        catalog_ = new kiosk::core::Catalog(std::move(*catalog));
        auto table = PinyinTable::system();
        ASSERT_TRUE(table) << table.error().message;
        search_ = new CatalogSearch(*catalog_, *table);
    }
    static void TearDownTestSuite()
    {
        delete search_;
        delete catalog_;
    }

    static std::vector<std::string> names(std::string_view query, std::size_t limit = 200)
    {
        std::vector<std::string> out;
        for (const CatalogItem* item : search_->search(query, limit))
            out.push_back(item->name);
        return out;
    }
    static bool allContain(const std::vector<std::string>& list, const std::string& part)
    {
        return std::all_of(list.begin(), list.end(),
                           [&](const auto& n) { return n.find(part) != std::string::npos; });
    }

    static kiosk::core::Catalog* catalog_;
    static CatalogSearch* search_;
};
kiosk::core::Catalog* CatalogSearchTest::catalog_ = nullptr;
CatalogSearch* CatalogSearchTest::search_ = nullptr;

} // namespace

TEST(PinyinTable, ComesFromTheDictionaryWithEveryReadingOfAPolyphone)
{
    auto table = PinyinTable::system();
    ASSERT_TRUE(table) << table.error().message;
    EXPECT_GT((*table)->characterCount(), 6000u);
    const auto readingsOf = [&](char32_t c) {
        std::set<std::string> out;
        for (auto id : (*table)->readings(c))
            out.insert((*table)->syllable(id));
        return out;
    };
    EXPECT_EQ(readingsOf(U'社'), std::set<std::string>{"she"});
    EXPECT_TRUE(readingsOf(U'行').contains("xing"));
    EXPECT_TRUE(readingsOf(U'行').contains("hang"));
    EXPECT_TRUE(readingsOf(U'重').contains("chong"));
    EXPECT_TRUE(readingsOf(U'重').contains("zhong"));
}

TEST_F(CatalogSearchTest, ChineseSubstring)
{
    const auto hits = names("社会保险");
    ASSERT_FALSE(hits.empty());
    EXPECT_NE(hits.front().find("社会保险"), std::string::npos);
}

TEST_F(CatalogSearchTest, FullPinyinAndInitialsFindTheSameItems)
{
    const auto chinese = names("社会保险");
    const auto full = names("shehuibaoxian");
    const auto initials = names("shbx");
    ASSERT_FALSE(full.empty());
    EXPECT_EQ(full, chinese);
    // Initials are ambiguous by nature (基本医疗保险参保信息 matches too, last: 参 is rarely
    // read shen), so they find at least what the Chinese query finds, best first.
    const auto includesChinese = [&](const std::vector<std::string>& hits) {
        return std::all_of(chinese.begin(), chinese.end(), [&](const auto& name) {
            return std::find(hits.begin(), hits.end(), name) != hits.end();
        });
    };
    EXPECT_TRUE(includesChinese(initials));
    EXPECT_NE(initials.front().find("社会保险"), std::string::npos);
    EXPECT_TRUE(includesChinese(names("shehbx")));   // a full syllable, then initials
    EXPECT_TRUE(includesChinese(names("shehuibx"))); // full syllables, then initials
    EXPECT_EQ(names("SheHui BaoXian"), full);        // case and spaces do not matter
}

TEST_F(CatalogSearchTest, EveryKeystrokeOfAPrefixFindsResults)
{
    const auto target = names("医保").front();
    for (const std::string prefix : {"y", "yi", "yib", "yiba", "yibao"}) {
        const auto hits = names(prefix);
        EXPECT_NE(std::find(hits.begin(), hits.end(), target), hits.end()) << prefix;
    }
    EXPECT_EQ(names("yibao").front(), target);
}

TEST_F(CatalogSearchTest, PolyphonesMatchEitherReading)
{
    // 行 is read hang in 银行 (a material: 银行卡) and xing in 出行 (the theme 交通出行).
    const auto hang = search_->search("yinhang", 200);
    ASSERT_FALSE(hang.empty());
    EXPECT_TRUE(std::any_of(hang.begin(), hang.end(), [](const CatalogItem* item) {
        return std::any_of(item->guide.materials.begin(), item->guide.materials.end(),
                           [](const auto& m) { return m.name.find("银行") != std::string::npos; });
    }));
    const auto xing = search_->search("jiaotongchuxing", 200);
    ASSERT_FALSE(xing.empty());
    EXPECT_TRUE(std::all_of(xing.begin(), xing.end(),
                            [](const CatalogItem* item) { return item->theme == "交通出行"; }));
    const auto prefix = search_->search("chux", 200); // typing: 出行 after four keys already
    for (const auto* item : xing)
        EXPECT_NE(std::find(prefix.begin(), prefix.end(), item), prefix.end()) << item->name;
}

TEST_F(CatalogSearchTest, MatchesDepartmentsThemesAndMaterials)
{
    // 户口簿 is a material (and part of some names); 公安 is in department names.
    const auto gongan = search_->search("gongan", 200);
    ASSERT_FALSE(gongan.empty());
    EXPECT_TRUE(std::any_of(gongan.begin(), gongan.end(), [](const CatalogItem* item) {
        return item->name.find("公安") == std::string::npos &&
               item->department.find("公安") != std::string::npos;
    }));
    const auto material = search_->search("户口簿", 200);
    EXPECT_TRUE(std::any_of(material.begin(), material.end(), [](const CatalogItem* item) {
        return item->name.find("户口簿") == std::string::npos;
    }));
}

TEST_F(CatalogSearchTest, NameMatchesRankFirstThenPopularItems)
{
    const auto hits = search_->search("gongan", 200);
    bool seenNonName = false;
    for (const auto* item : hits) {
        const bool inName = item->name.find("公安") != std::string::npos;
        EXPECT_FALSE(inName && seenNonName) << item->name << " ranks after a non-name match";
        seenNonName = seenNonName || !inName;
    }
    // Among items matched the same way, the hotter one comes first.
    const auto sb = search_->search("shbx", 200);
    const auto inName = [](const CatalogItem* item) {
        return item->name.find("社会保险") != std::string::npos;
    };
    for (std::size_t i = 1; i < sb.size(); ++i) {
        const bool sameWay =
            inName(sb[i - 1]) && inName(sb[i]) &&
            sb[i - 1]->name.starts_with("社会保险") == sb[i]->name.starts_with("社会保险");
        if (sameWay) {
            EXPECT_GE(sb[i - 1]->hot, sb[i]->hot) << sb[i]->name;
        }
    }
}

TEST_F(CatalogSearchTest, NothingForNonsenseAndEmptyQueries)
{
    EXPECT_TRUE(names("").empty());
    EXPECT_TRUE(names("qqqqqq").empty());
    EXPECT_TRUE(names("量子纠缠").empty());
    EXPECT_EQ(names("s", 3).size(), 3u);
}

TEST(PinyinTable, UsualReadingsFollowTheWordACharacterIsIn)
{
    auto table = PinyinTable::system();
    ASSERT_TRUE(table) << table.error().message;
    // The usual readings of each character of `text`, as syllables.
    const auto usual = [&](std::string_view text) {
        const auto characters = kiosk::core::decodeUtf8(text);
        const auto masks = (*table)->commonReadings(characters);
        std::vector<std::set<std::string>> out;
        for (std::size_t i = 0; i < characters.size(); ++i) {
            const auto readings = (*table)->readings(characters[i]);
            std::set<std::string> syllables;
            for (std::size_t r = 0; r < readings.size(); ++r)
                if ((masks[i] >> r) & 1)
                    syllables.insert((*table)->syllable(readings[r]));
            out.push_back(syllables);
        }
        return out;
    };
    using Set = std::set<std::string>;
    EXPECT_EQ(usual("参保")[0], Set{"can"});
    EXPECT_EQ(usual("个人参保")[2], Set{"can"}); // 个人|参保, not 个|人参|保
    EXPECT_EQ(usual("人参")[1], Set{"shen"});
    EXPECT_EQ(usual("银行卡")[1], Set{"hang"});
    EXPECT_EQ(usual("行政")[0], Set{"xing"});
    EXPECT_EQ(usual("会计")[0], Set{"kuai"});
    EXPECT_EQ(usual("重名")[0], Set{"chong"});
    // Alone, a character keeps the readings close to its most frequent one.
    EXPECT_EQ(usual("参")[0], Set{"can"});
    EXPECT_TRUE(usual("朝")[0].contains("chao"));
    EXPECT_TRUE(usual("朝")[0].contains("zhao"));
}

TEST_F(CatalogSearchTest, RareReadingsOfPolyphonesRankLast)
{
    // 参保 is read canbao; shbx and shenbao reach it only through 参's rare reading shen.
    for (const std::string query : {"shbx", "shenbao"}) {
        const auto hits = search_->find(query, 200);
        const auto rare = [](const kiosk::core::SearchHit& hit) {
            const auto& materials = hit.item->guide.materials;
            return hit.item->name.find("参保") != std::string::npos ||
                   std::any_of(materials.begin(), materials.end(), [](const auto& m) {
                       return m.name.find("参保") != std::string::npos;
                   });
        };
        const auto firstRare = std::find_if(hits.begin(), hits.end(), [&](const auto& hit) {
            return rare(hit) && hit.item->theme != "社会保险"; // the theme matches shbx itself
        });
        ASSERT_NE(firstRare, hits.end()) << query;
        EXPECT_NE(firstRare, hits.begin()) << query;
        EXPECT_TRUE(std::all_of(firstRare, hits.end(), rare)) << query;
    }
    EXPECT_NE(names("canbao").front().find("参保"), std::string::npos);
}

namespace {

/// A small catalog with the given item names and synonyms.
kiosk::core::Catalog smallCatalog(const std::vector<std::string>& itemNames,
                                  std::vector<kiosk::core::Synonym> synonyms)
{
    kiosk::core::Catalog catalog;
    for (std::size_t i = 0; i < itemNames.size(); ++i) {
        CatalogItem item;
        item.code = "C" + std::to_string(i);
        item.name = itemNames[i];
        item.department = "区政务服务中心";
        item.theme = "其他";
        catalog.items.push_back(item);
    }
    catalog.synonyms = std::move(synonyms);
    return catalog;
}

} // namespace

TEST(CatalogSearchSynonyms, ATermFindsWhatItMeansAndSaysSo)
{
    const auto catalog =
        smallCatalog({"公证预约", "社会保险费缴纳", "社会保障卡申领", "社保卡挂失"},
                     {{"社保", {"社会保险"}, {}}, {"社保卡", {"社会保障卡"}, {}}});
    const CatalogSearch search(catalog, *PinyinTable::system());
    const auto position = [](const std::vector<kiosk::core::SearchHit>& hits,
                             std::string_view name) {
        return std::find_if(hits.begin(), hits.end(),
                            [&](const auto& hit) { return hit.item->name == name; });
    };
    for (const std::string query : {"社保", "shebao", "sb", "SB", "sheb"}) {
        const auto hits = search.find(query, 10);
        const auto insurance = position(hits, "社会保险费缴纳");
        ASSERT_NE(insurance, hits.end()) << query;
        ASSERT_NE(insurance->synonym, nullptr) << query;
        EXPECT_EQ(insurance->synonym->term, "社保");
        EXPECT_EQ(insurance->meaning, "社会保险");
        // The whole term outranks a term the query only begins (社保 begins 社保卡).
        EXPECT_LT(insurance, position(hits, "社会保障卡申领")) << query;
        EXPECT_EQ(position(hits, "公证预约"), hits.end()) << query;
    }
    // 社保卡挂失 holds the term itself: a direct match, told without a synonym.
    const auto direct = search.find("社保", 10);
    const auto card = std::find_if(direct.begin(), direct.end(),
                                   [](const auto& hit) { return hit.item->name == "社保卡挂失"; });
    ASSERT_NE(card, direct.end());
    EXPECT_EQ(card->synonym, nullptr);
    const auto whole = search.find("shebaoka", 10);
    ASSERT_FALSE(whole.empty());
    EXPECT_EQ(whole.front().item->name, "社保卡挂失"); // the name starts with it
    ASSERT_NE(position(whole, "社会保障卡申领"), whole.end());
    EXPECT_EQ(position(whole, "社会保障卡申领")->synonym->term, "社保卡");
}

TEST(CatalogSearchSynonyms, OneLetterDoesNotReachSynonymsAndChineseNeedsNoPinyin)
{
    const auto catalog = smallCatalog({"社会保险费缴纳"}, {{"社保", {"社会保险"}, {}}});
    const CatalogSearch search(catalog, *PinyinTable::system());
    for (const auto& hit : search.find("s", 10))
        EXPECT_EQ(hit.synonym, nullptr); // found by its name's pinyin, not through 社保
    const CatalogSearch chineseOnly(catalog, nullptr);
    const auto hits = chineseOnly.find("社保", 10);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].synonym->term, "社保");
    EXPECT_TRUE(chineseOnly.find("shebao", 10).empty());
}

TEST(CatalogSearchSynonyms, NameMatchesAndSynonymsComeBeforeMaterials)
{
    auto catalog = smallCatalog({"义务教育阶段新生入学报名", "社会保险个人权益记录打印"},
                                {{"社保", {"社会保险"}, {}}});
    catalog.items[0].guide.materials.push_back({"社保缴费证明", true});
    const CatalogSearch search(catalog, *PinyinTable::system());
    const auto hits = search.search("社保", 10);
    ASSERT_EQ(hits.size(), 2u);
    EXPECT_EQ(hits[0]->name, "社会保险个人权益记录打印");
}
