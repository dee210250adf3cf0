// SPDX-License-Identifier: Apache-2.0
// OutOfService: the calm full-screen page shown when the kiosk could not be kept running (a
// crash loop: kiosk-out-of-service.service, started by kiosk.service's OnFailure=), or, with
// notProvisioned, by a kiosk that is not provisioned yet (kiosk.toml's id UNPROVISIONED: it
// takes no application until a technician provisions it). Nothing to press and no technical
// detail: what happened in plain words, where to go instead, and the kiosk's id (or 未配置 for
// the technician) and the time for the staff. Every text is a StaticText a screen reader reads.
import QtQml
import QtQuick

Window {
    id: root

    /// The kiosk's id from its configuration; empty when it could not be read (not shown).
    property string kioskId: ""
    /// Not provisioned yet (kiosk --config with the id UNPROVISIONED): 尚未启用 instead of
    /// 暂停服务, and 未配置 for the technician where the id would be.
    property bool notProvisioned: false
    /// A fixed Date for reproducible screenshots; undefined shows the live clock.
    property var clockOverride
    property date now: clockOverride !== undefined ? clockOverride : new Date()

    width: 1080
    height: 1920
    color: "#f4f1ea"
    title: notProvisioned ? qsTr("尚未启用") : qsTr("暂停服务")

    Timer {
        interval: 30000
        running: root.clockOverride === undefined
        repeat: true
        onTriggered: root.now = new Date()
    }

    readonly property real unit: Math.max(0.5, Math.min(width, height) / 1080)

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Math.round(96 * root.unit)
        spacing: Math.round(48 * root.unit)

        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: root.title
            color: "#2b3a4a"
            font.pixelSize: Math.round(112 * root.unit)
            font.bold: true
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            // Broken after the comma, not wherever the width ends; read as one sentence.
            readonly property string sentence: root.notProvisioned
                                               ? qsTr("本机尚未启用，请到服务窗口办理。")
                                               : qsTr("本机暂时无法使用，请到服务窗口办理。")
            text: root.notProvisioned ? qsTr("本机尚未启用，\n请到服务窗口办理。")
                                      : qsTr("本机暂时无法使用，\n请到服务窗口办理。")
            color: "#2b3a4a"
            font.pixelSize: Math.round(60 * root.unit)
            lineHeight: 1.3
            Accessible.role: Accessible.StaticText
            Accessible.name: sentence
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: (root.notProvisioned ? qsTr("未配置（待技术人员配置）　")
                   : root.kioskId.length > 0 ? qsTr("终端编号 %1　").arg(root.kioskId) : "")
                  + Qt.formatDateTime(root.now, "yyyy-MM-dd HH:mm")
            color: "#56606b"
            font.pixelSize: Math.round(40 * root.unit)
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
    }
}
