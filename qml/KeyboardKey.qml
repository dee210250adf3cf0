// SPDX-License-Identifier: Apache-2.0
// KeyboardKey: one key of the on-screen keyboards, styled like BigButton: big, plainly
// labelled, an accessible button with a Chinese name ("字母 A", "删除", "候选词 社会保险").
// A Rectangle with a MouseArea, so a tap never takes the focus from the field being typed in.
import QtQuick

Rectangle {
    id: key

    property alias text: label.text
    property alias font: label.font
    /// What a screen reader says; the label when not set.
    property string accessibleName: label.text
    property color fill: Theme.primary
    /// Outlined keys (letters, digits) have a white fill and a coloured border.
    property bool outlined: false
    readonly property alias pressed: area.pressed

    signal clicked()

    implicitWidth: Theme.touchMin
    implicitHeight: Theme.touchMin
    radius: Theme.radius
    // A key that does nothing now (上一页 on the first page) is dimmed.
    opacity: enabled ? 1 : 0.4
    color: outlined ? (area.pressed ? Theme.primaryTint : Theme.surface)
                    : (area.pressed ? Qt.darker(fill, 1.3) : fill)
    border.width: outlined ? Theme.px(3) : 0
    border.color: fill

    Accessible.role: Accessible.Button
    Accessible.name: key.accessibleName
    // Qt 6.4 calls this even on a disabled item.
    Accessible.onPressAction: if (key.enabled) key.clicked()

    Text {
        id: label
        anchors.fill: parent
        anchors.leftMargin: Theme.px(8)
        anchors.rightMargin: Theme.px(8)
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        color: key.outlined ? key.fill : Theme.textOnDark
        font.pixelSize: Theme.fontLarge
        font.bold: true
        elide: Text.ElideRight
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: key.clicked()
    }
}
