// SPDX-License-Identifier: Apache-2.0
// SubmittedScreen: the application is kept. With the platform's case number when it has one;
// while it waits in the queue, honest words and the kiosk's own reference, never a made-up
// case number. Then the receipt: being printed, printed, or not (why, 重新打印, and its QR
// code on screen to photograph instead).
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    readonly property bool delivered: session.caseNo.length > 0
    readonly property bool showQr: session.receiptState === "failed" || session.receiptState === "no_printer"

    title: delivered ? qsTr("申请已提交") : qsTr("申请已保存")
    message: session.message

    // Landscape: the QR code beside the words (the notice under them leaves little height,
    // above all in 长辈版), as large as the height allows.
    GridLayout {
        id: body
        anchors.fill: parent
        columns: Theme.landscape ? 2 : 1
        flow: Theme.landscape ? GridLayout.TopToBottom : GridLayout.LeftToRight
        rows: Theme.landscape ? 3 : -1
        columnSpacing: Theme.margin
        rowSpacing: Theme.margin

        Text {
            objectName: "submittedText"
            Layout.fillWidth: true
            text: screen.delivered
                  ? qsTr("受理编号：%1").arg(screen.session.caseNo)
                  : qsTr("已保存在本机，联网后自动提交。\n本机受理号：%1").arg(screen.session.localReference)
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.WrapAnywhere
            lineHeight: Theme.lineHeight
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Text {
            objectName: "receiptText"
            Layout.fillWidth: true
            text: screen.session.receiptState === "printing" ? qsTr("正在打印回执，请稍候……")
                  : screen.session.receiptState === "printed" ? qsTr("回执已打印，请从出纸口取走回执。")
                  : screen.showQr ? qsTr("请用手机拍下这个二维码，凭它查询办理进度。") : ""
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Item { Layout.fillHeight: true; visible: Theme.landscape }
        QrCode {
            objectName: "receiptQr"
            visible: screen.showQr
            readonly property real side: Theme.landscape ? Math.min(Theme.px(420), body.height)
                                                         : Theme.px(420)
            Layout.alignment: Theme.landscape ? Qt.AlignTop : Qt.AlignHCenter
            Layout.rowSpan: Theme.landscape ? 3 : 1
            Layout.preferredWidth: side
            Layout.preferredHeight: side
            text: screen.showQr ? screen.session.receiptQrText : ""
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("回执二维码")
        }
        Item { Layout.fillHeight: true; visible: !Theme.landscape }
    }

    actions: [
        BigButton {
            objectName: "nextButton"
            Layout.fillWidth: true
            text: qsTr("下一步：评价")
            enabled: screen.session.receiptState !== "printing"
            opacity: enabled ? 1 : 0.5
            onClicked: screen.session.toRating()
        },
        BigButton {
            objectName: "reprintButton"
            Layout.fillWidth: true
            visible: screen.session.receiptState === "failed"
            text: qsTr("重新打印")
            outlined: true
            onClicked: screen.session.reprint()
        }
    ]
}
