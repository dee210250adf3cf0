// SPDX-License-Identifier: Apache-2.0
// KioskScrollBar: a wide, always visible scroll bar with a visible track, so that citizens
// can tell that there is more below; shown only when the content does not fit.
import QtQuick
import QtQuick.Controls.Basic

ScrollBar {
    id: bar
    policy: size < 1.0 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
    width: Theme.px(20)
    padding: Theme.px(2)
    minimumSize: 0.12   // a 200-item list still gets a thumb large enough to see
    background: Rectangle {
        radius: width / 2
        color: Theme.background
    }
    contentItem: Rectangle {
        implicitWidth: Theme.px(16)
        radius: width / 2
        color: bar.pressed ? Theme.primary : Theme.textSecondary
    }
}
