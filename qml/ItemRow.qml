// SPDX-License-Identifier: Apache-2.0
// ItemRow: one item in the list of all items: name, department, what can be done, and a chevron.
import QtQuick

Rectangle {
    id: row

    property string name
    property string department
    property string kind
    property string kindLabel

    signal clicked()

    implicitHeight: Math.max(Theme.rowHeight, texts.implicitHeight + Theme.px(32))
    color: area.pressed ? Theme.primaryTint : Theme.surface

    Accessible.role: Accessible.Button
    Accessible.name: name

    Column {
        id: texts
        anchors.left: parent.left
        anchors.leftMargin: Theme.px(24)
        anchors.right: badge.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.px(6)
        Text {
            width: parent.width
            text: row.name
            color: Theme.text
            font.pixelSize: Theme.fontBody
            font.bold: true
            wrapMode: Text.Wrap
        }
        Text {
            width: parent.width
            text: row.department
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }
    KindBadge {
        id: badge
        kind: row.kind
        text: row.kindLabel
        anchors.right: chevron.left
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
    }
    Text {
        id: chevron
        text: "›"
        color: Theme.textSecondary
        font.pixelSize: Theme.fontHuge
        anchors.right: parent.right
        anchors.rightMargin: Theme.px(24)
        anchors.verticalCenter: parent.verticalCenter
    }
    Rectangle {
        // the divider between rows
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.max(1, Theme.px(2))
        color: Theme.border
    }

    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: row.clicked()
    }
}
