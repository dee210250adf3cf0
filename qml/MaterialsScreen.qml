// SPDX-License-Identifier: Apache-2.0
// MaterialsScreen: each material of the item photographed with the document camera (高拍仪):
// the list of materials, a big live preview, 拍照 / 重拍, 下一份, 跳过 (optional materials
// only) and 完成. When the camera is missing or fails, the notice says which materials to
// bring to a counter, and the application goes on. The session decides; this only shows.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session
    readonly property MaterialsViewModel materials: session.materials
    readonly property bool landscape: width > height
    readonly property bool photographed: materials.currentStatus === "photographed"
    readonly property bool cameraFailed: materials.cameraState === "failed"

    /// What to do with the material shown now.
    readonly property string instruction: qsTr("请把“%1”平放在高拍仪下").arg(materials.currentName)
                                          + (materials.currentRequired ? "" : qsTr("（非必需，可跳过）"))

    // 长辈版: one task a screen, so the task is the title (and the height goes to the picture).
    title: Theme.elder && !cameraFailed ? instruction : qsTr("请拍摄申请材料")
    message: session.message.length > 0 ? session.message : materials.message

    GridLayout {
        anchors.fill: parent
        columns: screen.landscape ? 2 : 1
        columnSpacing: Theme.gap
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // Landscape: the rest beside the list (without it, with the camera missing and
            // nothing in it but the viewfinder, it shrank to 2 px: qml.screen_check_walk).
            Layout.preferredWidth: screen.landscape ? screen.width * 0.65 : -1
            spacing: Theme.gap

            Text {
                objectName: "currentMaterial"
                Layout.fillWidth: true
                // The viewfinder gives way first: the words must stay whole.
                Layout.minimumHeight: implicitHeight
                visible: !screen.cameraFailed && !Theme.elder
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: screen.instruction
                color: Theme.text
                font.pixelSize: Theme.fontLarge
                font.bold: true
                wrapMode: Text.Wrap
                lineHeight: Theme.lineHeight
            }

            Rectangle {
                id: viewfinder
                // 长辈版 without a camera: the notice and the list say it in words; a black box
                // saying so too would squeeze them (in English the words did not fit in it).
                visible: !(screen.cameraFailed && Theme.elder)
                Layout.fillWidth: true
                Layout.fillHeight: true
                color: "black"
                radius: Theme.radius
                clip: true
                Accessible.role: Accessible.Graphic
                Accessible.name: screen.cameraFailed ? qsTr("高拍仪暂时不能使用")
                                 : qsTr("高拍仪画面：%1").arg(screen.materials.currentName)
                                   + (screen.photographed ? qsTr("，已拍照") : "")

                CameraPreview {
                    objectName: "cameraPreview"
                    anchors.fill: parent
                    anchors.margins: Theme.px(6)
                    visible: !screen.cameraFailed
                    feed: screen.materials.feed
                }
                Rectangle {
                    objectName: "photographedBadge"
                    visible: screen.photographed
                    anchors.top: parent.top
                    anchors.right: parent.right
                    anchors.margins: Theme.px(20)
                    width: badgeText.implicitWidth + Theme.px(40)
                    height: badgeText.implicitHeight + Theme.px(20)
                    radius: Theme.radius
                    color: Theme.primary
                    Text {
                        id: badgeText
                        anchors.centerIn: parent
                        text: qsTr("✓ 已拍照")
                        color: Theme.textOnDark
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                    }
                }
                Text {
                    visible: screen.cameraFailed
                    anchors.centerIn: parent
                    width: parent.width - Theme.px(80)
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("高拍仪暂时不能使用")
                    color: Theme.textOnDark
                    font.pixelSize: Theme.fontHuge
                    wrapMode: Text.Wrap
                    lineHeight: Theme.lineHeight
                }
            }

            BigButton {
                objectName: screen.photographed ? "retakeButton" : "captureButton"
                Layout.fillWidth: true
                visible: !screen.cameraFailed
                enabled: screen.materials.cameraState === "previewing"
                text: screen.materials.cameraState === "capturing" ? qsTr("正在拍照…")
                      : screen.photographed ? qsTr("重拍") : qsTr("拍照")
                outlined: screen.photographed
                onClicked: screen.photographed ? screen.materials.retake() : screen.materials.capture()
            }
        }

        ListView {
            objectName: "materialList"
            Layout.fillWidth: true
            Layout.preferredWidth: screen.landscape ? screen.width * 0.35 : -1
            Layout.fillHeight: screen.landscape
            Layout.preferredHeight: screen.landscape ? -1 : contentHeight
            Layout.maximumHeight: screen.landscape ? -1 : Theme.touchMin * 3.5
            clip: true
            spacing: Theme.px(8)
            model: screen.materials.entries
            delegate: Rectangle {
                id: row
                required property var modelData
                required property int index
                readonly property string stateWords: modelData.status === "photographed" ? qsTr("已拍照")
                    : modelData.status === "skipped" ? qsTr("不提供")
                    : modelData.status === "at_counter" ? qsTr("到窗口补交")
                    : modelData.required ? qsTr("必需") : qsTr("非必需")
                objectName: "material_" + index
                width: ListView.view.width
                // The text's margins (16 px each side) and the text: two lines fit.
                height: Math.max(Theme.touchMin, rowText.implicitHeight + Theme.px(32))
                radius: Theme.radius
                color: index === screen.materials.current ? Theme.primaryTint : Theme.surface
                border.width: index === screen.materials.current ? Theme.px(3) : 0
                border.color: Theme.primary
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("%1．%2，%3").arg(index + 1).arg(modelData.name).arg(stateWords)
                Accessible.onPressAction: if (enabled) screen.materials.select(index)
                Text {
                    id: rowText
                    anchors.fill: parent
                    anchors.margins: Theme.px(16)
                    verticalAlignment: Text.AlignVCenter
                    text: qsTr("%1．%2（%3）").arg(row.index + 1).arg(row.modelData.name).arg(row.stateWords)
                    color: Theme.text
                    font.pixelSize: Theme.fontBody
                    wrapMode: Text.Wrap
                    lineHeight: Theme.lineHeight
                }
                MouseArea {
                    anchors.fill: parent
                    onClicked: screen.materials.select(row.index)
                }
            }
        }
    }

    actions: [
        BigButton {
            objectName: "finishButton"
            Layout.fillWidth: true
            text: qsTr("完成")
            enabled: screen.materials.complete
            fill: enabled ? Theme.primary : Theme.textSecondary
            onClicked: screen.materials.finish()
        },
        BigButton {
            objectName: "nextMaterialButton"
            Layout.fillWidth: true
            visible: screen.materials.hasNext && !screen.cameraFailed
            text: qsTr("下一份")
            outlined: true
            onClicked: screen.materials.next()
        },
        BigButton {
            objectName: "skipButton"
            Layout.fillWidth: true
            visible: !screen.materials.currentRequired && screen.materials.currentStatus === "pending"
            text: qsTr("跳过")
            outlined: true
            onClicked: screen.materials.skip()
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
