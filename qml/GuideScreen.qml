// SPDX-License-Identifier: Apache-2.0
// GuideScreen: an item's service guide (办事指南) in large type: what it is and who handles
// it, time limit and fee, conditions, materials (必须/可选), numbered steps and the legal
// basis; then 开始办理 (for items the kiosk can do) and 返回.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk.Ui

Item {
    id: screen

    property CatalogViewModel catalog
    property string itemCode
    /// The platform cannot be reached: an item that needs it cannot be started now.
    property bool linkDown: false
    readonly property bool waitsForNetwork: found && guide.onlineRequired && linkDown
    readonly property var guide: catalog && itemCode.length > 0 ? catalog.guide(itemCode) : ({})
    readonly property bool found: guide.code !== undefined
    readonly property bool landscape: width > height
    readonly property var materials: found ? guide.materials : []
    readonly property var steps: found ? guide.process : []

    Accessible.role: Accessible.Pane
    Accessible.name: found ? guide.name : qsTr("未找到该事项")

    signal backRequested()
    signal startRequested(string code)

    Flickable {
        id: flick
        objectName: "guideFlick"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: guidePager.top
        contentHeight: page.implicitHeight + 2 * Theme.margin
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.vertical: KioskScrollBar {}

        ColumnLayout {
            id: page
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin - Theme.px(12)
            spacing: Theme.gap * 1.5

            // What the item is and who handles it.
            Column {
                Layout.fillWidth: true
                spacing: Theme.px(12)
                Text {
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                    objectName: "guideName"
                    width: parent.width
                    text: screen.found ? screen.guide.name : qsTr("未找到该事项")
                    color: Theme.text
                    font.pixelSize: Theme.fontHuge
                    font.bold: true
                    wrapMode: Text.Wrap
                    lineHeight: Theme.lineHeight
                }
                Flow {
                    width: parent.width
                    spacing: Theme.gap
                    visible: screen.found
                    KindBadge {
                        kind: screen.found ? screen.guide.kind : ""
                        text: screen.found ? screen.guide.kindLabel : ""
                    }
                    Text {
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        objectName: "guideDepartment"
                        text: screen.found ? screen.guide.department : ""
                        color: Theme.textSecondary
                        font.pixelSize: Theme.fontBody
                        height: parent.children[0].height
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }

            // Notes the citizen must see before starting.
            Repeater {
                model: screen.found ? [
                    { show: screen.guide.onlineRequired, name: "onlineNote",
                      text: (screen.waitsForNetwork
                             ? qsTr("网络中断，本事项需联网办理，现在暂不能办理。请稍后再试或到服务窗口办理。")
                             : qsTr("本事项需联网办理。网络中断时暂不能办理，请稍后再试或到服务窗口办理。"))
                            // A progress lookup: what was submitted here is not lost meanwhile.
                            + (screen.waitsForNetwork && screen.guide.kind === "query" && screen.guide.canStart
                               ? qsTr("您在本机提交的申请已安全保存，联网后会自动提交。") : "") },
                    { show: !screen.guide.canStart, name: "counterNote",
                      text: qsTr("本事项不能在自助终端办理，请按下面的指南准备材料，到服务窗口办理。") }
                ] : []
                Rectangle {
                    id: note
                    required property var modelData
                    objectName: modelData.name
                    visible: modelData.show
                    Layout.fillWidth: true
                    implicitHeight: noteText.implicitHeight + Theme.px(40)
                    radius: Theme.radius
                    color: Theme.notice
                    border.width: Theme.px(3)
                    border.color: Theme.noticeBorder
                    Text {
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        id: noteText
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.margins: Theme.px(24)
                        anchors.verticalCenter: parent.verticalCenter
                        text: note.modelData.text
                        color: Theme.noticeText
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        wrapMode: Text.Wrap
                        lineHeight: Theme.lineHeight
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                visible: screen.found
                FactBox {
                    objectName: "timeLimitFact"
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.fillHeight: true
                    label: qsTr("承诺时限")
                    value: screen.found ? screen.guide.timeLimitText : ""
                }
                FactBox {
                    objectName: "feeFact"
                    Layout.fillWidth: true
                    Layout.preferredWidth: screen.landscape ? 3 : 2
                    Layout.fillHeight: true
                    label: qsTr("收费标准")
                    value: screen.found ? screen.guide.fee : ""
                }
            }

            GridLayout {
                Layout.fillWidth: true
                visible: screen.found
                columns: screen.landscape ? 2 : 1
                columnSpacing: Theme.gap * 1.5
                rowSpacing: Theme.gap * 1.5

                GridLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    columns: 1
                    rowSpacing: Theme.gap * 1.5

                    GuideSection {
                        // Side by side with the steps, the materials go first so that both
                        // lists a citizen acts on are on screen without scrolling.
                        Layout.row: screen.landscape ? 1 : 0
                        Layout.fillWidth: true
                        title: qsTr("受理条件")
                        visible: screen.found && screen.guide.conditions.length > 0
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            objectName: "guideConditions"
                            width: parent.width
                            text: screen.found ? screen.guide.conditions : ""
                            color: Theme.text
                            font.pixelSize: Theme.fontBody
                            wrapMode: Text.Wrap
                            lineHeight: Theme.elder ? Theme.lineHeight : 1.15
                        }
                    }

                    GuideSection {
                        Layout.row: screen.landscape ? 0 : 1
                        Layout.fillWidth: true
                        title: qsTr("申请材料")
                        Repeater {
                            objectName: "materialRepeater"
                            model: screen.materials
                            Item {
                                id: material
                                required property int index
                                required property var modelData
                                objectName: "material_" + index
                                width: parent.width
                                height: Math.max(materialBadge.height, materialName.implicitHeight)
                                Rectangle {
                                    id: materialBadge
                                    objectName: "materialBadge"
                                    // Two characters in Chinese; a longer word (English) widens it.
                                    width: Math.max(Theme.px(96), badgeText.implicitWidth + Theme.px(16))
                                    height: badgeText.implicitHeight + Theme.px(8)
                                    radius: Theme.px(8)
                                    color: material.modelData.required ? Theme.help : Theme.surface
                                    border.width: material.modelData.required ? 0 : Theme.px(2)
                                    border.color: Theme.textSecondary
                                    Text {
                                        Accessible.role: Accessible.StaticText
                                        Accessible.name: text
                                        id: badgeText
                                        anchors.centerIn: parent
                                        text: material.modelData.required ? qsTr("必须") : qsTr("可选")
                                        color: material.modelData.required ? Theme.textOnDark : Theme.textSecondary
                                        font.pixelSize: Theme.fontSmall
                                        font.bold: true
                                    }
                                }
                                Text {
                                    Accessible.role: Accessible.StaticText
                                    Accessible.name: text
                                    id: materialName
                                    anchors.left: materialBadge.right
                                    anchors.leftMargin: Theme.gap
                                    anchors.right: parent.right
                                    text: material.modelData.name
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                    wrapMode: Text.Wrap
                                    lineHeight: Theme.lineHeight
                                }
                            }
                        }
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: Theme.gap * 1.5

                    GuideSection {
                        Layout.fillWidth: true
                        title: qsTr("办理流程")
                        Repeater {
                            objectName: "stepRepeater"
                            model: screen.steps
                            Item {
                                id: step
                                required property int index
                                required property var modelData
                                objectName: "step_" + index
                                width: parent.width
                                height: Math.max(stepNumber.height, stepText.implicitHeight)
                                Rectangle {
                                    id: stepNumber
                                    width: Theme.px(56)
                                    height: width
                                    radius: width / 2
                                    color: Theme.primary
                                    Text {
                                        Accessible.role: Accessible.StaticText
                                        Accessible.name: text
                                        anchors.centerIn: parent
                                        text: step.index + 1
                                        color: Theme.textOnDark
                                        font.pixelSize: Theme.fontBody
                                        font.bold: true
                                    }
                                }
                                Text {
                                    Accessible.role: Accessible.StaticText
                                    Accessible.name: text
                                    id: stepText
                                    anchors.left: stepNumber.right
                                    anchors.leftMargin: Theme.gap
                                    anchors.right: parent.right
                                    anchors.top: parent.top
                                    // One-line steps sit centred on their number; longer ones start at its top.
                                    anchors.topMargin: lineCount > 1 ? 0 : Math.max(0, (stepNumber.height - implicitHeight) / 2)
                                    text: step.modelData
                                    color: Theme.text
                                    font.pixelSize: Theme.fontBody
                                    wrapMode: Text.Wrap
                                    lineHeight: Theme.lineHeight
                                }
                            }
                        }
                    }

                    GuideSection {
                        Layout.fillWidth: true
                        title: qsTr("设定依据")
                        visible: screen.found && screen.guide.legalBasis.length > 0
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            objectName: "guideLegalBasis"
                            width: parent.width
                            text: screen.found ? screen.guide.legalBasis : ""
                            color: Theme.textSecondary
                            font.pixelSize: Theme.fontSmall
                            wrapMode: Text.Wrap
                            lineHeight: Theme.elder ? Theme.lineHeight : 1.15
                        }
                    }
                }
            }
        }
    }

    // 长辈版: the guide a page at a time.
    FlickPager {
        id: guidePager
        objectName: "guidePager"
        flickable: flick
        sideMargin: Theme.margin
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: actions.top
        height: implicitHeight
    }

    // The actions stay on screen however long the guide is.
    Rectangle {
        id: actions
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Theme.buttonHeight + 2 * Theme.px(24)
        color: Theme.surface
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: Theme.px(2)
            color: Theme.border
        }
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: Theme.margin
            anchors.rightMargin: Theme.margin
            anchors.topMargin: Theme.px(24)
            anchors.bottomMargin: Theme.px(24)
            spacing: Theme.margin
            BigButton {
                objectName: "backButton"
                Layout.fillHeight: true
                Layout.preferredWidth: startButton.visible ? Theme.px(320) : -1
                Layout.fillWidth: !startButton.visible
                text: qsTr("‹ 返回")
                outlined: true
                onClicked: screen.backRequested()
            }
            BigButton {
                id: startButton
                objectName: "startButton"
                Layout.fillHeight: true
                Layout.fillWidth: true
                visible: screen.found && screen.guide.canStart
                enabled: !screen.waitsForNetwork
                opacity: enabled ? 1 : 0.5
                text: screen.waitsForNetwork ? qsTr("网络中断，暂不能办理")
                      : screen.guide.kind === "query" ? qsTr("开始查询")
                      : screen.guide.kind === "print" ? qsTr("开始打印") : qsTr("开始办理")
                font.pixelSize: Theme.fontTitle
                onClicked: screen.startRequested(screen.itemCode)
            }
        }
    }
}
