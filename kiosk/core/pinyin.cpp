// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/pinyin.h"

#include <pinyinime.h>
#include <spellingtrie.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <unistd.h>

namespace kiosk::core {

namespace {

/// libgooglepinyin keeps one decoder per process; builds are serialised.
std::mutex decoderMutex;

/// The decoder insists on a writable user dictionary; it gets a throwaway file.
class TempUserDictionary {
public:
    TempUserDictionary()
    {
        const char* tmp = std::getenv("TMPDIR");
        path_ = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/kiosk-pyXXXXXX";
        const int fd = ::mkstemp(path_.data());
        if (fd >= 0)
            ::close(fd);
        else
            path_.clear();
    }
    ~TempUserDictionary()
    {
        if (!path_.empty())
            ::unlink(path_.c_str());
    }
    TempUserDictionary(const TempUserDictionary&) = delete;
    TempUserDictionary& operator=(const TempUserDictionary&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace

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
    const std::lock_guard lock(decoderMutex);
    TempUserDictionary userDictionary;
    if (userDictionary.path().empty() ||
        !im_open_decoder(dictionaryPath.c_str(), userDictionary.path().c_str()))
        return base::fail(base::errc::not_found, "cannot open the pinyin dictionary " +
                                                     dictionaryPath +
                                                     " (package libgooglepinyin0)");
    PinyinTable table;
    auto& trie = SpellingTrie::get_instance();
    const auto count = trie.get_spelling_num();
    for (std::size_t i = 0; i < count; ++i) {
        std::string syllable = trie.get_spelling_str(static_cast<uint16>(kFullSplIdStart + i));
        std::transform(syllable.begin(), syllable.end(), syllable.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const auto id = static_cast<std::uint16_t>(table.syllables_.size());
        table.syllables_.push_back(syllable);
        im_reset_search();
        const auto candidates = im_search(syllable.c_str(), syllable.size());
        for (std::size_t c = 0; c < candidates; ++c) {
            char16 text[8] = {};
            if (im_get_candidate(c, text, 7) == nullptr || text[0] == 0 || text[1] != 0)
                continue; // only single characters: their reading is this syllable
            auto& readings = table.readings_[static_cast<char32_t>(text[0])];
            if (std::find(readings.begin(), readings.end(), id) == readings.end())
                readings.push_back(id);
        }
    }
    im_close_decoder();
    return table;
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
    return it->second;
}

} // namespace kiosk::core
