// SPDX-License-Identifier: Apache-2.0
// base::CitizenText: words for the citizen written by the Qt-free layers, marked for translation.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace base {

/// The layers below the UI (kiosk/core) write what a citizen reads in Simplified Chinese, the UI's
/// source language, and do not include Qt. They mark each such text with CitizenText::tr("…"):
/// lupdate reads a qualified `X::tr("…")` as the text "…" in the context `base::CitizenText`,
/// so it lands in the UI's .ts file with everything else, and the UI translates it where it hands
/// it to the screens (qml/citizen_words.h). Texts with parts filled in (a field's label, a case
/// number) are templates with %1…%9, filled by format(); the UI knows them by the list in
/// kiosk/core/citizen_words.h, matches a text against them and translates the template.
struct CitizenText {
    /// `text` unchanged (zh_CN); the mark is for lupdate.
    static constexpr const char* tr(const char* text) { return text; }
    /// `pattern` with %1…%9 replaced by `args` in order, as QString::arg would.
    [[nodiscard]] static std::string format(std::string_view pattern,
                                            std::initializer_list<std::string_view> args);
};

} // namespace base
