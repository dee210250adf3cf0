// SPDX-License-Identifier: Apache-2.0
// JourneyScreen: the frame of every step of an application: a title the screen reader reads
// first, the step's content, a notice for what went wrong, and the actions at the bottom
// (the main one on the right, where the thumb is).
import QtQuick
import QtQuick.Layouts

Item {
    id: screen

    property string title
    /// Words for the citizen about the last action (from the session); empty hides the box.
    property string message
    /// Room kept free right of the title, for what a screen puts at its top right (a keyboard
    /// beside the fields in landscape): the title wraps left of it.
    property real titleRightInset: 0
    default property alias content: body.data
    property alias actions: actionRow.data

    Accessible.role: Accessible.Pane
    Accessible.name: title

    Text {
        id: titleText
        objectName: "screenTitle"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.margin
        anchors.rightMargin: Theme.margin + screen.titleRightInset
        text: screen.title
        color: Theme.text
        // 长辈版's large size is already the standard title's; landscape has no height to
        // spare for more.
        font.pixelSize: Theme.elder && Theme.landscape ? Theme.fontLarge : Theme.fontHuge
        font.bold: true
        wrapMode: Text.Wrap
        lineHeight: Theme.lineHeight
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }

    Item {
        id: body
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: titleText.bottom
        anchors.bottom: notice.visible ? notice.top : actionRow.top
        anchors.margins: Theme.margin
    }

    Rectangle {
        id: notice
        objectName: "screenMessage"
        visible: screen.message.length > 0
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: actionRow.top
        anchors.margins: Theme.margin
        height: noticeText.implicitHeight + Theme.px(40)
        radius: Theme.radius
        color: Theme.notice
        border.color: Theme.noticeBorder
        border.width: Theme.px(3)
        Accessible.role: Accessible.AlertMessage
        Accessible.name: screen.message
        Text {
            id: noticeText
            anchors.fill: parent
            anchors.margins: Theme.px(20)
            text: screen.message
            color: Theme.noticeText
            font.pixelSize: Theme.elder ? Theme.fontBody : Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            verticalAlignment: Text.AlignVCenter
        }
    }

    RowLayout {
        id: actionRow
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        height: Theme.buttonHeight
        spacing: Theme.gap
        layoutDirection: Qt.RightToLeft
    }
}
