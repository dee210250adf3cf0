// SPDX-License-Identifier: Apache-2.0
// IdentifyScreen: 请将身份证放在感应区. A card drawn sliding onto the reader shows where it
// goes; the card is read by the reader (the session hears it); typing the name and ID number
// is the other way. 返回 goes back to the guide.
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session

    title: qsTr("请将身份证放在感应区")
    message: session.message

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.margin

        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: qsTr("正在办理：%1").arg(screen.session.itemName)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }

        // The reader's pad with a card moving onto it, again and again: where to put it.
        Item {
            objectName: "cardPrompt"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Accessible.role: Accessible.Animation
            Accessible.name: qsTr("把身份证平放在下方的读卡区，不要移动")

            Rectangle {
                id: pad
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: Theme.px(40)
                width: Theme.px(520)
                height: Theme.px(120)
                radius: Theme.radius
                color: Theme.primaryTint
                border.color: Theme.primary
                border.width: Theme.px(4)
                Text {
                    anchors.centerIn: parent
                    text: qsTr("读卡区")
                    color: Theme.primary
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                }
            }
            Rectangle {
                id: card
                anchors.horizontalCenter: parent.horizontalCenter
                // An ID card's shape, as large as fits above the pad (长辈版's landscape has
                // little height: the card must not cover the pad's words).
                height: Math.min(Theme.px(270), Math.max(Theme.px(120), pad.y - Theme.gap))
                width: height * 428 / 270
                radius: Theme.px(20)
                color: "#E3F2FD"
                border.color: Theme.primary
                border.width: Theme.px(3)
                Text {
                    anchors.centerIn: parent
                    text: qsTr("身份证")
                    color: Theme.primary
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                }
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    // Nothing moves by itself in 长辈版.
                    running: screen.visible && Theme.animate && !Theme.elder
                    NumberAnimation {
                        from: 0
                        to: Math.max(0, pad.y - card.height * 0.6)
                        duration: 1400
                        easing.type: Easing.InOutQuad
                    }
                    PauseAnimation { duration: 900 }
                }
            }
        }

        Text {
            objectName: "identifyHint"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: (screen.session.itemFlow === "progress_lookup"
                   ? qsTr("查询本机提交的申请，也可以把回执上的二维码对准扫码口。") : "")
                  + qsTr("也可以打开手机上的电子身份证（亮证）二维码，对准扫码口。没有带身份证？可以手工输入姓名和身份证号码。")
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
    }

    actions: [
        BigButton {
            objectName: "manualButton"
            Layout.fillWidth: true
            text: qsTr("手工输入身份信息")
            outlined: true
            onClicked: screen.session.enterManually()
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
