// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/pinyin.h"

#include <dictdef.h>
#include <dicttrie.h>
#include <ngram.h>
#include <spellingtrie.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>
#include <numeric>

namespace kiosk::core {

namespace {

/// A reading whose score is this much above the character's best is rare: scores are
/// -800 * ln(probability), so 1600 is a reading at most 1/e^2 (about 1/7) as frequent.
constexpr std::uint16_t rareScoreGap = 1600;

/// System dictionary lemma ids run from 1 (libgooglepinyin's kSysDictIdEnd ends them).
constexpr ime_pinyin::LemmaIdType firstSystemLemma = 1;

std::string lowerSyllable(const char* spelling)
{
    std::string syllable = spelling;
    std::transform(syllable.begin(), syllable.end(), syllable.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return syllable;
}

std::uint64_t wordKey(char32_t first, char32_t second)
{
    return (std::uint64_t{first} << 32) | second;
}

} // namespace

std::mutex& googlePinyinMutex()
{
    static std::mutex mutex;
    return mutex;
}

std::string systemPinyinDictionary()
{
    return KIOSK_GOOGLEPINYIN_DICT;
}

std::u32string decodeUtf8(std::string_view text)
{
    std::u32string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const int length = c < 0x80         ? 1
                           : (c >> 5) == 6  ? 2
                           : (c >> 4) == 14 ? 3
                           : (c >> 3) == 30 ? 4
                                            : 0;
        if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        char32_t value = length == 1 ? c : c & (0x7F >> length);
        bool valid = true;
        for (int k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            valid = valid && (next >> 6) == 2;
            value = (value << 6) | (next & 0x3F);
        }
        out.push_back(valid ? value : U'\uFFFD');
        i += valid ? static_cast<std::size_t>(length) : 1;
    }
    return out;
}

base::Result<PinyinTable> PinyinTable::build(const std::string& dictionaryPath)
{
    using namespace ime_pinyin;
    const std::lock_guard lock(googlePinyinMutex());
    auto dictionary = std::make_unique<DictTrie>();
    if (!dictionary->load_dict(dictionaryPath.c_str(), firstSystemLemma, kSysDictIdEnd))
        return base::fail(base::errc::not_found, "cannot open the pinyin dictionary " +
                                                     dictionaryPath +
                                                     " (package libgooglepinyin0)");
    PinyinTable table;
    table.addCharacters(*dictionary);
    table.addWords(*dictionary);
    return table;
}

void PinyinTable::addCharacters(ime_pinyin::DictTrie& dictionary)
{
    using namespace ime_pinyin;
    auto& spelling = SpellingTrie::get_instance();
    std::vector<LmaPsbItem> lemmas(4096);
    for (std::size_t i = 0; i < spelling.get_spelling_num(); ++i) {
        auto splid = static_cast<uint16>(kFullSplIdStart + i);
        const auto id = static_cast<std::uint16_t>(syllables_.size());
        syllables_.push_back(lowerSyllable(spelling.get_spelling_str(splid)));
        const auto count = dictionary.get_lpis(&splid, 1, lemmas.data(), lemmas.size());
        for (std::size_t l = 0; l < count; ++l) {
            char16 text[3] = {};
            if (lemmas[l].lma_len != 1 || dictionary.get_lemma_str(lemmas[l].id, text, 2) != 1)
                continue;
            auto& readings = readings_[static_cast<char32_t>(text[0])];
            if (std::find(readings.ids.begin(), readings.ids.end(), id) != readings.ids.end())
                continue;
            readings.ids.push_back(id);
            readings.scores.push_back(lemmas[l].psb);
        }
    }
    for (auto& [hanzi, readings] : readings_) {
        std::vector<std::size_t> order(readings.ids.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return readings.scores[a] < readings.scores[b];
        });
        Readings sorted;
        for (const auto k : order) {
            sorted.ids.push_back(readings.ids[k]);
            sorted.scores.push_back(readings.scores[k]);
        }
        readings = std::move(sorted);
    }
}

