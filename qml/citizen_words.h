// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::citizenWords: a text from kiosk/core (zh_CN) in the UI's language.
#pragma once

#include <QString>

#include <string_view>

namespace kiosk::ui {

/// `text`, written by kiosk/core for the citizen (marked with base::CitizenText::tr), in the
/// language of the translator installed now (UiLanguage): looked up as it is, or matched against
/// kiosk/core's templates (core::words) with its parts kept, each part translated when it is a
/// marked text itself and kept as it is otherwise (catalog data, numbers). Unknown text is
/// returned unchanged. GUI thread.
[[nodiscard]] QString citizenWords(std::string_view text);

} // namespace kiosk::ui
