// SPDX-License-Identifier: Apache-2.0
// QueueHeldMarker: a calm strip under the top bar, for staff, while the platform refuses this
// kiosk's credentials and nothing is uploaded. Not interactive, no sound, no dialog: the
// citizen carries on (applications still queue on the kiosk) and staff know whom to call.
// The top bar uses the same strip, with its own message, while the network is down.
import QtQuick

Rectangle {
    id: marker

    implicitHeight: Theme.px(56)
    color: Theme.notice

    property string message: qsTr("上传暂停：本机证书未获平台认可，请联系运维")
    property string textObjectName: "queueHeldText"

    Accessible.role: Accessible.StaticText
    Accessible.name: message

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Theme.px(2)
        color: Theme.noticeBorder
    }

    Row {
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gap

        // Drawn, not the ⚠ glyph: the kiosk's Chinese font has none, and a fallback may not
        // be installed.
        Rectangle {
            width: Theme.px(36)
            height: width
            radius: width / 2
            color: Theme.noticeBorder
            anchors.verticalCenter: parent.verticalCenter
            Text {
                anchors.centerIn: parent
                text: "!"
                color: Theme.textOnDark
                font.pixelSize: Theme.fontSmall
                font.bold: true
            }
        }
        Text {
            objectName: marker.textObjectName
            width: parent.width - Theme.px(36) - parent.spacing
            anchors.verticalCenter: parent.verticalCenter
            text: marker.message
            color: Theme.noticeText
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }
}