/// Every two-character lemma of the system dictionary (ids are dense from 1), with its
/// readings and unigram score.
void PinyinTable::addWords(ime_pinyin::DictTrie& dictionary)
{
    using namespace ime_pinyin;
    auto& model = NGram::get_instance();
    words_.reserve(40000); // the system dictionary has about 34,000 two-character words
    wordReadings_.reserve(40000);
    for (LemmaIdType id = firstSystemLemma; id < kSysDictIdEnd; ++id) {
        char16 text[kMaxLemmaSize + 1] = {};
        const auto length = dictionary.get_lemma_str(id, text, kMaxLemmaSize + 1);
        if (length == 0)
            break;
        uint16 splids[2] = {};
        if (length != 2 || dictionary.get_lemma_splids(id, splids, 2, false) != 2 ||
            splids[0] < kFullSplIdStart || splids[1] < kFullSplIdStart)
            continue;
        const float score = model.get_uni_psb(id);
        auto& [first, count] = words_[wordKey(text[0], text[1])];
        if (count == 0)
            first = static_cast<std::uint32_t>(wordReadings_.size());
        if (first + count != wordReadings_.size())
            continue; // the dictionary lists a word's readings together; keep the first run
        wordReadings_.push_back({static_cast<std::uint16_t>(std::clamp(score, 0.0F, 65535.0F)),
                                 static_cast<std::uint16_t>(splids[0] - kFullSplIdStart),
                                 static_cast<std::uint16_t>(splids[1] - kFullSplIdStart)});
        ++count;
    }
}

base::Result<const PinyinTable*> PinyinTable::system()
{
    static const base::Result<PinyinTable> table = build(systemPinyinDictionary());
    if (!table)
        return base::fail(table.error());
    return &*table;
}

std::span<const std::uint16_t> PinyinTable::readings(char32_t hanzi) const
{
    const auto it = readings_.find(hanzi);
    if (it == readings_.end())
        return {};
    return it->second.ids;
}

std::span<const PinyinTable::WordReading> PinyinTable::word(char32_t first, char32_t second) const
{
    const auto it = words_.find(wordKey(first, second));
    if (it == words_.end())
        return {};
    return std::span(wordReadings_).subspan(it->second.first, it->second.second);
}

std::uint32_t PinyinTable::readingBit(const Readings& readings, std::uint16_t syllable)
{
    const auto at = std::find(readings.ids.begin(), readings.ids.end(), syllable);
    return at != readings.ids.end() && at - readings.ids.begin() < 32
               ? std::uint32_t{1} << (at - readings.ids.begin())
               : 0;
}

std::uint32_t PinyinTable::frequentReadings(const Readings& readings)
{
    std::uint32_t mask = 0;
    for (std::size_t k = 0; k < readings.scores.size() && k < 32; ++k)
        if (readings.scores[k] <= readings.scores[0] + rareScoreGap)
            mask |= std::uint32_t{1} << k;
    return mask;
}

std::vector<std::uint32_t> PinyinTable::commonReadings(std::u32string_view text) const
{
    // Each character's readings, looked up once; without a polyphone nothing is to choose.
    std::vector<const Readings*> known(text.size(), nullptr);
    bool polyphone = false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (const auto it = readings_.find(text[i]); it != readings_.end()) {
            known[i] = &it->second;
            polyphone = polyphone || it->second.ids.size() > 1;
        }
    std::vector<std::uint32_t> masks(text.size(), 0);
    if (!polyphone) {
        for (std::size_t i = 0; i < text.size(); ++i)
            masks[i] = known[i] != nullptr ? 1 : 0;
        return masks;
    }
    // cost[i]: the best score of text[0, i) cut into single characters and two-character
    // words; a lone character costs its best reading's score (an unknown one a fixed 16000,
    // which only keeps the arithmetic going: no word spans it).
    std::vector<std::uint32_t> cost(text.size() + 1, 0);
    std::vector<bool> endsWord(text.size() + 1, false);
    for (std::size_t i = 1; i <= text.size(); ++i) {
        cost[i] = cost[i - 1] + (known[i - 1] != nullptr ? known[i - 1]->scores[0] : 16000u);
        if (i < 2 || known[i - 2] == nullptr || known[i - 1] == nullptr)
            continue;
        for (const auto& reading : word(text[i - 2], text[i - 1]))
            if (cost[i - 2] + reading.score < cost[i]) {
                cost[i] = cost[i - 2] + reading.score;
                endsWord[i] = true;
            }
    }
    for (std::size_t i = text.size(); i > 0;) {
        if (!endsWord[i]) {
            masks[i - 1] = known[i - 1] != nullptr ? frequentReadings(*known[i - 1]) : 0;
            --i;
            continue;
        }
        for (const auto& reading : word(text[i - 2], text[i - 1])) {
            masks[i - 2] |= readingBit(*known[i - 2], reading.first);
            masks[i - 1] |= readingBit(*known[i - 1], reading.second);
        }
        i -= 2;
    }
    return masks;
}

} // namespace kiosk::core
