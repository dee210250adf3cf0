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

/// The first UTF-8 character of `text` (up to four bytes), packed into a number.
std::uint32_t firstCharacter(std::string_view text)
{
    std::uint32_t packed = static_cast<unsigned char>(text[0]);
    for (std::size_t i = 1; i < std::min<std::size_t>(text.size(), 4); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80)
            break;
        packed = (packed << 8) | byte;
    }
    return packed;
}

} // namespace

/// What ranks an item: usual readings before rare ones, then the tier of the field that
/// matched, then how well (for names: 3 at the start, 2 a Chinese substring or a whole synonym
/// term, 1 pinyin inside the name, 0 the beginning of a longer synonym term), then hot items
/// and catalog order. Larger is better.
struct CatalogSearch::Candidate {
    bool found = false;
    std::tuple<bool, int, int> how{false, -1, -1}; ///< (usual, tier, strength)
    const Link* link = nullptr;                    ///< set when a synonym matched
};

CatalogSearch::CatalogSearch(const Catalog& catalog, const PinyinTable* pinyin)
    : pinyin_(pinyin), synonyms_(catalog.synonyms)
{
    if (pinyin_ != nullptr)
        for (std::size_t id = 0; id < pinyin_->syllableCount(); ++id)
            readings_.push_back(pinyin_->syllable(static_cast<std::uint16_t>(id)));
    for (char c = 'a'; c <= 'z'; ++c)
        readings_.emplace_back(1, c);
    for (char c = '0'; c <= '9'; ++c)
        readings_.emplace_back(1, c);
    for (std::uint32_t s = 0; s < catalog.synonyms.size(); ++s) {
        termFields_.push_back(static_cast<std::uint32_t>(fields_.size()));
        addField(catalog.synonyms[s].term, Tier::Name);
        for (std::uint32_t m = 0; m < catalog.synonyms[s].means.size(); ++m)
            if (const auto& meaning = catalog.synonyms[s].means[m]; !meaning.empty())
                meaningsByFirstCharacter_[firstCharacter(meaning)].push_back({s, m});
    }
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
        entry.firstLink = static_cast<std::uint32_t>(links_.size());
        linkSynonyms(item);
        entry.linkCount = static_cast<std::uint32_t>(links_.size()) - entry.firstLink;
        entries_.push_back(entry);
    }
    fieldOfText_ = {};
}

/// Links the item to every synonym one of whose meanings its name contains (once each),
/// unless the name holds the term itself: then it is found directly (公积金 in 住房公积金).
void CatalogSearch::linkSynonyms(const CatalogItem& item)
{
    const auto first = links_.size();
    const std::string_view name = item.name;
    for (std::size_t at = 0; at < name.size(); ++at) {
        if ((static_cast<unsigned char>(name[at]) & 0xC0) == 0x80)
            continue; // inside a character
        const auto bucket = meaningsByFirstCharacter_.find(firstCharacter(name.substr(at)));
        if (bucket == meaningsByFirstCharacter_.end())
            continue;
        for (const Link& link : bucket->second) {
            const auto& meaning = synonyms_[link.synonym].means[link.meaning];
            if (!name.substr(at).starts_with(meaning) ||
                name.find(synonyms_[link.synonym].term) != std::string_view::npos)
                continue;
            const bool linked =
                std::any_of(links_.begin() + static_cast<std::ptrdiff_t>(first), links_.end(),
                            [&](const Link& other) { return other.synonym == link.synonym; });
            if (!linked)
                links_.push_back(link);
        }
    }
}

void CatalogSearch::addField(std::string_view text, Tier tier)
{
    Field field;
    field.text = lowerAscii(text);
    if (const auto it = fieldOfText_.find(field.text); it != fieldOfText_.end()) {
        field = fields_[it->second];
    } else {
        fieldOfText_.emplace(field.text, static_cast<std::uint32_t>(fields_.size()));
        addUnits(field);
    }
    field.tier = tier;
    fields_.push_back(std::move(field));
}

