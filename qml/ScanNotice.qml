// SPDX-License-Identifier: Apache-2.0
// ScanNotice: what a code scanned on an idle screen (home, search) did not open (a damaged
// receipt, an identity code there), shown at the bottom for 15 s or until tapped, so the next
// citizen finds the screen clean. Place it last in its screen (it floats over the content).
import QtQuick
import Kiosk.Ui

Rectangle {
    id: notice

    /// The journey's message; every new one shows again.
    property string text: ""
    property bool shown: false

    visible: shown && text.length > 0
    z: 2
    anchors.left: parent.left
    anchors.right: parent.right
    anchors.bottom: parent.bottom
    anchors.margins: Theme.margin
    height: noticeText.implicitHeight + Theme.px(40)
    radius: Theme.radius
    color: Theme.notice
    border.color: Theme.noticeBorder
    border.width: Theme.px(3)
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    onTextChanged: {
        shown = text.length > 0
        hideTimer.restart()
    }
    Component.onCompleted: shown = text.length > 0

    Text {
        id: noticeText
        anchors.fill: parent
        anchors.margins: Theme.px(20)
        text: notice.text
        color: Theme.noticeText
        font.pixelSize: Theme.fontLarge
        wrapMode: Text.Wrap
        lineHeight: Theme.lineHeight
        verticalAlignment: Text.AlignVCenter
    }
    Timer {
        id: hideTimer
        interval: 15000
        running: notice.shown
        onTriggered: notice.shown = false
    }
    TapHandler { onTapped: notice.shown = false }
}
