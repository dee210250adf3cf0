// SPDX-License-Identifier: Apache-2.0
// The query table (data/search_queries.json): words citizens type (社保, shebao, sb, 驾照,
// yibao, ...), each with the items that must come first in the shipped catalog's search, one
// test per query. See the table's "about" for the columns.
#include "kiosk/core/catalog_search.h"
#include "kiosk/core/service_catalog.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

using kiosk::core::CatalogSearch;
using kiosk::core::SearchHit;
using Json = nlohmann::json;

namespace {

struct QueryRow {
    std::string query;
    std::vector<std::string> first; ///< parts of names: these items come first
    std::string via;                ///< the synonym term of the first hit, or empty
    std::vector<std::string> last;  ///< parts of names or materials: these items come last
};

void PrintTo(const QueryRow& row, std::ostream* out)
{
    *out << "\"" << row.query << "\"";
}

std::vector<QueryRow> loadTable()
{
    std::ifstream in(KIOSK_SEARCH_QUERIES);
    const auto json = Json::parse(in, nullptr, false);
    std::vector<QueryRow> rows;
    if (json.is_discarded())
        return rows;
    for (const auto& row : json.at("queries"))
        rows.push_back({row.at("query").get<std::string>(),
                        row.at("first").get<std::vector<std::string>>(), row.value("via", ""),
                        row.value("last", std::vector<std::string>{})});
    return rows;
}

bool containsAny(const std::string& name, const std::vector<std::string>& parts)
{
    return std::any_of(parts.begin(), parts.end(),
                       [&](const auto& part) { return name.find(part) != std::string::npos; });
}

std::string listed(const std::vector<SearchHit>& hits, std::size_t count)
{
    std::string out;
    for (std::size_t i = 0; i < std::min(count, hits.size()); ++i)
        out += std::to_string(i + 1) + ". " + hits[i].item->name + "\n";
    return out;
}

class SearchQueries : public ::testing::TestWithParam<QueryRow> {
protected:
    static void SetUpTestSuite()
    {
        auto catalog = kiosk::core::loadCatalogFile(kiosk::core::shippedCatalogPath().string());
        ASSERT_TRUE(catalog) << catalog.error().message;
        catalog_ = new kiosk::core::Catalog(std::move(*catalog));
        auto table = kiosk::core::PinyinTable::system();
        ASSERT_TRUE(table) << table.error().message;
        search_ = new CatalogSearch(*catalog_, *table);
    }
    static void TearDownTestSuite()
    {
        delete search_;
        delete catalog_;
    }
    static kiosk::core::Catalog* catalog_;
    static CatalogSearch* search_;
};
kiosk::core::Catalog* SearchQueries::catalog_ = nullptr;
CatalogSearch* SearchQueries::search_ = nullptr;

} // namespace

TEST(SearchQueryTable, HasFortyQueriesOrMore)
{
    EXPECT_GE(loadTable().size(), 40u) << KIOSK_SEARCH_QUERIES;
}

TEST_P(SearchQueries, ExpectedItemsComeFirst)
{
    const auto& row = GetParam();
    std::set<std::string> expected;
    for (const auto& item : catalog_->items)
        if (item.enabled && containsAny(item.name, row.first))
            expected.insert(item.name);
    ASSERT_FALSE(expected.empty()) << "the table names no item of the catalog";
    const auto hits = search_->find(row.query, catalog_->items.size());
    ASSERT_GE(hits.size(), expected.size()) << listed(hits, hits.size());
    std::set<std::string> top;
    for (std::size_t i = 0; i < expected.size(); ++i)
        top.insert(hits[i].item->name);
    EXPECT_EQ(top, expected) << "results:\n" << listed(hits, expected.size() + 5);
    if (!row.via.empty()) {
        ASSERT_NE(hits.front().synonym, nullptr) << hits.front().item->name;
        EXPECT_EQ(hits.front().synonym->term, row.via);
        EXPECT_NE(hits.front().item->name.find(hits.front().meaning), std::string::npos);
    }
    if (!row.last.empty()) {
        // Found only through a rare reading: after everything else.
        const auto rare = [&](const SearchHit& hit) {
            const auto& materials = hit.item->guide.materials;
            const bool inMaterials = std::any_of(materials.begin(), materials.end(), [&](auto& m) {
                return containsAny(m.name, row.last);
            });
            return (containsAny(hit.item->name, row.last) || inMaterials) &&
                   !containsAny(hit.item->name, row.first);
        };
        const auto firstRare = std::find_if(hits.begin(), hits.end(), rare);
        ASSERT_NE(firstRare, hits.end()) << "the rare reading finds nothing";
        EXPECT_TRUE(std::all_of(firstRare, hits.end(), rare)) << listed(hits, hits.size());
    }
}

INSTANTIATE_TEST_SUITE_P(Citizens, SearchQueries, ::testing::ValuesIn(loadTable()),
                         [](const ::testing::TestParamInfo<QueryRow>& param) {
                             // gtest names are ASCII: the index, and the query if it is pinyin.
                             std::string name = "q" + std::to_string(param.index);
                             const auto& query = param.param.query;
                             if (std::all_of(query.begin(), query.end(), [](char c) {
                                     return std::isalnum(static_cast<unsigned char>(c)) != 0;
                                 }))
                                 name += "_" + query;
                             return name;
                         });
