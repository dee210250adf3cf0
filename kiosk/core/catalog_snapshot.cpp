// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_snapshot.h"

#include <algorithm>
#include <limits>

namespace kiosk::core {

namespace {

std::vector<const CatalogItem*> groupedByTheme(const Catalog& catalog,
                                               const std::vector<std::string>& themes)
{
    std::vector<const CatalogItem*> rows;
    for (const auto& item : catalog.items)
        if (item.enabled)
            rows.push_back(&item);
    const auto rank = [&](const CatalogItem* item) {
        return std::find(themes.begin(), themes.end(), item->theme) - themes.begin();
    };
    std::stable_sort(rows.begin(), rows.end(),
                     [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    return rows;
}

/// Counted from the grouped rows, where each theme's items are adjacent: one pass.
std::vector<ThemeSummary> summarise(const std::vector<const CatalogItem*>& grouped)
{
    std::vector<ThemeSummary> themes;
    for (const auto* item : grouped) {
        if (themes.empty() || themes.back().name != item->theme)
            themes.push_back({item->theme, 0});
        ++themes.back().enabledItems;
    }
    return themes;
}

const PinyinTable* systemPinyin()
{
    // Without the dictionary search still finds hanzi; the table reports its own failure to
    // whoever asks for it directly (kioskctl, tests).
    auto pinyin = PinyinTable::system();
    return pinyin ? *pinyin : nullptr;
}

} // namespace

std::shared_ptr<const CatalogSnapshot>
CatalogSnapshot::prepare(std::shared_ptr<const Catalog> catalog, SearchIndex index)
{
    auto snapshot = std::shared_ptr<const CatalogSnapshot>(new CatalogSnapshot(std::move(catalog)));
    if (index == SearchIndex::Now)
        (void)snapshot->search();
    return snapshot;
}

const CatalogSearch& CatalogSnapshot::search() const
{
    std::call_once(searchOnce_, [this] {
        search_ = std::make_unique<const CatalogSearch>(*catalog_, systemPinyin());
        searchBuilt_ = true;
    });
    return *search_;
}

CatalogSnapshot::CatalogSnapshot(std::shared_ptr<const Catalog> catalog)
    : catalog_(std::move(catalog)), itemsByTheme_(groupedByTheme(*catalog_, catalog_->themes())),
      popular_(catalog_->popular(std::numeric_limits<std::size_t>::max())),
      themes_(summarise(itemsByTheme_))
{
    enabledByCode_.reserve(itemsByTheme_.size());
    for (const auto* item : itemsByTheme_)
        enabledByCode_.emplace(item->code, item);
}

const CatalogItem* CatalogSnapshot::findEnabled(std::string_view code) const
{
    const auto it = enabledByCode_.find(code);
    return it == enabledByCode_.end() ? nullptr : it->second;
}

} // namespace kiosk::core
