// SPDX-License-Identifier: Apache-2.0
// FactBox: one key fact of a guide (承诺时限: 即办) as a label over a large value.
import QtQuick

Rectangle {
    id: box
    property alias label: labelText.text
    property alias value: valueText.text

    implicitHeight: column.implicitHeight + Theme.px(40)
    radius: Theme.radius
    color: Theme.primaryTint

    Column {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.margins: Theme.px(24)
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.px(6)
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            id: labelText
            width: parent.width
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            id: valueText
            width: parent.width
            color: Theme.primary
            // Short values (即办, 不收费) stand out; a long fee schedule reads better plain.
            font.pixelSize: text.length <= 16 ? Theme.fontLarge : Theme.fontBody
            font.bold: text.length <= 16
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
    }
}
