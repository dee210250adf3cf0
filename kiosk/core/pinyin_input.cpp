// SPDX-License-Identifier: Apache-2.0
#include "kiosk/core/pinyin_input.h"

#include "base/secure_buffer.h"

#include <matrixsearch.h>
#include <pinyinime.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace kiosk::core {

namespace {

/// The one decoder of the process (libgooglepinyin's im_* functions); guarded by
/// googlePinyinMutex().
struct SharedDecoder {
    std::size_t instances = 0;
    const PinyinInput* holder = nullptr; ///< whose letters the decoder holds
    std::string dictionary;              ///< what it is open on; empty when closed
};

SharedDecoder& sharedDecoder()
{
    static SharedDecoder decoder;
    return decoder;
}

/// Candidate buffer: candidate 0 can be a sentence as long as the letters (one hanzi each).
constexpr std::size_t candidateCapacity = 64;

/// Overwrites the decoder's spelling buffer (which held a citizen's letters) with a neutral
/// spelling as long as any the input keeps, then empties it.
void scrubDecoder()
{
    std::array<char, PinyinInput::maxLetters> neutral{};
    neutral.fill('a');
    ime_pinyin::im_reset_search();
    ime_pinyin::im_search(neutral.data(), neutral.size());
    ime_pinyin::im_reset_search();
}

void appendUtf8(std::string& out, char32_t c)
{
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

/// The first `limit` UTF-16 units of `text` (NUL-terminated) in UTF-8.
std::string toUtf8(const ime_pinyin::char16* text, std::size_t limit)
{
    std::string out;
    for (std::size_t i = 0; i < limit && text[i] != 0; ++i) {
        char32_t c = text[i];
        const bool pair = c >= 0xD800 && c < 0xDC00 && i + 1 < limit && text[i + 1] >= 0xDC00 &&
                          text[i + 1] < 0xE000;
        if (pair) {
            c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
            ++i;
        }
        appendUtf8(out, c);
    }
    return out;
}

/// Candidate `index` of the decoder in UTF-8, its first `limit` characters (units).
std::string decoderCandidate(std::size_t index, std::size_t limit = candidateCapacity)
{
    std::array<ime_pinyin::char16, candidateCapacity> buffer{};
    std::string text;
    if (ime_pinyin::im_get_candidate(index, buffer.data(), buffer.size() - 1) != nullptr)
        text = toUtf8(buffer.data(), limit);
    base::secureZero(buffer.data(), sizeof(buffer));
    return text;
}

} // namespace

PinyinInput::PinyinInput(std::string dictionary) : dictionary_(std::move(dictionary))
{
    const std::lock_guard lock(googlePinyinMutex());
    ++sharedDecoder().instances;
}

PinyinInput::~PinyinInput()
{
    const std::lock_guard lock(googlePinyinMutex());
    auto& decoder = sharedDecoder();
    if (decoder.holder == this) {
        scrubDecoder();
        decoder.holder = nullptr;
    }
    if (--decoder.instances == 0 && !decoder.dictionary.empty()) {
        scrubDecoder();
        ime_pinyin::im_close_decoder();
        decoder.dictionary.clear();
    }
    base::secureZero(letters_.data(), letters_.size());
}

bool PinyinInput::claimDecoder()
{
    auto& decoder = sharedDecoder();
    if (decoder.dictionary != dictionary_) {
        if (!decoder.dictionary.empty()) {
            scrubDecoder();
            ime_pinyin::im_close_decoder();
            decoder.dictionary.clear();
        }
        decoder.holder = nullptr;
        // "" as the user dictionary: the library cannot open it and runs without one, so
        // nothing is learnt from one citizen for the next and nothing is written to disk.
        // A failed open leaves the library's decoder half made; im_close_decoder() would
        // crash on it (0.1.2 flushes a user dictionary never loaded) and the next
        // im_open_decoder() deletes it, so it is left alone.
        if (!ime_pinyin::im_open_decoder(dictionary_.c_str(), ""))
            return false;
        decoder.dictionary = dictionary_;
    }
    if (decoder.holder != this) {
        searchLetters();
        decoder.holder = this;
    }
    return true;
}

void PinyinInput::searchLetters()
{
    // im_reset_search() leaves the old letters in the decoder's buffer; a search anew after
    // the scrub (0.05 ms) leaves only these letters there.
    scrubDecoder();
    candidateCount_ = length_ == 0 ? 0 : ime_pinyin::im_search(letters_.data(), length_);
}

void PinyinInput::dropLetters(std::size_t count)
{
    count = std::min(count, length_);
    std::memmove(letters_.data(), letters_.data() + count, length_ - count);
    length_ -= count;
    base::secureZero(letters_.data() + length_, letters_.size() - length_);
}

std::string PinyinInput::decoderSpellingBuffer()
{
    const std::lock_guard lock(googlePinyinMutex());
    if (sharedDecoder().dictionary.empty())
        return {};
    std::size_t decoded = 0;
    const char* buffer = ime_pinyin::im_get_sps_str(&decoded);
    return buffer != nullptr ? std::string(buffer, ime_pinyin::kMaxRowNum) : std::string();
}

bool PinyinInput::available()
{
    const std::lock_guard lock(googlePinyinMutex());
    return claimDecoder();
}

bool PinyinInput::type(char letter)
{
    if (letter >= 'A' && letter <= 'Z')
        letter = static_cast<char>(letter - 'A' + 'a');
    if (letter < 'a' || letter > 'z' || length_ >= maxLetters)
        return false;
    const std::lock_guard lock(googlePinyinMutex());
    if (!claimDecoder())
        return false;
    letters_[length_++] = letter;
    searchLetters();
    return true;
}

bool PinyinInput::backspace()
{
    if (length_ == 0)
        return false;
    const std::lock_guard lock(googlePinyinMutex());
    letters_[--length_] = 0;
    if (claimDecoder())
        searchLetters();
    return true;
}

void PinyinInput::reset()
{
    const std::lock_guard lock(googlePinyinMutex());
    base::secureZero(letters_.data(), letters_.size());
    length_ = 0;
    candidateCount_ = 0;
    if (sharedDecoder().holder == this)
        scrubDecoder();
}

std::string PinyinInput::syllables()
{
    const std::lock_guard lock(googlePinyinMutex());
    if (length_ == 0 || !claimDecoder())
        return std::string(letters());
    const ime_pinyin::uint16* starts = nullptr;
    const std::size_t count = ime_pinyin::im_get_spl_start_pos(starts);
    std::string out;
    std::size_t end = 0;
    for (std::size_t i = 0; i < count && starts != nullptr; ++i) {
        end = std::min<std::size_t>(starts[i + 1], length_);
        if (!out.empty())
            out += ' ';
        out.append(letters_.data() + starts[i], end - std::min<std::size_t>(starts[i], end));
    }
    if (end < length_) {
        if (!out.empty())
            out += ' ';
        out.append(letters_.data() + end, length_ - end);
    }
    return out;
}

std::vector<std::string> PinyinInput::candidates(std::size_t first, std::size_t count)
{
    const std::lock_guard lock(googlePinyinMutex());
    std::vector<std::string> out;
    if (!claimDecoder())
        return out;
    for (std::size_t i = first; i < candidateCount_ && i - first < count; ++i)
        out.push_back(decoderCandidate(i));
    return out;
}

std::string PinyinInput::choose(std::size_t index)
{
    const std::lock_guard lock(googlePinyinMutex());
    if (index >= candidateCount_ || !claimDecoder())
        return {};
    ime_pinyin::im_choose(index);
    const std::size_t fixed = ime_pinyin::im_get_fixed_len();
    const ime_pinyin::uint16* starts = nullptr;
    const std::size_t syllableCount = ime_pinyin::im_get_spl_start_pos(starts);
    // After a choice, candidate 0 is the sentence that starts with the fixed hanzi.
    std::string chosen = decoderCandidate(0, fixed);
    const std::size_t consumed =
        starts != nullptr ? starts[std::min(fixed, syllableCount)] : std::size_t{length_};
    dropLetters(consumed);
    searchLetters();
    return chosen;
}

} // namespace kiosk::core
