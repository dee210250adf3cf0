// SPDX-License-Identifier: Apache-2.0
// FinishedScreen: thanks, and home (by itself after a few seconds).
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session

    title: qsTr("感谢您的使用")
    // E.g. the platform's answer that the case was rated before, worded kindly.
    message: session.message

    Text {
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        anchors.left: parent.left
        anchors.right: parent.right
        text: qsTr("请带好您的身份证和回执。屏幕将自动返回首页。")
        color: Theme.text
        font.pixelSize: Theme.fontLarge
        wrapMode: Text.Wrap
        lineHeight: Theme.lineHeight
    }

    actions: [
        BigButton {
            objectName: "homeButton"
            Layout.fillWidth: true
            text: qsTr("返回首页")
            onClicked: screen.session.end()
        }
    ]
}
