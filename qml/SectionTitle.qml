// SPDX-License-Identifier: Apache-2.0
// SectionTitle: the heading above a block of the home screen, with a coloured marker.
import QtQuick

Item {
    id: title
    property alias text: label.text

    implicitHeight: Math.max(label.implicitHeight, Theme.px(56))
    implicitWidth: marker.width + Theme.gap + label.implicitWidth

    Rectangle {
        id: marker
        width: Theme.px(10)
        height: label.font.pixelSize * 1.1
        radius: width / 2
        color: Theme.primary
        anchors.verticalCenter: parent.verticalCenter
    }
    Text {
        Accessible.role: Accessible.Heading
        Accessible.name: text
        id: label
        anchors.left: marker.right
        anchors.leftMargin: Theme.gap
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        font.pixelSize: Theme.fontTitle
        font.bold: true
        color: Theme.text
        elide: Text.ElideRight
    }
}