/// The field's characters, each with its readings: the usual ones first, the rare ones after.
void CatalogSearch::addUnits(Field& field)
{
    field.firstUnit = static_cast<std::uint32_t>(units_.size());
    const auto syllableCount = readings_.size() - 36;
    const auto characters = decodeUtf8(field.text);
    const auto usualReadings =
        pinyin_ != nullptr ? pinyin_->commonReadings(characters) : std::vector<std::uint32_t>{};
    for (std::size_t k = 0; k < characters.size(); ++k) {
        const char32_t c = characters[k];
        Unit unit;
        unit.first = static_cast<std::uint32_t>(readingIds_.size());
        if (c < 0x80 && letterBit(static_cast<char>(c)) != 0) {
            const auto ascii = static_cast<char>(c);
            const auto offset = ascii >= 'a' ? ascii - 'a' : 26 + ascii - '0';
            readingIds_.push_back(static_cast<std::uint16_t>(syllableCount + offset));
            unit.common = 1;
        } else if (pinyin_ != nullptr) {
            const auto readings = pinyin_->readings(c);
            const auto usual = usualReadings[k];
            for (int pass = 0; pass < 2; ++pass)
                for (std::size_t r = 0; r < readings.size(); ++r)
                    if ((r < 32 && ((usual >> r) & 1) != 0) == (pass == 0))
                        readingIds_.push_back(readings[r]);
            unit.common = static_cast<std::uint16_t>(std::popcount(usual));
        }
        unit.count = static_cast<std::uint16_t>(readingIds_.size() - unit.first);
        field.hasRare = field.hasRare || unit.common < unit.count;
        for (std::uint32_t i = 0; i < unit.count; ++i) {
            const auto& reading = readings_[readingIds_[unit.first + i]];
            std::uint64_t letters = 0;
            for (char letter : reading)
                letters |= letterBit(letter);
            unit.initials |= letterBit(reading.front());
            field.letters |= letters;
            if (i < unit.common) {
                unit.commonInitials |= letterBit(reading.front());
                field.commonLetters |= letters;
            }
        }
        units_.push_back(unit);
    }
    field.unitCount = static_cast<std::uint32_t>(units_.size()) - field.firstUnit;
}

