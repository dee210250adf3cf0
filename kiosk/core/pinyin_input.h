// SPDX-License-Identifier: Apache-2.0
// Pinyin letters -> hanzi candidates for the on-screen keyboard, through libgooglepinyin's
// own decoder (pinyinime.h). No hand-written tables, no user dictionary.
#pragma once

#include "kiosk/core/pinyin.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::core {

/// One composition: the letters a citizen typed since the last committed word, the words
/// they may stand for (most likely first) and the choice of one.
///
/// libgooglepinyin has one decoder per process, global and stateful (im_open_decoder,
/// im_search, ...). PinyinInput shares it: the decoder is opened by the first instance that
/// needs it, searched again for this instance's letters whenever another instance used it
/// in between (an instance's whole state is its letters, since a choice commits at once),
/// and closed with the last instance. Every call into the library holds
/// googlePinyinMutex(). Use an instance from one thread (the GUI thread).
///
/// Privacy: the decoder gets no user dictionary, so nothing chosen is learnt or written to
/// disk and the candidates never reveal an earlier citizen's words. reset() and the
/// destructor zero this instance's letters and overwrite the decoder's spelling buffer.
/// The candidate strings returned are the caller's to wipe.
class PinyinInput {
public:
    /// At most this many letters: libgooglepinyin 0.1.2 aborts (an assertion in
    /// MatrixSearch::extend_dmi) on some spellings of 20 letters or more, e.g. 20 initials.
    static constexpr std::size_t maxLetters = 16;

    explicit PinyinInput(std::string dictionary = systemPinyinDictionary());
    ~PinyinInput();
    PinyinInput(const PinyinInput&) = delete;
    PinyinInput& operator=(const PinyinInput&) = delete;

    /// Whether the decoder opens on the dictionary (false when it is missing or broken).
    [[nodiscard]] bool available();

    /// Appends a letter (a-z; A-Z is folded). False, and nothing changes, for any other
    /// character, when maxLetters are typed, or when the decoder is not available.
    bool type(char letter);
    /// Removes the last letter. False when there is none (the caller then edits its field).
    bool backspace();
    /// Drops the letters; nothing of them remains in this instance or the decoder.
    void reset();

    /// The letters typed, lower case, e.g. "shehui".
    [[nodiscard]] std::string_view letters() const { return {letters_.data(), length_}; }
    [[nodiscard]] bool empty() const { return length_ == 0; }
    /// The letters cut into the syllables the decoder read, e.g. "she hui"; letters it could
    /// not read follow as typed.
    [[nodiscard]] std::string syllables();

    /// How many candidates the letters have (0 when none, e.g. for "v").
    [[nodiscard]] std::size_t candidateCount() const { return candidateCount_; }
    /// Candidates [first, first + count) in UTF-8, most likely first. The first one may be
    /// the decoder's best sentence for all the letters; the others cover a prefix.
    [[nodiscard]] std::vector<std::string> candidates(std::size_t first, std::size_t count);

    /// Chooses a candidate (libgooglepinyin's im_choose) and returns its hanzi in UTF-8 for
    /// the caller to commit; the letters it covers are consumed and the rest stays typed,
    /// with new candidates. Empty, and nothing changes, for an index out of range.
    [[nodiscard]] std::string choose(std::size_t index);

    /// The raw bytes of libgooglepinyin's spelling buffer (NULs included), as a memory dump
    /// would show them; empty when the decoder is closed. For the privacy test.
    [[nodiscard]] static std::string decoderSpellingBuffer();

private:
    /// Opens the shared decoder if needed and makes it hold this instance's letters.
    bool claimDecoder();
    /// Searches the decoder again for letters() (the caller holds the mutex).
    void searchLetters();
    void dropLetters(std::size_t count);

    std::string dictionary_;
    std::array<char, maxLetters + 1> letters_{};
    std::size_t length_ = 0;
    std::size_t candidateCount_ = 0;
};

} // namespace kiosk::core
