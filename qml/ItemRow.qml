// SPDX-License-Identifier: Apache-2.0
// ItemRow: one item in the list of all items: name, department, what can be done, and a chevron.
// In search results, also the synonym the item was found by ("社保 → 社会保险").
import QtQuick

Rectangle {
    id: row

    property string name
    property string department
    property string kind
    property string kindLabel
    /// The synonym the search found this item by, and what the name holds for it; empty
    /// elsewhere.
    property string synonymTerm
    property string synonymMeaning
    readonly property string synonymSpoken: synonymTerm.length > 0
                                            ? qsTr("“%1”即“%2”").arg(synonymTerm).arg(synonymMeaning) : ""

    signal clicked()

    implicitHeight: Math.max(Theme.rowHeight, texts.implicitHeight + Theme.px(32))
    color: area.pressed ? Theme.primaryTint : Theme.surface

    Accessible.role: Accessible.Button
    Accessible.name: synonymSpoken.length > 0 ? qsTr("%1，%2").arg(name).arg(synonymSpoken) : name
    // Qt 6.4 does nothing on Press without this handler (reference/accessibility.md).
    Accessible.onPressAction: if (row.enabled) row.clicked()

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
            lineHeight: Theme.lineHeight
        }
        Text {
            width: parent.width
            text: row.department
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
            // 长辈版's larger words: a long department takes a second line rather than an ellipsis.
            wrapMode: Theme.elder ? Text.Wrap : Text.NoWrap
            maximumLineCount: Theme.elder ? 2 : 1
            lineHeight: Theme.lineHeight
            elide: Text.ElideRight
        }
        Text {
            // Why a search found an item whose name does not hold what was typed.
            objectName: "synonymNote"
            visible: row.synonymTerm.length > 0
            width: parent.width
            text: row.synonymTerm + " → " + row.synonymMeaning
            color: Theme.primary
            font.pixelSize: Theme.fontSmall
            font.bold: true
            elide: Text.ElideRight
            Accessible.role: Accessible.StaticText
            Accessible.name: row.synonymSpoken
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
