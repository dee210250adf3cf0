// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/catalog_search.h"

#include <algorithm>
#include <bit>
#include <tuple>

namespace kiosk::core {

namespace {

/// The bit of a letter or digit in Field::letters; 0 for anything else.
std::uint64_t letterBit(char c)
{
    if (c >= 'a' && c <= 'z')
        return std::uint64_t{1} << (c - 'a');
    if (c >= '0' && c <= '9')
        return std::uint64_t{1} << (26 + c - '0');
    return 0;
}

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// Lower-cased, without spaces and the apostrophes people type between syllables ("xi'an").
std::string normalizeQuery(std::string_view query)
{
    std::string out;
    for (char c : lowerAscii(query))
        if (c != ' ' && c != '\'' && c != '\t')
            out.push_back(c);
    return out;
}

bool isPinyinQuery(std::string_view query)
{
    return !query.empty() && query.size() < 64 &&
           std::all_of(query.begin(), query.end(), [](char c) { return letterBit(c) != 0; });
}

/// The initial a query may use for a syllable: "zh", "ch", "sh" or the first letter.
std::size_t initialLength(std::string_view syllable)
{
    if (syllable.size() > 2 && syllable[1] == 'h' &&
        (syllable[0] == 'z' || syllable[0] == 'c' || syllable[0] == 's'))
        return 2;
    return 1;
}

} // namespace

CatalogSearch::CatalogSearch(const Catalog& catalog, const PinyinTable* pinyin) : pinyin_(pinyin)
{
    if (pinyin_ != nullptr)
        for (std::size_t id = 0; id < pinyin_->syllableCount(); ++id)
            readings_.push_back(pinyin_->syllable(static_cast<std::uint16_t>(id)));
    for (char c = 'a'; c <= 'z'; ++c)
        readings_.emplace_back(1, c);
    for (char c = '0'; c <= '9'; ++c)
        readings_.emplace_back(1, c);
    for (const auto& item : catalog.items) {
        if (!item.enabled)
            continue;
        Entry entry;
        entry.item = &item;
        entry.firstField = static_cast<std::uint32_t>(fields_.size());
        addField(item.name, Tier::Name);
        addField(item.theme, Tier::Theme);
        addField(item.department, Tier::Department);
        for (const auto& material : item.guide.materials)
            addField(material.name, Tier::Material);
        entry.fieldCount = static_cast<std::uint32_t>(fields_.size()) - entry.firstField;
        entries_.push_back(entry);
    }
}

void CatalogSearch::addField(std::string_view text, Tier tier)
{
    Field field;
    field.text = lowerAscii(text);
    field.tier = tier;
    field.firstUnit = static_cast<std::uint32_t>(units_.size());
    const auto syllableCount = readings_.size() - 36;
    for (const char32_t c : decodeUtf8(field.text)) {
        Unit unit;
        unit.first = static_cast<std::uint32_t>(readingIds_.size());
        if (c < 0x80 && letterBit(static_cast<char>(c)) != 0) {
            const auto ascii = static_cast<char>(c);
            const auto offset = ascii >= 'a' ? ascii - 'a' : 26 + ascii - '0';
            readingIds_.push_back(static_cast<std::uint16_t>(syllableCount + offset));
        } else if (pinyin_ != nullptr) {
            for (const auto id : pinyin_->readings(c))
                readingIds_.push_back(id);
        }
        unit.count = static_cast<std::uint16_t>(readingIds_.size() - unit.first);
        for (std::uint32_t i = unit.first; i < unit.first + unit.count; ++i) {
            const auto& reading = readings_[readingIds_[i]];
            unit.initials |= letterBit(reading.front());
            for (char letter : reading)
                field.letters |= letterBit(letter);
        }
        units_.push_back(unit);
    }
    field.unitCount = static_cast<std::uint32_t>(units_.size()) - field.firstUnit;
    fields_.push_back(std::move(field));
}

/// Walks the field's characters once, keeping the set of query positions reached (a bit
/// each). A character consumes its full reading or its initial; the query may end inside a
/// reading, so each keystroke of "sheb" already finds 社保.
bool CatalogSearch::pinyinFrom(const Field& field, std::string_view query, bool anywhere) const
{
    const auto done = query.size();
    std::uint64_t active = 1;
    for (std::uint32_t u = 0; u < field.unitCount; ++u) {
        if (anywhere)
            active |= 1;
        const Unit& unit = units_[field.firstUnit + u];
        std::uint64_t next = 0;
        for (auto states = active; states != 0; states &= states - 1) {
            const auto p = static_cast<std::size_t>(std::countr_zero(states));
            // Every way on (and every match) begins with the next query letter.
            if ((unit.initials & letterBit(query[p])) == 0)
                continue;
            const auto rest = query.substr(p);
            for (std::uint32_t i = unit.first; i < unit.first + unit.count; ++i) {
                const std::string_view reading = readings_[readingIds_[i]];
                if (reading.starts_with(rest))
                    return true;
                if (rest.starts_with(reading))
                    next |= std::uint64_t{1} << (p + reading.size());
                const auto initial = initialLength(reading);
                if (rest.starts_with(reading.substr(0, initial)))
                    next |= std::uint64_t{1} << (p + initial);
                if (initial == 2 && rest.front() == reading.front())
                    next |= std::uint64_t{1} << (p + 1);
            }
        }
        if ((next >> done) & 1)
            return true;
        active = next;
        if (active == 0 && !anywhere)
            return false;
    }
    return false;
}

CatalogSearch::Match CatalogSearch::matchPinyin(const Field& field, std::string_view query) const
{
    std::uint64_t wanted = 0;
    for (char c : query)
        wanted |= letterBit(c);
    if ((field.letters & wanted) != wanted)
        return {};
    Match match;
    match.found = pinyinFrom(field, query, true);
    match.atStart = match.found && field.tier == Tier::Name && pinyinFrom(field, query, false);
    return match;
}

std::vector<const CatalogItem*> CatalogSearch::search(std::string_view rawQuery,
                                                      std::size_t limit) const
{
    const auto query = normalizeQuery(rawQuery);
    if (query.empty() || limit == 0)
        return {};
    const bool pinyin = isPinyinQuery(query);
    // (tier, name starts with the query, hot, -catalog order): larger is better.
    using Rank = std::tuple<int, bool, int, std::int64_t>;
    std::vector<std::pair<Rank, const CatalogItem*>> hits;
    for (std::size_t e = 0; e < entries_.size(); ++e) {
        const Entry& entry = entries_[e];
        int bestTier = -1;
        bool atStart = false;
        // Fields come name, theme, department, materials: the first match is the best tier.
        for (std::uint32_t f = entry.firstField; f < entry.firstField + entry.fieldCount; ++f) {
            const Field& field = fields_[f];
            if (bestTier >= 0 && static_cast<int>(field.tier) < bestTier)
                break;
            Match match;
            if (const auto at = field.text.find(query); at != std::string::npos) {
                match.found = true;
                match.atStart = at == 0 && field.tier == Tier::Name;
            } else if (pinyin) {
                match = matchPinyin(field, query);
            }
            if (match.found) {
                bestTier = static_cast<int>(field.tier);
                atStart = atStart || match.atStart;
            }
        }
        if (bestTier >= 0)
            hits.push_back({Rank{bestTier, atStart, entry.item->hot, -static_cast<std::int64_t>(e)},
                            entry.item});
    }
    const auto count = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(count), hits.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<const CatalogItem*> result;
    result.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        result.push_back(hits[i].second);
    return result;
}

} // namespace kiosk::core
