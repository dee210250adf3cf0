// SPDX-License-Identifier: Apache-2.0
// ManualIdentityScreen: the name and the ID number typed in, for a citizen without the card.
// The ID number's check digit (MOD 11-2) is checked as it is typed; the session checks both
// again before they count.
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    /// What the session found wrong, by field: name, idNumber.
    readonly property var problems: session.problems
    readonly property string idNumber: idField.text.trim().toUpperCase()
    /// Checked as typed: 18 characters whose last one is the MOD 11-2 check character.
    readonly property bool idNumberComplete: idNumber.length === 18
    readonly property bool idNumberValid: idNumberComplete && screen.checkCharacter(idNumber) === idNumber[17]

    title: qsTr("请输入姓名和身份证号码")
    // Landscape: the keyboard beside the fields reaches up past them; the title stays left of it.
    titleRightInset: landscape ? keyboard.width + Theme.margin : 0
    message: session.message

    function checkCharacter(number) {
        const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = 0
        for (let i = 0; i < 17; ++i) {
            const digit = number.charCodeAt(i) - 48
            if (digit < 0 || digit > 9)
                return ""
            sum += digit * weights[i]
        }
        return "10X98765432"[sum % 11]
    }

    readonly property bool landscape: width > height

    ColumnLayout {
        anchors.left: parent.left
        width: screen.landscape ? parent.width - keyboard.width - Theme.margin : parent.width
        spacing: Theme.gap

        FormTextField {
            id: nameField
            objectName: "nameField"
            Layout.fillWidth: true
            onFocused: {
                keyboard.type = "text"
                keyboard.target = entry
            }
            label: qsTr("姓名")
            problem: screen.problems.name || ""
        }
        FormTextField {
            id: idField
            objectName: "idNumberField"
            Layout.fillWidth: true
            label: qsTr("身份证号码")
            onFocused: {
                keyboard.type = "idnumber"
                keyboard.target = entry
            }
            inputHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
            maximumLength: 18
            problem: screen.problems.idNumber
                     || (screen.idNumberComplete && !screen.idNumberValid
                         ? qsTr("身份证号码校验位不正确，请核对后重新输入") : "")
        }
    }

    // The keyboard for the field being filled in, at the bottom where the hands are.
    // Portrait: under the fields; landscape: beside them.
    FieldKeyboard {
        id: keyboard
        objectName: "fieldKeyboard"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        // Landscape: half the width, but never so narrow that its keys fall below
        // Theme.touchMin (they were 89 px at 1920x1080, found by qml.screen_check_walk).
        width: screen.landscape ? Math.max(parent.width * 0.5, implicitWidth) : parent.width
        height: implicitHeight
        Component.onCompleted: nameField.entry.forceActiveFocus()
    }

    actions: [
        BigButton {
            objectName: "nextButton"
            Layout.fillWidth: true
            text: qsTr("下一步")
            enabled: nameField.text.trim().length > 0 && screen.idNumberValid
            opacity: enabled ? 1 : 0.5
            onClicked: screen.session.identifyManually(nameField.text, idField.text)
        },
        BigButton {
            objectName: "backButton"
            Layout.fillWidth: true
            text: qsTr("返回")
            outlined: true
            onClicked: screen.session.back()
        }
    ]
}
