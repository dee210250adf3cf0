// SPDX-License-Identifier: Apache-2.0
// ThemeTile: one big coloured tile of the theme grid (社会保险, 12 项); tapping it filters the list.
import QtQuick

Rectangle {
    id: tile

    property string name
    property int itemCount
    property int colorIndex
    property bool selected: false

    signal clicked()

    radius: Theme.radius
    color: Theme.tileColor(colorIndex)
    border.width: selected ? Theme.px(8) : 0
    border.color: Theme.selected
    opacity: area.pressed ? 0.8 : 1

    Accessible.role: Accessible.Button
    Accessible.name: name
    // Qt 6.4 does nothing on Press without this handler (reference/accessibility.md).
    Accessible.onPressAction: if (tile.enabled) tile.clicked()

    Column {
        anchors.centerIn: parent
        width: parent.width - Theme.px(20)
        spacing: Theme.px(4)
        Text {
            width: parent.width
            text: tile.name
            color: Theme.textOnDark
            font.pixelSize: Theme.fontLarge
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            fontSizeMode: Text.HorizontalFit   // long theme names shrink a little, never below 28 px
            minimumPixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            text: qsTr("%n 项", "", tile.itemCount)
            color: Theme.textOnDark
            font.pixelSize: Theme.fontSmall
            horizontalAlignment: Text.AlignHCenter
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.clicked()
    }
}
