// SPDX-License-Identifier: Apache-2.0
// Hanzi -> pinyin readings (every reading of a polyphone), derived at start from Debian's
// libgooglepinyin dictionary: the single-character lemmas of each syllable with their
// frequency scores, and the two-character words, which tell the reading of a polyphone in a
// word (参保 is can-bao, 银行 is yin-hang). No hand-typed table.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ime_pinyin {
class DictTrie;
}

namespace kiosk::core {

class PinyinTable {
public:
    /// The table built from the system dictionary (once per process, ~15 ms CPU; thread-safe).
    /// Fails when the dictionary is missing.
    [[nodiscard]] static base::Result<const PinyinTable*> system();

    /// Builds a table from a libgooglepinyin dictionary file.
    [[nodiscard]] static base::Result<PinyinTable> build(const std::string& dictionaryPath);

    /// The readings of `hanzi` as syllable ids (see syllable()), most frequent first; empty
    /// when unknown.
    [[nodiscard]] std::span<const std::uint16_t> readings(char32_t hanzi) const;
    /// Which readings of each character of `text` are usual there, a bit per reading in the
    /// order of readings(). The text is cut into the likeliest dictionary words (two
    /// characters, by libgooglepinyin's scores: 个人|参保, not 个|人参|保); a character in a
    /// word has the word's reading (参 in 参保: can, not shen), one alone the readings within
    /// a factor of about 7 of its most frequent one.
    [[nodiscard]] std::vector<std::uint32_t> commonReadings(std::u32string_view text) const;
    /// The syllable text, lower case without tone, e.g. "zhong".
    [[nodiscard]] const std::string& syllable(std::uint16_t id) const { return syllables_[id]; }
    [[nodiscard]] std::size_t syllableCount() const { return syllables_.size(); }
    [[nodiscard]] std::size_t characterCount() const { return readings_.size(); }

private:
    struct Readings {
        std::vector<std::uint16_t> ids;    ///< syllable ids, most frequent first
        std::vector<std::uint16_t> scores; ///< libgooglepinyin's score of each: lower is likelier
    };
    void addCharacters(ime_pinyin::DictTrie& dictionary);
    void addWords(ime_pinyin::DictTrie& dictionary);
    /// One reading of a two-character dictionary word.
    struct WordReading {
        std::uint16_t score = 0; ///< libgooglepinyin's score: lower is likelier
        std::uint16_t first = 0; ///< syllable ids
        std::uint16_t second = 0;
    };
    /// The readings of the word `first` `second`; empty when it is no word.
    [[nodiscard]] std::span<const WordReading> word(char32_t first, char32_t second) const;
    /// The bit of `syllable` among `readings` (0 when it is none of them).
    [[nodiscard]] static std::uint32_t readingBit(const Readings& readings, std::uint16_t syllable);
    /// The readings of a character standing alone: those close to its most frequent one.
    [[nodiscard]] static std::uint32_t frequentReadings(const Readings& readings);

    std::vector<std::string> syllables_;
    std::unordered_map<char32_t, Readings> readings_;
    /// Two-character words: (first << 32 | second) -> (first index in wordReadings_, count).
    std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> words_;
    std::vector<WordReading> wordReadings_;
};

/// The dictionary of the libgooglepinyin0 package.
[[nodiscard]] std::string systemPinyinDictionary();

/// Guards libgooglepinyin's process-wide state: loading any dictionary replaces its spelling
/// table and language model singletons, which its im_* decoder (PinyinInput) reads. Every
/// call into the library holds it.
[[nodiscard]] std::mutex& googlePinyinMutex();

/// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
[[nodiscard]] std::u32string decodeUtf8(std::string_view text);

} // namespace kiosk::core
