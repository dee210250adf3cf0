// SPDX-License-Identifier: Apache-2.0
// IdentityCard: who is applying, masked as on the receipt (张*, 510703********1234), with the
// card's photo place (无照片 while no photo decoder is configured).
import QtQuick
import QtQuick.Layouts

Rectangle {
    id: box

    property string maskedName
    property string maskedIdNumber
    property bool hasPhoto: false
    /// card | code | manual
    property string identifiedBy

    implicitHeight: Math.max(Theme.px(200), lines.implicitHeight + Theme.px(48))
    radius: Theme.radius
    color: Theme.primaryTint
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("申请人 %1，证件号码 %2").arg(maskedName).arg(maskedIdNumber)

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.px(24)
        spacing: Theme.margin

        Rectangle {
            objectName: "photoPlace"
            // Wide enough for 无照片 on one line at 长辈版's size too.
            Layout.preferredWidth: Theme.fontSmall * 3 + Theme.px(24)
            Layout.fillHeight: true
            color: Theme.surface
            border.color: Theme.border
            border.width: Theme.px(2)
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                anchors.centerIn: parent
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: box.hasPhoto ? "" : qsTr("无照片")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
                wrapMode: Text.Wrap
                lineHeight: Theme.lineHeight
            }
        }
        Column {
            id: lines
            Layout.fillWidth: true
            spacing: Theme.px(8)
            Text {
                objectName: "maskedName"
                text: box.maskedName
                color: Theme.text
                font.pixelSize: Theme.fontTitle
                font.bold: true
            }
            Text {
                objectName: "maskedIdNumber"
                text: box.maskedIdNumber
                color: Theme.text
                font.pixelSize: Theme.fontLarge
            }
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: box.identifiedBy === "card" ? qsTr("已读取身份证")
                      : box.identifiedBy === "code" ? qsTr("已通过手机亮证核验")
                      : qsTr("手工输入")
                color: Theme.textSecondary
                font.pixelSize: Theme.fontSmall
            }
        }
    }
}
