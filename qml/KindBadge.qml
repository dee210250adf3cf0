// SPDX-License-Identifier: Apache-2.0
// KindBadge: what the citizen can do with an item (自助申请 / 自助查询 / 自助打印 / 办事指南).
import QtQuick

Rectangle {
    id: badge
    property string kind
    property alias text: label.text

    implicitWidth: label.implicitWidth + Theme.px(32)
    implicitHeight: label.implicitHeight + Theme.px(12)
    radius: height / 2
    color: Theme.kindColor(kind)

    Text {
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        id: label
        anchors.centerIn: parent
        color: Theme.textOnDark
        font.pixelSize: Theme.fontSmall
        font.bold: true
    }
}
