// SPDX-License-Identifier: Apache-2.0
// HomeScreen: find an item by theme (big tiles), among the popular ones, or in the list of
// all items grouped by theme. Tapping a theme narrows the list to it; tapping an item
// opens its guide. Portrait stacks the blocks; landscape puts the list on the right.
// No `pragma ComponentBehavior: Bound` here (unlike the other screens): in Qt 6.4 it stops
// ListView from creating section delegates ("Component is not ready"). The delegates below
// reach their screen's ids instead, which qmllint would flag as unqualified access.
// qmllint disable unqualified
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk.Ui

Item {
    id: home

    property CatalogViewModel catalog
    /// Words about a code scanned here that opened nothing (a damaged receipt, an identity
    /// code): shown for a while, then the home screen is clean again for the next citizen.
    property string scanMessage: ""
    /// The theme whose items the list shows; empty shows all items.
    property string selectedTheme: ""
    readonly property bool landscape: width > height
    readonly property int popularShown: 6

    // The screen's title for a screen reader (the other screens have a JourneyScreen's).
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("首页")

    signal itemChosen(string code)
    /// The citizen tapped the search box.
    signal searchRequested()

    // The filter lives in the shared model; set it first, then show the list from its top.
    function applyThemeFilter() {
        if (home.catalog)
            home.catalog.items.themeFilter = home.selectedTheme
        itemList.positionViewAtBeginning()
    }
    onSelectedThemeChanged: applyThemeFilter()
    onCatalogChanged: applyThemeFilter()

    GridLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: home.landscape ? 2 : 1
        columnSpacing: Theme.margin
        rowSpacing: Theme.margin

        ColumnLayout {
            id: browse
            Layout.fillWidth: !home.landscape
            Layout.preferredWidth: home.landscape ? (layout.width - layout.columnSpacing) * 0.48 : -1
            Layout.fillHeight: home.landscape
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap

            SearchEntry {
                // Portrait: above everything. Landscape has no height to spare on this side,
                // so the entry heads the list column there.
                objectName: "searchEntry"
                visible: !home.landscape
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.buttonHeight
                onClicked: home.searchRequested()
            }

            SectionTitle {
                Layout.fillWidth: true
                // Level with the list's title row (as tall as its button) in landscape.
                Layout.preferredHeight: home.landscape ? Theme.touchMin : implicitHeight
                text: qsTr("按主题查找")
            }
            Grid {
                id: themeGrid
                objectName: "themeGrid"
                Layout.fillWidth: true
                columns: 4
                spacing: Theme.gap
                readonly property real tileWidth: (width - (columns - 1) * spacing) / columns

                Repeater {
                    id: themeRepeater
                    objectName: "themeRepeater"
                    model: home.catalog ? home.catalog.themes : null
                    ThemeTile {
                        required property int index
                        required name
                        required itemCount
                        objectName: "themeTile_" + index
                        width: themeGrid.tileWidth
                        // Landscape has 1080 units of height for titles, 4 rows of themes and
                        // 2 of popular items; every unit counts there.
                        height: home.landscape ? Theme.touchMin : Theme.px(100)
                        colorIndex: index
                        selected: home.selectedTheme === name
                        // A second tap on the chosen theme shows everything again.
                        onClicked: home.selectedTheme = selected ? "" : name
                    }
                }
            }

            SectionTitle {
                Layout.fillWidth: true
                Layout.topMargin: home.landscape ? 0 : Theme.gap
                text: qsTr("常用事项")
                visible: popularRepeater.count > 0
            }
            Grid {
                id: popularGrid
                objectName: "popularGrid"
                Layout.fillWidth: true
                columns: home.landscape ? 3 : 2
                spacing: Theme.gap
                readonly property real tileWidth: (width - (columns - 1) * spacing) / columns

                Repeater {
                    id: popularRepeater
                    objectName: "popularRepeater"
                    model: home.catalog ? home.catalog.popular : null
                    PopularTile {
                        required property int index
                        required property string code
                        required name
                        required kind
                        required kindLabel
                        objectName: "popularTile_" + index
                        visible: index < home.popularShown
                        width: popularGrid.tileWidth
                        height: Theme.px(home.landscape ? 104 : 100)
                        onClicked: home.itemChosen(code)
                    }
                }
            }
            Item {
                Layout.fillHeight: true
                visible: home.landscape
            }
        }

        ColumnLayout {
            id: allItems
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            SearchEntry {
                objectName: "searchEntryLandscape"
                visible: home.landscape
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.buttonHeight
                onClicked: home.searchRequested()
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchMin
                spacing: Theme.gap
                SectionTitle {
                    objectName: "listTitle"
                    Layout.fillWidth: true
                    text: qsTr("%1（%n 项）", "", itemList.count)
                          .arg(home.selectedTheme.length > 0 ? home.selectedTheme : qsTr("全部事项"))
                }
                Text {
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    // Not everyone knows that a list on a touch screen scrolls.
                    visible: !showAll.visible && itemList.contentHeight > itemList.height
                    text: qsTr("上下滑动查看更多")
                    color: Theme.textSecondary
                    font.pixelSize: Theme.fontSmall
                }
                BigButton {
                    id: showAll
                    objectName: "showAllButton"
                    visible: home.selectedTheme.length > 0
                    Layout.preferredHeight: Theme.touchMin
                    text: qsTr("显示全部事项")
                    outlined: true
                    onClicked: home.selectedTheme = ""
                }
            }

            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.px(2)
                border.color: Theme.border
                clip: true

                ListView {
                    id: itemList
                    objectName: "itemList"
                    anchors.fill: parent
                    anchors.margins: Theme.px(2)
                    clip: true
                    boundsBehavior: Flickable.StopAtBounds
                    // Rows are cheap, so no off-screen rows are built ahead in the background:
                    // that keeps the start fast, and Qt 6.4 warns when a theme tap removes a
                    // row it was still building.
                    //cacheBuffer: 0
                    model: home.catalog ? home.catalog.items : null

                    section.property: "theme"
                    section.criteria: ViewSection.FullString
                    section.labelPositioning: ViewSection.InlineLabels | ViewSection.CurrentLabelAtStart
                    section.delegate: Rectangle {
                        id: sectionHeader
                        required property string section
                        objectName: "section_" + section
                        width: ListView.view.width - scrollBar.width
                        height: Theme.px(72)
                        color: Theme.primaryTint
                        Text {
                            Accessible.role: Accessible.Heading
                            Accessible.name: text
                            anchors.left: parent.left
                            anchors.leftMargin: Theme.px(24)
                            anchors.verticalCenter: parent.verticalCenter
                            text: sectionHeader.section
                            color: Theme.primary
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                        }
                    }

                    delegate: ItemRow {
                        required property int index
                        required property string code
                        required name
                        required department
                        required kind
                        required kindLabel
                        objectName: "itemRow_" + index
                        width: ListView.view.width - scrollBar.width
                        onClicked: home.itemChosen(code)
                    }

                    ScrollBar.vertical: KioskScrollBar {
                        id: scrollBar
                    }
                }
            }
        }
    }

    ScanNotice {
        objectName: "homeScanMessage"
        text: home.scanMessage
    }
}
