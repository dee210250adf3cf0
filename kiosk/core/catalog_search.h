// SPDX-License-Identifier: Apache-2.0
// Search over the catalog, for the home screen's search box and `kioskctl catalog search`:
// Chinese substrings, full pinyin ("shebao") and initials ("sbcb"), every reading of a
// polyphone, over item names, themes, departments and material names. Name matches rank first,
// then popular items.
#pragma once

#include "kiosk/core/catalog.h"
#include "kiosk/core/pinyin.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

class CatalogSearch {
public:
    /// Indexes the enabled items of `catalog`, which must outlive this object. Without a
    /// pinyin table only Chinese (and Latin) substrings match.
    CatalogSearch(const Catalog& catalog, const PinyinTable* pinyin);

    /// The best `limit` items for `query`, best first. Empty query: nothing.
    [[nodiscard]] std::vector<const CatalogItem*> search(std::string_view query,
                                                         std::size_t limit) const;

private:
    /// Which part of an item matched; higher ranks first.
    enum class Tier : std::uint8_t { Material, Department, Theme, Name };
    struct Unit {
        std::uint32_t first = 0;    ///< into readingIds_
        std::uint16_t count = 0;    ///< 0: punctuation or unknown: pinyin matches cannot span it
        std::uint64_t initials = 0; ///< letterBit of each reading's first letter
    };
    struct Field {
        std::string text; ///< original UTF-8, ASCII lowered
        std::uint32_t firstUnit = 0;
        std::uint32_t unitCount = 0;
        std::uint64_t letters = 0; ///< which of a-z0-9 occur in any reading
        Tier tier = Tier::Name;
    };
    struct Entry {
        const CatalogItem* item = nullptr;
        std::uint32_t firstField = 0;
        std::uint32_t fieldCount = 0;
    };
    struct Match {
        bool found = false;
        bool atStart = false;
    };

    void addField(std::string_view text, Tier tier);
    [[nodiscard]] Match matchPinyin(const Field& field, std::string_view query) const;
    [[nodiscard]] bool pinyinFrom(const Field& field, std::string_view query, bool anywhere) const;

    const PinyinTable* pinyin_;
    std::vector<std::string> readings_; ///< syllables, then "a".."z", "0".."9"
    std::vector<std::uint16_t> readingIds_;
    std::vector<Unit> units_;
    std::vector<Field> fields_;
    std::vector<Entry> entries_;
};

} // namespace kiosk::core
