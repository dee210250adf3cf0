// SPDX-License-Identifier: Apache-2.0
// ProgressScreen: 办件进度查询. The citizen's cases, newest first, each with its status in
// words (已受理, 审核中...), when it changed (Beijing time) and its case number, in big type;
// or the one case of a scanned receipt. While the platform is asked it says so; no case,
// the platform out of reach (the cases kept here are safe) and a refusal each have their words.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    readonly property bool waiting: session.lookupState === "waiting"
    readonly property bool found: session.lookupState === "found"

    title: qsTr("办理进度查询")
    // What went wrong (or that nothing was found) shows in the notice box, read out first.
    // A scanned receipt's case rated before (or a code refused here) has its words first.
    message: session.message.length > 0 ? session.message
                                        : screen.waiting || screen.found ? "" : session.lookupMessage

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Text {
            objectName: "progressSubject"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: screen.session.fromReceipt
                  ? qsTr("按回执二维码查询")
                  : qsTr("查询事项：%1\n查询人：%2（%3）").arg(screen.session.itemName)
                    .arg(screen.session.maskedName).arg(screen.session.maskedIdNumber)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        Text {
            objectName: "progressWaiting"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            visible: screen.waiting
            Layout.fillWidth: true
            Layout.topMargin: Theme.margin
            text: screen.session.lookupMessage
            color: Theme.text
            font.pixelSize: Theme.fontTitle
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        ListView {
            id: progressList
            objectName: "progressList"
            visible: screen.found
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.session.progressRows
            ScrollBar.vertical: KioskScrollBar {}
            Accessible.role: Accessible.List
            Accessible.name: qsTr("办件列表，共%n件", "", count)
            delegate: Rectangle {
                id: caseRow
                required property var modelData
                required property int index
                objectName: "progressRow_" + index
                width: ListView.view.width - Theme.px(24)
                height: rowText.implicitHeight + Theme.px(48)
                color: Theme.surface
                radius: Theme.radius
                border.width: Theme.px(2)
                border.color: Theme.border
                Accessible.role: Accessible.ListItem
                Accessible.name: qsTr("%1，%2").arg(modelData.itemName).arg(modelData.statusText)
                                 + (modelData.updatedText ? qsTr("，更新于%1").arg(modelData.updatedText) : "")
                                 + (modelData.caseNo ? qsTr("，受理编号%1").arg(modelData.caseNo) : "")
                ColumnLayout {
                    id: rowText
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.margins: Theme.px(24)
                    spacing: Theme.px(8)
                    Text {
                        Layout.fillWidth: true
                        text: caseRow.modelData.statusText
                        color: caseRow.modelData.status === "rejected" || caseRow.modelData.status === "dead_letter"
                               ? Theme.help : Theme.primary
                        font.pixelSize: Theme.fontTitle
                        font.bold: true
                        wrapMode: Text.Wrap
                        lineHeight: Theme.lineHeight
                    }
                    Text {
                        Layout.fillWidth: true
                        text: caseRow.modelData.itemName
                        color: Theme.text
                        font.pixelSize: Theme.fontLarge
                        wrapMode: Text.Wrap
                        lineHeight: Theme.lineHeight
                    }
                    Text {
                        Layout.fillWidth: true
                        visible: text.length > 0
                        text: (caseRow.modelData.updatedText ? qsTr("更新时间：%1").arg(caseRow.modelData.updatedText) : "")
                              + (caseRow.modelData.updatedText && caseRow.modelData.caseNo ? "\n" : "")
                              + (caseRow.modelData.caseNo ? qsTr("受理编号：%1").arg(caseRow.modelData.caseNo) : "")
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.WrapAnywhere
                        lineHeight: Theme.lineHeight
                    }
                }
            }
        }
        FlickPager {
            objectName: "progressListPager"
            flickable: progressList
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
        }
        Text {
            objectName: "progressHint"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            // That a case kept here is safe is the notice's to say (the platform unreachable):
            // said twice, it pushed the rest off a 长辈版 screen.
            visible: !screen.found && !screen.waiting
            Layout.fillWidth: true
            text: qsTr("您可以：稍后再查；或到服务窗口咨询，工作人员可以为您查询。")
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        Item { Layout.fillHeight: true; visible: !screen.found }
    }

    actions: [
        BigButton {
            // A receipt scanned on the home screen: its case may be rated here, once.
            objectName: "rateReceiptButton"
            visible: screen.session.canRateReceipt
            Layout.fillWidth: true
            text: qsTr("评价此件")
            onClicked: screen.session.rateReceipt()
        },
        BigButton {
            objectName: "doneButton"
            Layout.fillWidth: true
            text: qsTr("查询完毕")
            onClicked: screen.session.end()
        },
        BigButton {
            objectName: "backButton"
            Layout.fillWidth: true
            text: qsTr("‹ 返回")
            outlined: true
            onClicked: screen.session.back()
        }
    ]
}
