// SPDX-License-Identifier: Apache-2.0
// GuideSection: a titled white card of the guide screen (受理条件, 申请材料, 办理流程, ...).
import QtQuick

Rectangle {
    id: section
    property alias title: titleText.text
    default property alias content: body.data

    implicitHeight: titleText.implicitHeight + body.implicitHeight + Theme.px(24) * 2 + Theme.gap
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.px(2)
    border.color: Theme.border

    Text {
        Accessible.role: Accessible.Heading
        Accessible.name: text
        id: titleText
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: Theme.px(24)
        color: Theme.primary
        font.pixelSize: Theme.fontLarge
        font.bold: true
    }
    Column {
        id: body
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: titleText.bottom
        anchors.leftMargin: Theme.px(24)
        anchors.rightMargin: Theme.px(24)
        anchors.topMargin: Theme.gap
        spacing: Theme.gap
    }
}
