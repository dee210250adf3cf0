// SPDX-License-Identifier: Apache-2.0
// Search over the catalog, for the home screen's search box and `kioskctl catalog search`:
// Chinese substrings, full pinyin ("shebao") and initials ("sbcb") over item names, themes,
// departments and material names, and the catalog's synonyms (社保 -> 社会保险), whose terms
// match like names. Ranking: name (or synonym) matches first, then popular items; a match
// that needs a rare reading of a polyphone (参 read shen in 参保) comes after all others.
#pragma once

#include "kiosk/core/catalog.h"
#include "kiosk/core/pinyin.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kiosk::core {

/// One result: the item, and when it was found through a synonym, which one.
struct SearchHit {
    const CatalogItem* item = nullptr;
    const Synonym* synonym = nullptr; ///< the catalog's entry; null for a direct match
    std::string_view meaning;         ///< the one of synonym->means the item's name contains
};

class CatalogSearch {
public:
    /// Indexes the enabled items and the synonyms of `catalog`, which must outlive this
    /// object. Without a pinyin table only Chinese (and Latin) substrings match.
    CatalogSearch(const Catalog& catalog, const PinyinTable* pinyin);

    /// The best `limit` items for `query`, best first. Empty query: nothing.
    [[nodiscard]] std::vector<SearchHit> find(std::string_view query, std::size_t limit) const;
    /// find() without the reasons.
    [[nodiscard]] std::vector<const CatalogItem*> search(std::string_view query,
                                                         std::size_t limit) const;

private:
    /// Which part of an item matched; higher ranks first. Synonyms rank as names.
    enum class Tier : std::uint8_t { Material, Department, Theme, Name };
    struct Unit {
        std::uint32_t first = 0;    ///< into readingIds_
        std::uint16_t count = 0;    ///< 0: punctuation or unknown: pinyin matches cannot span it
        std::uint16_t common = 0;   ///< the first `common` readings are the usual ones here
        std::uint64_t initials = 0; ///< letterBit of each reading's first letter
        std::uint64_t commonInitials = 0;
    };
    struct Field {
        std::string text; ///< original UTF-8, ASCII lowered
        std::uint32_t firstUnit = 0;
        std::uint32_t unitCount = 0;
        std::uint64_t letters = 0; ///< which of a-z0-9 occur in any reading
        std::uint64_t commonLetters = 0;
        bool hasRare = false; ///< some character has a reading that is rare here
        Tier tier = Tier::Name;
    };
    /// An item's name contains `means[meaning]` of the synonym `synonym`.
    struct Link {
        std::uint32_t synonym = 0;
        std::uint32_t meaning = 0;
    };
    struct Entry {
        const CatalogItem* item = nullptr;
        std::uint32_t firstField = 0;
        std::uint32_t fieldCount = 0;
        std::uint32_t firstLink = 0;
        std::uint32_t linkCount = 0;
    };
    /// How well a field matched: not, anywhere, or from its first character; `usual` when no
    /// rare reading was needed; `whole` when the query covers the field to its end.
    struct Match {
        bool found = false;
        bool atStart = false;
        bool usual = true;
        bool whole = false;
    };
    /// How a synonym's term matched the query (a prefix of the term, or all of it).
    enum class TermMatch : std::uint8_t { None, Prefix, Whole };
    struct Candidate;

    void addField(std::string_view text, Tier tier);
    void addUnits(Field& field);
    void linkSynonyms(const CatalogItem& item);
    [[nodiscard]] Match matchField(const Field& field, std::string_view query, bool pinyin) const;
    [[nodiscard]] Match matchPinyin(const Field& field, std::string_view query) const;
    [[nodiscard]] bool pinyinFrom(const Field& field, std::string_view query, bool anywhere,
                                  bool usualOnly, std::uint32_t unitLimit) const;
    [[nodiscard]] std::vector<std::pair<TermMatch, bool>> matchTerms(std::string_view query,
                                                                     bool pinyin) const;
    [[nodiscard]] Candidate rankEntry(std::size_t e, std::string_view query, bool pinyin,
                                      const std::vector<std::pair<TermMatch, bool>>& terms) const;

    const PinyinTable* pinyin_;
    std::vector<std::string> readings_; ///< syllables, then "a".."z", "0".."9"
    std::vector<std::uint16_t> readingIds_;
    std::vector<Unit> units_;
    std::vector<Field> fields_;
    std::vector<Entry> entries_;
    /// The catalog's synonyms: a span, since its heap buffer stays put when the Catalog moves.
    std::span<const Synonym> synonyms_;
    std::vector<std::uint32_t> termFields_; ///< the field of each synonym's term
    std::vector<Link> links_;
    /// The synonyms' meanings by their first character (its UTF-8 bytes packed), so an item's
    /// name is scanned once.
    std::unordered_map<std::uint32_t, std::vector<Link>> meaningsByFirstCharacter_;
    /// While indexing: the field already made for a text, whose characters a field with the
    /// same text shares (居民身份证 is a material of most items).
    std::unordered_map<std::string, std::uint32_t> fieldOfText_;
};

} // namespace kiosk::core