/// Walks the field's characters once (the first `unitLimit` of them), keeping the set of
/// query positions reached (a bit each). A character consumes its full reading or its
/// initial; the query may end inside a reading, so each keystroke of "sheb" already finds
/// 社保. With `usualOnly`, only the readings usual at that place count.
bool CatalogSearch::pinyinFrom(const Field& field, std::string_view query, bool anywhere,
                               bool usualOnly, std::uint32_t unitLimit) const
{
    const auto done = query.size();
    std::uint64_t active = 1;
    for (std::uint32_t u = 0; u < std::min(field.unitCount, unitLimit); ++u) {
        if (anywhere)
            active |= 1;
        const Unit& unit = units_[field.firstUnit + u];
        const auto initials = usualOnly ? unit.commonInitials : unit.initials;
        const auto count = usualOnly ? unit.common : unit.count;
        std::uint64_t next = 0;
        for (auto states = active; states != 0; states &= states - 1) {
            const auto p = static_cast<std::size_t>(std::countr_zero(states));
            // Every way on (and every match) begins with the next query letter.
            if ((initials & letterBit(query[p])) == 0)
                continue;
            const auto rest = query.substr(p);
            for (std::uint32_t i = unit.first; i < unit.first + count; ++i) {
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
    for (const bool usualOnly : {true, false}) {
        if (usualOnly && (field.commonLetters & wanted) != wanted)
            continue;
        if (!usualOnly && !field.hasRare)
            break; // the first pass already tried every reading
        match.found = pinyinFrom(field, query, true, usualOnly, field.unitCount);
        if (!match.found)
            continue;
        match.usual = usualOnly;
        match.atStart =
            field.tier == Tier::Name && pinyinFrom(field, query, false, usualOnly, field.unitCount);
        return match;
    }
    return {};
}

CatalogSearch::Match CatalogSearch::matchField(const Field& field, std::string_view query,
                                               bool pinyin) const
{
    if (const auto at = field.text.find(query); at != std::string::npos) {
        Match match;
        match.found = true;
        match.atStart = at == 0 && field.tier == Tier::Name;
        return match;
    }
    return pinyin ? matchPinyin(field, query) : Match{};
}

/// Which synonym terms the query begins (a Chinese prefix, or pinyin from the term's first
/// character), and whether it covers the whole term. One pinyin letter is too little.
std::vector<std::pair<CatalogSearch::TermMatch, bool>>
CatalogSearch::matchTerms(std::string_view query, bool pinyin) const
{
    std::vector<std::pair<TermMatch, bool>> terms(termFields_.size(), {TermMatch::None, true});
    for (std::size_t s = 0; s < termFields_.size(); ++s) {
        const Field& field = fields_[termFields_[s]];
        if (field.text.starts_with(query)) {
            terms[s].first =
                field.text.size() == query.size() ? TermMatch::Whole : TermMatch::Prefix;
            continue;
        }
        if (!pinyin || query.size() < 2 || field.unitCount == 0)
            continue;
        for (const bool usualOnly : {true, false}) {
            if (!usualOnly && !field.hasRare)
                break;
            if (!pinyinFrom(field, query, false, usualOnly, field.unitCount))
                continue;
            const bool shorter = pinyinFrom(field, query, false, usualOnly, field.unitCount - 1);
            terms[s] = {shorter ? TermMatch::Prefix : TermMatch::Whole, usualOnly};
            break;
        }
    }
    return terms;
}

CatalogSearch::Candidate
CatalogSearch::rankEntry(std::size_t e, std::string_view query, bool pinyin,
                         const std::vector<std::pair<TermMatch, bool>>& terms) const
{
    const Entry& entry = entries_[e];
    Candidate best;
    // Fields come name, theme, department, materials: once a usual match is found, later
    // fields cannot beat it.
    for (std::uint32_t f = entry.firstField; f < entry.firstField + entry.fieldCount; ++f) {
        const Field& field = fields_[f];
        if (best.found && std::get<0>(best.how) &&
            static_cast<int>(field.tier) < std::get<1>(best.how))
            break;
        const Match match = matchField(field, query, pinyin);
        if (!match.found)
            continue;
        const int strength = field.tier != Tier::Name ? 0 : match.atStart ? 3 : pinyin ? 1 : 2;
        const std::tuple<bool, int, int> how{match.usual, static_cast<int>(field.tier), strength};
        if (!best.found || how > best.how)
            best = {true, how, nullptr};
    }
    for (std::uint32_t l = entry.firstLink; l < entry.firstLink + entry.linkCount; ++l) {
        const auto [term, usual] = terms[links_[l].synonym];
        if (term == TermMatch::None)
            continue;
        const std::tuple<bool, int, int> how{usual, static_cast<int>(Tier::Name),
                                             term == TermMatch::Whole ? 2 : 0};
        if (!best.found || how > best.how)
            best = {true, how, &links_[l]};
    }
    return best;
}

std::vector<SearchHit> CatalogSearch::find(std::string_view rawQuery, std::size_t limit) const
{
    const auto query = normalizeQuery(rawQuery);
    if (query.empty() || limit == 0)
        return {};
    const bool pinyin = isPinyinQuery(query);
    const auto terms = matchTerms(query, pinyin);
    using Rank = std::tuple<std::tuple<bool, int, int>, int, std::int64_t>;
    std::vector<std::pair<Rank, std::pair<std::size_t, const Link*>>> hits;
    for (std::size_t e = 0; e < entries_.size(); ++e) {
        const auto candidate = rankEntry(e, query, pinyin, terms);
        if (candidate.found)
            hits.push_back(
                {Rank{candidate.how, entries_[e].item->hot, -static_cast<std::int64_t>(e)},
                 {e, candidate.link}});
    }
    const auto count = std::min(limit, hits.size());
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(count), hits.end(),
                      [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<SearchHit> result;
    result.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        SearchHit hit;
        hit.item = entries_[hits[i].second.first].item;
        if (const Link* link = hits[i].second.second) {
            hit.synonym = &synonyms_[link->synonym];
            hit.meaning = hit.synonym->means[link->meaning];
        }
        result.push_back(hit);
    }
    return result;
}

std::vector<const CatalogItem*> CatalogSearch::search(std::string_view query,
                                                      std::size_t limit) const
{
    std::vector<const CatalogItem*> items;
    for (const auto& hit : find(query, limit))
        items.push_back(hit.item);
    return items;
}

} // namespace kiosk::core
