// SPDX-License-Identifier: Apache-2.0
// kiosk::ui::qtText: the core's UTF-8 text (std::string, std::string_view) as Qt's QString,
// the one conversion every view model makes.
#pragma once

#include <QString>

#include <string_view>

namespace kiosk::ui {

inline QString qtText(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace kiosk::ui
