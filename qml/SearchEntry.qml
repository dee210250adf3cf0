// SPDX-License-Identifier: Apache-2.0
// SearchEntry: the home screen's way into search, a big box that looks like a search field
// and opens the search screen with its letter keyboard when tapped.
import QtQuick

Rectangle {
    id: entry

    signal clicked()

    implicitHeight: Theme.buttonHeight
    radius: Theme.radius
    color: area.pressed ? Theme.primaryTint : Theme.surface
    border.width: Theme.px(3)
    border.color: Theme.primary

    Accessible.role: Accessible.Button
    Accessible.name: label.text
    Accessible.onPressAction: entry.clicked()

    Text {
        id: icon
        anchors.left: parent.left
        anchors.leftMargin: Theme.px(24)
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("搜")
        color: Theme.textOnDark
        font.pixelSize: Theme.fontBody
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        // A round badge for one character; a pill for a longer word (English).
        width: Math.max(Theme.px(64), implicitWidth + Theme.px(24))
        height: Theme.px(64)
        Rectangle {
            z: -1
            anchors.fill: parent
            radius: height / 2
            color: Theme.primary
        }
    }
    Text {
        id: label
        anchors.left: icon.right
        anchors.leftMargin: Theme.gap
        anchors.right: parent.right
        anchors.rightMargin: Theme.px(24)
        anchors.verticalCenter: parent.verticalCenter
        text: qsTr("搜索事项：输入拼音或首字母")
        color: Theme.text
        font.pixelSize: Theme.fontBody
        elide: Text.ElideRight
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: entry.clicked()
    }
}
