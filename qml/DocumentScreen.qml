// SPDX-License-Identifier: Apache-2.0
// DocumentScreen: 自助打印. The certificate the platform returns goes to the A4 printer; the
// screen follows it (获取, 准备打印, 正在打印, 打印完成) in big type, and a fault says what
// happened and what to do: print again, ask for help (人工帮助) or go to a counter.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    readonly property string status: session.certificateState
    readonly property bool busy: session.certificateBusy
    readonly property bool done: status === "done"
    readonly property bool fault: !busy && !done && status !== "none"

    title: busy ? qsTr("正在打印证明材料") : done ? qsTr("打印完成") : qsTr("未能打印")
    message: screen.fault ? session.certificateMessage : ""

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.margin

        Text {
            objectName: "documentItem"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: qsTr("打印事项：%1").arg(screen.session.itemName)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        IdentityCard {
            Layout.fillWidth: true
            // 长辈版 in landscape: the height goes to the words of what to do; whose certificate
            // it is was on every screen before this one.
            visible: !(Theme.elder && Theme.landscape)
            maskedName: screen.session.maskedName
            maskedIdNumber: screen.session.maskedIdNumber
            hasPhoto: screen.session.hasPhoto
            identifiedBy: screen.session.identifiedBy
        }
        // The sheet coming out of the printer: where to look, and how far it is.
        Rectangle {
            id: sheet
            objectName: "documentSheet"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Layout.preferredHeight * 0.75
            Layout.preferredHeight: Theme.landscape ? Theme.px(170) : Theme.px(400)
            // 长辈版 in landscape has no height for the picture; the words say the same.
            visible: !screen.fault && !(Theme.elder && Theme.landscape)
            color: Theme.surface
            border.color: screen.done ? Theme.primary : Theme.border
            border.width: Theme.px(4)
            radius: Theme.px(8)
            Accessible.role: Accessible.Graphic
            Accessible.name: screen.done ? qsTr("证明材料已打印") : qsTr("证明材料打印中")
            Column {
                anchors.centerIn: parent
                spacing: Theme.px(24)
                Repeater {
                    model: Theme.landscape ? 3 : 5
                    Rectangle {
                        width: sheet.width * 0.66
                        height: Theme.px(16)
                        radius: height / 2
                        color: screen.done ? Theme.primary : Theme.primaryTint
                    }
                }
            }
        }
        Text {
            objectName: "documentStatus"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            visible: !screen.fault
            Layout.fillWidth: true
            text: screen.session.certificateMessage
            color: Theme.text
            font.pixelSize: Theme.elder ? Theme.fontLarge : Theme.fontTitle
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        Text {
            objectName: "documentHint"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: screen.busy ? qsTr("打印一般需要一分钟左右，请在打印机旁等候，不要离开。")
                  : screen.done ? qsTr("证明材料含有您的个人信息，请妥善保管。如内容有误，请到服务窗口咨询。")
                  : qsTr("您可以按右上角的“人工帮助”请工作人员处理，或到服务窗口办理。")
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        Item { Layout.fillHeight: true }
    }

    actions: [
        BigButton {
            objectName: "doneButton"
            Layout.fillWidth: true
            // While the sheet is on its way the citizen waits for it: it is theirs alone.
            enabled: !screen.busy
            opacity: enabled ? 1 : 0.5
            text: screen.done ? qsTr("完成") : qsTr("退出")
            onClicked: screen.session.end()
        },
        BigButton {
            objectName: "retryButton"
            Layout.fillWidth: true
            visible: screen.session.certificateCanRetry
            text: qsTr("重新打印")
            outlined: true
            onClicked: screen.session.retryCertificate()
        },
        BigButton {
            objectName: "backButton"
            Layout.fillWidth: true
            visible: !screen.busy
            text: qsTr("‹ 返回")
            outlined: true
            onClicked: screen.session.back()
        }
    ]
}
