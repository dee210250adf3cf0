// SPDX-License-Identifier: Apache-2.0
// Hanzi -> pinyin readings (every reading of a polyphone), derived at start from Debian's
// libgooglepinyin dictionary: each of its syllables is looked up and the single-character
// candidates are kept. No hand-typed table.
#pragma once

#include "base/result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kiosk::core {

class PinyinTable {
public:
    /// The table built from the system dictionary (once per process, ~50 ms; thread-safe).
    /// Fails when the dictionary is missing.
    [[nodiscard]] static base::Result<const PinyinTable*> system();

    /// Builds a table from a libgooglepinyin dictionary file.
    [[nodiscard]] static base::Result<PinyinTable> build(const std::string& dictionaryPath);

    /// The readings of `hanzi` as syllable ids (see syllable()); empty when unknown.
    [[nodiscard]] std::span<const std::uint16_t> readings(char32_t hanzi) const;
    /// The syllable text, lower case without tone, e.g. "zhong".
    [[nodiscard]] const std::string& syllable(std::uint16_t id) const { return syllables_[id]; }
    [[nodiscard]] std::size_t syllableCount() const { return syllables_.size(); }
    [[nodiscard]] std::size_t characterCount() const { return readings_.size(); }

private:
    std::vector<std::string> syllables_;
    std::unordered_map<char32_t, std::vector<std::uint16_t>> readings_;
};

/// The dictionary of the libgooglepinyin0 package.
[[nodiscard]] std::string systemPinyinDictionary();

/// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
[[nodiscard]] std::u32string decodeUtf8(std::string_view text);

} // namespace kiosk::core
