// SPDX-License-Identifier: Apache-2.0
// MaintenanceScreen: what a technician checks on site: the devices' health, the offline queue
// (with 重试失败记录 for its dead letters), the catalog version, the network, and the checks
// kioskctl offers that fit a running kiosk. It ends itself after 5 minutes untouched.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property MaintenanceViewModel maintenance

    title: qsTr("设备维护")

    component Heading: Text {
        Accessible.role: Accessible.Heading
        Accessible.name: text
        Layout.fillWidth: true
        Layout.topMargin: Theme.gap
        color: Theme.primary
        font.pixelSize: Theme.fontTitle
        font.bold: true
    }
    component Line: Text {
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        Layout.fillWidth: true
        color: Theme.text
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap

            Heading { text: qsTr("设备状态") }
            Repeater {
                model: screen.maintenance.devices
                Line {
                    required property var modelData
                    objectName: "device_" + modelData.name
                    text: qsTr("%1：%2，%3").arg(modelData.name).arg(modelData.state).arg(modelData.health)
                          + (modelData.detail.length > 0 ? "（" + modelData.detail + "）" : "")
                    color: modelData.ok ? Theme.text : Theme.help
                }
            }
            Line {
                visible: screen.maintenance.devices.length === 0
                text: qsTr("设备尚未启动")
            }

            Heading { text: qsTr("上传队列") }
            Line {
                objectName: "queueCounts"
                text: screen.maintenance.queueKnown
                      ? qsTr("待上传 %1 条，已送达 %2 条，失败 %3 条").arg(screen.maintenance.queuePending)
                        .arg(screen.maintenance.queueDelivered).arg(screen.maintenance.queueDeadLetters)
                        + (screen.maintenance.queuePending > 0
                           ? qsTr("，最早一条已等待 %1 秒").arg(screen.maintenance.queueOldestAgeS) : "")
                      : qsTr("队列尚未打开")
            }
            BigButton {
                objectName: "retryDeadLetters"
                text: qsTr("重试失败记录")
                enabled: screen.maintenance.queueKnown && screen.maintenance.queueDeadLetters > 0
                         && !screen.maintenance.busy
                opacity: enabled ? 1 : 0.4
                onClicked: screen.maintenance.retryDeadLetters()
            }

            Heading { text: qsTr("事项目录") }
            Line {
                objectName: "catalogVersion"
                text: qsTr("版本 %1").arg(screen.maintenance.catalogVersion)
            }

            Heading { text: qsTr("网络") }
            Line {
                objectName: "networkState"
                text: screen.maintenance.network
            }

            Heading { text: qsTr("诊断") }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.gap
                Repeater {
                    model: screen.maintenance.diagnostics
                    BigButton {
                        required property var modelData
                        objectName: "diagnostic_" + modelData.id
                        text: modelData.label
                        outlined: true
                        enabled: !screen.maintenance.busy
                        opacity: enabled ? 1 : 0.4
                        onClicked: screen.maintenance.runDiagnostic(modelData.id)
                    }
                }
            }
            Line {
                objectName: "actionResult"
                visible: text.length > 0
                text: screen.maintenance.actionResult
                font.bold: true
            }
        }
    }

    actions: [
        BigButton {
            objectName: "maintenanceLogout"
            Layout.fillWidth: true
            text: qsTr("退出维护")
            onClicked: screen.maintenance.logout()
        },
        BigButton {
            objectName: "maintenanceRefresh"
            Layout.fillWidth: true
            text: qsTr("刷新")
            outlined: true
            onClicked: screen.maintenance.refresh()
        }
    ]
}
