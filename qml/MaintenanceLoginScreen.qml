// SPDX-License-Identifier: Apache-2.0
// MaintenanceLoginScreen: after the hidden gesture, the technician types the kiosk's one-time
// code (RFC 6238, from the authenticator app) on big digit keys. The code is shown as dots;
// five wrong codes lock the screen for 15 minutes (MaintenanceAccess).
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property MaintenanceViewModel maintenance

    title: qsTr("维护人员验证")
    message: maintenance.message

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.gap * 2

        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: qsTr("请输入维护验证码（6 位数字，见运维验证器应用）")
            color: Theme.textSecondary
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: Theme.px(128)
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.primary
            border.width: Theme.px(3)

            TextInput {
                id: codeField
                objectName: "maintenanceCode"
                anchors.fill: parent
                anchors.margins: Theme.px(20)
                horizontalAlignment: TextInput.AlignHCenter
                verticalAlignment: TextInput.AlignVCenter
                echoMode: TextInput.Password
                passwordCharacter: "●"
                maximumLength: 6
                inputMethodHints: Qt.ImhDigitsOnly
                activeFocusOnPress: false // the keys below type, not a system keyboard
                font.pixelSize: Theme.fontHuge
                font.letterSpacing: Theme.px(16)
                color: Theme.text
                Accessible.role: Accessible.EditableText
                Accessible.name: qsTr("维护验证码，已输入 %n 位", "", text.length)
            }
        }

        DigitKeyboard {
            objectName: "maintenanceKeys"
            Layout.fillWidth: true
            enabled: screen.maintenance.codeAccepted
            opacity: enabled ? 1 : 0.4
            target: codeField
        }
    }

    actions: [
        BigButton {
            objectName: "maintenanceSubmit"
            Layout.fillWidth: true
            text: qsTr("确认")
            enabled: screen.maintenance.codeAccepted && codeField.text.length === 6
            opacity: enabled ? 1 : 0.4
            onClicked: {
                screen.maintenance.submitCode(codeField.text)
                codeField.text = ""
            }
        },
        BigButton {
            objectName: "maintenanceCancel"
            Layout.fillWidth: true
            text: qsTr("取消")
            outlined: true
            onClicked: screen.maintenance.cancel()
        }
    ]
}
