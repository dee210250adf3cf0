// SPDX-License-Identifier: Apache-2.0
// kiosk::core::CatalogSnapshot: a catalog with everything the screens derive from it, prepared
// once off the GUI thread and never changed after, so putting a catalog on screen is a swap.
#pragma once

#include "kiosk/core/catalog.h"
#include "kiosk/core/catalog_search.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

namespace kiosk::core {

/// A theme the citizen can open: its name and how many enabled items it has.
struct ThemeSummary {
    std::string name;
    int enabledItems = 0;
};

/// Immutable, so any thread may read it while the GUI thread shows it. Building one for
/// 20,000 items (the search index above all) takes long enough to drop frames; DESIGN.md keeps
/// that off the GUI thread, which only swaps one snapshot for another (CatalogHolder).
class CatalogSnapshot {
public:
    /// When the search index (the largest part, with the system pinyin table) is built.
    enum class SearchIndex {
        Now,        ///< in prepare(), like everything else
        OnFirstUse, ///< by the first search() call: the kiosk's first catalog, whose index a
                    ///< worker builds once the home screen is on screen (start-up budget)
    };

    /// Builds everything on the calling thread, with the system pinyin table (without it search
    /// still finds hanzi and Latin), except the search index when it is left for first use. The
    /// items point into `catalog`, which the snapshot keeps.
    [[nodiscard]] static std::shared_ptr<const CatalogSnapshot>
    prepare(std::shared_ptr<const Catalog> catalog, SearchIndex index = SearchIndex::Now);

    CatalogSnapshot(const CatalogSnapshot&) = delete;
    CatalogSnapshot& operator=(const CatalogSnapshot&) = delete;

    [[nodiscard]] const Catalog& catalog() const { return *catalog_; }
    [[nodiscard]] const std::shared_ptr<const Catalog>& sharedCatalog() const { return catalog_; }
    /// Enabled items grouped by theme (themes in catalog order, items in catalog order within a
    /// theme), so a list sectioned by theme shows each theme once.
    [[nodiscard]] const std::vector<const CatalogItem*>& itemsByTheme() const
    {
        return itemsByTheme_;
    }
    /// Every enabled item with hot > 0, hottest first; screens show the first few.
    [[nodiscard]] const std::vector<const CatalogItem*>& popular() const { return popular_; }
    /// Themes in catalog order that have at least one enabled item.
    [[nodiscard]] const std::vector<ThemeSummary>& themes() const { return themes_; }
    /// The enabled item with this code, or nullptr (unknown or switched off).
    [[nodiscard]] const CatalogItem* findEnabled(std::string_view code) const;
    /// The search index. Built by the first caller when prepare() left it for first use; a
    /// concurrent caller waits for that build (thread-safe), so the kiosk has a worker call it
    /// first, before any citizen can type.
    [[nodiscard]] const CatalogSearch& search() const;
    [[nodiscard]] bool searchBuilt() const { return searchBuilt_.load(); }
    /// The thread that prepared it: tests check that it was not the GUI thread.
    [[nodiscard]] std::thread::id preparedOn() const { return preparedOn_; }

private:
    explicit CatalogSnapshot(std::shared_ptr<const Catalog> catalog);

    std::shared_ptr<const Catalog> catalog_; ///< first: everything below points into it
    mutable std::once_flag searchOnce_;
    mutable std::unique_ptr<const CatalogSearch> search_;
    mutable std::atomic<bool> searchBuilt_{false};
    std::vector<const CatalogItem*> itemsByTheme_;
    std::vector<const CatalogItem*> popular_;
    std::vector<ThemeSummary> themes_;
    std::unordered_map<std::string_view, const CatalogItem*> enabledByCode_;
    std::thread::id preparedOn_ = std::this_thread::get_id();
};

} // namespace kiosk::core
