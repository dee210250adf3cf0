// SPDX-License-Identifier: Apache-2.0
// The Chinese UI font: WenQuanYi Micro Hei from Debian's fonts-wqy-microhei.
#pragma once

#include <QString>

namespace kiosk::ui {

/// The family every screen is designed for.
inline constexpr auto chineseFontFamily = "WenQuanYi Micro Hei";

/// Makes the Chinese font the application's default font (a QGuiApplication must exist).
/// Returns false when fontconfig does not know it; Qt then falls back to whatever covers
/// Chinese, which may look different from the screenshots.
[[nodiscard]] bool useChineseFont();

} // namespace kiosk::ui
