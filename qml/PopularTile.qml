// SPDX-License-Identifier: Apache-2.0
// PopularTile: one popular item (热门事项) as a wide white card with its name in large text.
import QtQuick

Rectangle {
    id: tile

    property string name
    property string kind
    property string kindLabel

    signal clicked()

    radius: Theme.radius
    color: area.pressed ? Theme.primaryTint : Theme.surface
    border.width: Theme.px(2)
    border.color: Theme.border

    Accessible.role: Accessible.Button
    Accessible.name: name
    // Qt 6.4 does nothing on Press without this handler (reference/accessibility.md).
    Accessible.onPressAction: if (tile.enabled) tile.clicked()

    Rectangle {
        id: stripe
        width: Theme.px(10)
        height: parent.height - Theme.px(24)
        anchors.left: parent.left
        anchors.leftMargin: Theme.px(12)
        anchors.verticalCenter: parent.verticalCenter
        radius: width / 2
        color: Theme.kindColor(tile.kind)
    }
    Text {
        anchors.left: stripe.right
        anchors.leftMargin: Theme.px(16)
        anchors.right: parent.right
        anchors.rightMargin: Theme.px(16)
        anchors.verticalCenter: parent.verticalCenter
        text: tile.name
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        lineHeight: Theme.elder ? Theme.lineHeight : 1.05
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.clicked()
    }
}
