// SPDX-License-Identifier: Apache-2.0
#include "qml/fonts.h"

#include <QFont>
#include <QFontDatabase>
#include <QGuiApplication>

namespace kiosk::ui {

bool useChineseFont()
{
    const QString family = QString::fromLatin1(chineseFontFamily);
    if (!QFontDatabase::families().contains(family))
        return false;
    QGuiApplication::setFont(QFont(family));
    return true;
}

} // namespace kiosk::ui
