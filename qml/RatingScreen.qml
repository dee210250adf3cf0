// SPDX-License-Identifier: Apache-2.0
// RatingScreen: 好差评 for the case just submitted: five levels; for 不满意 and 非常不满意 at
// least one reason from the catalog's list. The citizen may skip.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    property int level: 0
    property var chosenReasons: []
    readonly property var levelNames: ["非常不满意", "不满意", "基本满意", "满意", "非常满意"]

    title: "请对本次服务进行评价"
    message: session.message

    function toggleReason(code) {
        const reasons = chosenReasons.slice()
        const at = reasons.indexOf(code)
        if (at >= 0)
            reasons.splice(at, 1)
        else
            reasons.push(code)
        chosenReasons = reasons
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.gap

        Repeater {
            model: [5, 4, 3, 2, 1]
            delegate: BigButton {
                required property int modelData
                objectName: "level_" + modelData
                Layout.fillWidth: true
                text: screen.levelNames[modelData - 1]
                outlined: screen.level !== modelData
                Accessible.role: Accessible.RadioButton
                Accessible.checkable: true
                Accessible.checked: screen.level === modelData
                onClicked: screen.level = modelData
            }
        }
        Text {
            Layout.fillWidth: true
            visible: screen.level > 0 && screen.level <= 2
            text: "请选择不满意的原因（至少一项）："
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
        }
        Flow {
            Layout.fillWidth: true
            visible: screen.level > 0 && screen.level <= 2
            spacing: Theme.gap
            Repeater {
                model: screen.session.ratingReasons
                delegate: BigButton {
                    required property var modelData
                    required property int index
                    objectName: "reason_" + index
                    text: modelData.text
                    outlined: screen.chosenReasons.indexOf(modelData.code) < 0
                    Accessible.role: Accessible.CheckBox
                    Accessible.checkable: true
                    Accessible.checked: !outlined
                    onClicked: screen.toggleReason(modelData.code)
                }
            }
        }
    }

    actions: [
        BigButton {
            objectName: "rateButton"
            Layout.fillWidth: true
            text: "提交评价"
            enabled: screen.level > 0
            opacity: enabled ? 1 : 0.5
            onClicked: screen.session.rate(screen.level, screen.chosenReasons)
        },
        BigButton {
            objectName: "skipButton"
            Layout.fillWidth: true
            text: "跳过"
            outlined: true
            onClicked: screen.session.skipRating()
        }
    ]
}
