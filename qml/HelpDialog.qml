// SPDX-License-Identifier: Apache-2.0
// HelpDialog: where a citizen finds human help (the staff of the outlet, the 12345 hotline).
import QtQuick
import QtQuick.Controls.Basic
// Overlay is an attached type of the templates, which the Basic style does not re-export.
import QtQuick.Templates as T

Popup {
    id: dialog

    anchors.centerIn: T.Overlay.overlay
    width: Math.min(parent ? parent.width - 2 * Theme.margin : Theme.px(900), Theme.px(900))
    modal: true
    focus: true
    padding: Theme.px(48)
    closePolicy: Popup.CloseOnPressOutside

    T.Overlay.modal: Rectangle { color: "#99000000" }
    background: Rectangle { radius: Theme.radius * 2; color: Theme.surface }

    contentItem: Column {
        objectName: "helpDialogContent"
        spacing: Theme.px(32)
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("需要帮助？")
        Text {
            Accessible.role: Accessible.Heading
            Accessible.name: text
            width: parent.width
            text: qsTr("需要帮助？")
            color: Theme.help
            font.pixelSize: Theme.fontHuge
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            width: parent.width
            text: qsTr("已通知网点工作人员，请在这里稍候，工作人员会来帮您。您也可以拨打政务服务便民热线 12345。")
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            horizontalAlignment: Text.AlignHCenter
        }
        BigButton {
            objectName: "helpDialogClose"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.px(360)
            text: qsTr("知道了")
            onClicked: dialog.close()
        }
    }
}
