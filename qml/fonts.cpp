// SPDX-License-Identifier: Apache-2.0
#include "qml/fonts.h"

#include <QFont>
#include <QFontInfo>
#include <QGuiApplication>

namespace kiosk::ui {

bool useChineseFont()
{
    // QFontInfo asks fontconfig for this one family, which the first frame loads anyway;
    // QFontDatabase::families() would enumerate every installed font first (about 9 ms).
    const QString family = QString::fromLatin1(chineseFontFamily);
    const QFont font(family);
    if (QFontInfo(font).family() != family)
        return false;
    QGuiApplication::setFont(font);
    return true;
}

} // namespace kiosk::ui
