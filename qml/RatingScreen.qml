// SPDX-License-Identifier: Apache-2.0
// RatingScreen: 好差评 for the case just submitted: five levels; for 不满意 and 非常不满意 at
// least one reason from the catalog's list. The citizen may skip. When a review tablet holds the
// prompt, the screen says so and offers to rate here instead; when a key evaluator gave 1 or 2,
// the screen asks only for the reasons.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    readonly property bool onTablet: session.ratingPlace === "tablet"
    readonly property int levelGiven: session.ratingLevelGiven
    property int chosenLevel: 0
    readonly property int level: levelGiven > 0 ? levelGiven : chosenLevel
    property var chosenReasons: []
    readonly property var levelNames: [qsTr("非常不满意"), qsTr("不满意"), qsTr("基本满意"), qsTr("满意"), qsTr("非常满意")]

    title: qsTr("请对本次服务进行评价")
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

    GridLayout {
        id: grid
        anchors.left: parent.left
        anchors.right: parent.right
        // 长辈版 in landscape: the five levels side by side, so the reasons still fit below.
        columns: Theme.elder && Theme.landscape ? 5 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap

        Text {
            Layout.fillWidth: true
            Layout.columnSpan: grid.columns
            visible: screen.onTablet
            text: qsTr("请在旁边的评价器上为本次服务评价。\n也可以在屏幕上评价。")
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Text {
            Layout.fillWidth: true
            Layout.columnSpan: grid.columns
            visible: screen.levelGiven > 0
            text: qsTr("您在评价器上选择了：%1").arg(screen.levelNames[Math.max(0, screen.levelGiven - 1)])
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Repeater {
            model: screen.onTablet || screen.levelGiven > 0 ? [] : [5, 4, 3, 2, 1]
            delegate: BigButton {
                required property int modelData
                objectName: "level_" + modelData
                Layout.fillWidth: true
                text: screen.levelNames[modelData - 1]
                // Five in a row in 长辈版's landscape: the longer words (English) take two lines.
                wrap: true
                outlined: screen.level !== modelData
                Accessible.role: Accessible.RadioButton
                Accessible.checkable: true
                Accessible.checked: screen.level === modelData
                onClicked: screen.chosenLevel = modelData
            }
        }
        Text {
            Layout.fillWidth: true
            Layout.columnSpan: grid.columns
            visible: screen.level > 0 && screen.level <= 2
            text: qsTr("请选择不满意的原因（至少一项）：")
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        Flow {
            Layout.fillWidth: true
            Layout.columnSpan: grid.columns
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
            objectName: "rateHereButton"
            Layout.fillWidth: true
            visible: screen.onTablet
            text: qsTr("在屏幕上评价")
            onClicked: screen.session.rateOnScreenInstead()
        },
        BigButton {
            objectName: "rateButton"
            Layout.fillWidth: true
            visible: !screen.onTablet
            text: qsTr("提交评价")
            enabled: screen.level > 0
            opacity: enabled ? 1 : 0.5
            onClicked: screen.session.rate(screen.level, screen.chosenReasons)
        },
        BigButton {
            objectName: "skipButton"
            Layout.fillWidth: true
            text: qsTr("跳过")
            outlined: true
            onClicked: screen.session.skipRating()
        }
    ]
}
