// SPDX-License-Identifier: Apache-2.0
// IdlePrompt: 需要更多时间吗？ Shown by the session 15 s before an idle session ends; 需要
// keeps it, 结束办理 ends it now (and with it everything the citizen entered).
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Templates as T
import Kiosk.Ui

Popup {
    id: prompt

    property SessionViewModel session

    anchors.centerIn: T.Overlay.overlay
    width: Math.min(parent ? parent.width - 2 * Theme.margin : Theme.px(900), Theme.px(900))
    modal: true
    padding: Theme.px(48)
    closePolicy: Popup.NoAutoClose
    visible: session !== null && session.idleWarning

    T.Overlay.modal: Rectangle { color: "#99000000" }
    background: Rectangle { radius: Theme.radius * 2; color: Theme.surface }

    contentItem: Column {
        objectName: "idlePromptContent"
        spacing: Theme.px(32)
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("需要更多时间吗？")
        Text {
            Accessible.role: Accessible.Heading
            Accessible.name: text
            width: parent.width
            text: qsTr("需要更多时间吗？")
            color: Theme.text
            font.pixelSize: Theme.fontHuge
            font.bold: true
            // One line in Chinese; two in English in 长辈版.
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            objectName: "idleSecondsLeft"
            width: parent.width
            text: qsTr("%n 秒后将结束办理并返回首页，已填写的内容会被清除。", "", prompt.session ? prompt.session.secondsLeft : 0)
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            horizontalAlignment: Text.AlignHCenter
        }
        BigButton {
            objectName: "moreTimeButton"
            width: parent.width
            text: qsTr("需要，继续办理")
            onClicked: prompt.session.touched()
        }
        BigButton {
            objectName: "endNowButton"
            width: parent.width
            text: qsTr("结束办理")
            outlined: true
            onClicked: prompt.session.end()
        }
    }
}
