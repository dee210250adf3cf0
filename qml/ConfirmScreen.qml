// SPDX-License-Identifier: Apache-2.0
// ConfirmScreen: what will be submitted, for the citizen to check (ID numbers masked), then
// 确认提交. When the kiosk cannot keep the application (a full disk) the notice says where to
// go instead.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session

    title: qsTr("请核对申请信息")
    message: session.message

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: qsTr("办理事项：%1").arg(screen.session.itemName)
            color: Theme.text
            font.pixelSize: Theme.fontLarge
            font.bold: true
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        IdentityCard {
            Layout.fillWidth: true
            maskedName: screen.session.maskedName
            maskedIdNumber: screen.session.maskedIdNumber
            hasPhoto: screen.session.hasPhoto
            identifiedBy: screen.session.identifiedBy
        }
        Text {
            objectName: "materialsSummary"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            visible: screen.session.materials.summaryText.length > 0
            text: qsTr("申请材料：%1").arg(screen.session.materials.summaryText)
            color: Theme.text
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
            lineHeight: Theme.lineHeight
        }
        ListView {
            id: summaryList
            objectName: "summaryList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.px(4)
            model: screen.session.summary
            ScrollBar.vertical: KioskScrollBar {}
            delegate: Rectangle {
                id: summaryRow
                required property var modelData
                width: ListView.view.width - Theme.px(24)
                height: Math.max(Theme.touchMin, row.implicitHeight + Theme.px(24))
                color: Theme.surface
                radius: Theme.radius
                Accessible.role: Accessible.StaticText
                Accessible.name: qsTr("%1：%2").arg(modelData.label).arg(modelData.value)
                RowLayout {
                    id: row
                    anchors.fill: parent
                    anchors.margins: Theme.px(20)
                    Text {
                        Layout.preferredWidth: parent.width * 0.35
                        text: summaryRow.modelData.label
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontBody
                        wrapMode: Text.Wrap
                        lineHeight: Theme.lineHeight
                    }
                    Text {
                        Layout.fillWidth: true
                        text: summaryRow.modelData.value
                        color: Theme.text
                        font.pixelSize: Theme.fontLarge
                        wrapMode: Text.Wrap
                        lineHeight: Theme.lineHeight
                    }
                }
            }
        }
        FlickPager {
            objectName: "summaryListPager"
            flickable: summaryList
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
        }
    }

    actions: [
        BigButton {
            objectName: "confirmButton"
            Layout.fillWidth: true
            // The queue stores the case on a worker: a moment, during which nothing is tapped twice.
            text: screen.session.saving ? qsTr("正在保存…") : qsTr("确认提交")
            enabled: !screen.session.saving
            opacity: enabled ? 1 : 0.5
            onClicked: screen.session.confirm()
        },
        BigButton {
            objectName: "backButton"
            Layout.fillWidth: true
            text: qsTr("返回修改")
            outlined: true
            enabled: !screen.session.saving
            opacity: enabled ? 1 : 0.5
            onClicked: screen.session.back()
        }
    ]
}
