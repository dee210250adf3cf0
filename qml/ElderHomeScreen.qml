// SPDX-License-Identifier: Apache-2.0
// ElderHomeScreen: the home screen in 长辈版. Fewer choices on a screen: the popular items
// first, as big rows, then search, themes and all items as three big buttons; the themes and
// the items each have a page of their own, turned with 上一页 / 下一页 (no scrolling list,
// nothing moves by itself). Which page shows is presentation only, like the standard home
// screen's theme filter: the session is at home on each, and ends the same way.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Kiosk.Ui

Item {
    id: home

    property CatalogViewModel catalog
    /// Words about a code scanned here that opened nothing (HomeScreen's scanMessage).
    property string scanMessage: ""
    /// start | themes | items
    property string page: "start"
    /// The theme whose items the items page shows; empty shows all items.
    property string selectedTheme: ""
    readonly property bool landscape: width > height
    readonly property int popularShown: landscape ? 3 : 4

    signal itemChosen(string code)
    signal searchRequested()

    /// What the narrator says for the page shown (Main.qml passes it to Spoken.qml): the themes
    /// or items on the page, read out for whoever cannot see them, and where the page stands.
    /// "" on the start page, where the home screen's summary serves.
    readonly property string spokenPage: page === "themes" ? themesSpoken()
                                       : page === "items" ? itemsSpoken() : ""

    Accessible.role: Accessible.Pane
    Accessible.name: page === "themes" ? qsTr("按主题查找")
                   : page === "items" ? listTitle.text : qsTr("首页")

    function showItems(theme) {
        selectedTheme = theme
        if (catalog)
            catalog.items.themeFilter = theme
        itemPages.toFirstPage()
        page = "items"
    }
    function back() {
        page = page === "items" && selectedTheme.length > 0 ? "themes" : "start"
    }
    Component.onCompleted: if (catalog) catalog.items.themeFilter = ""

    function pageSpoken(page, pageCount) {
        return pageCount > 1 ? qsTr("第%1页，共%2页").arg(page + 1).arg(pageCount) : ""
    }
    function themesSpoken() {
        const first = themeTurner.page * themeGrid.perPage
        const last = Math.min(themeRepeater.count, first + themeGrid.perPage)
        const names = []
        for (let i = first; i < last; ++i) {
            const tile = themeRepeater.itemAt(i) as ThemeTile
            if (tile)
                names.push(tile.name)
        }
        return Spoken.join([qsTr("按主题查找"), pageSpoken(themeTurner.page, themeTurner.pageCount),
                            qsTr("本页的主题有：%1").arg(names.join("、")),
                            qsTr("请点选主题，或点“返回”回到首页")])
    }
    function itemsSpoken() {
        if (!catalog)
            return ""
        const first = itemPages.page * itemPages.perPage
        const last = Math.min(itemPages.count, first + itemPages.perPage)
        const names = []
        for (let i = first; i < last; ++i)
            names.push(catalog.items.get(i).name)
        return Spoken.join([listTitle.text, pageSpoken(itemPages.page, itemPages.pageCount),
                            qsTr("本页的事项有：%1").arg(names.join("、")),
                            qsTr("请点选要办理的事项")])
    }

    // --- the start page: popular items, then the ways to find the others -------------------
    GridLayout {
        id: start
        objectName: "elderStartPage"
        visible: home.page === "start"
        anchors.fill: parent
        anchors.margins: Theme.margin
        columns: home.landscape ? 2 : 1
        columnSpacing: Theme.margin
        rowSpacing: Theme.gap

        ColumnLayout {
            // Landscape: half the width; the other half holds the search box's words whole.
            Layout.fillWidth: !home.landscape
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: home.landscape ? (start.width - start.columnSpacing) * 0.5 : -1
            spacing: Theme.gap
            SectionTitle {
                Layout.fillWidth: true
                text: qsTr("常用事项")
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: popularColumn.height + 2 * border.width
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.px(2)
                border.color: Theme.border
                clip: true
                Column {
                    id: popularColumn
                    x: parent.border.width
                    y: parent.border.width
                    width: parent.width - 2 * parent.border.width
                    Repeater {
                        model: home.catalog ? home.catalog.popular : null
                        ItemRow {
                            required property int index
                            required property string code
                            required name
                            required department
                            required kind
                            required kindLabel
                            objectName: "elderPopularRow_" + index
                            visible: index < home.popularShown
                            width: popularColumn.width
                            height: Theme.px(home.landscape ? 230 : 180)
                            onClicked: home.itemChosen(code)
                        }
                    }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.gap
            SectionTitle {
                Layout.fillWidth: true
                text: qsTr("查找其他事项")
            }
            SearchEntry {
                objectName: "elderSearchEntry"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.buttonHeight
                onClicked: home.searchRequested()
            }
            BigButton {
                objectName: "elderThemesButton"
                Layout.fillWidth: true
                text: qsTr("按主题查找")
                onClicked: home.page = "themes"
            }
            BigButton {
                objectName: "elderAllItemsButton"
                Layout.fillWidth: true
                text: qsTr("全部事项（%1 项）").arg(home.catalog ? home.catalog.itemCount : 0)
                onClicked: home.showItems("")
            }
        }
    }

    // --- the themes, a page of tiles at a time ----------------------------------------------
    ColumnLayout {
        id: themesPage
        objectName: "elderThemesPage"
        visible: home.page === "themes"
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "elderThemesBackButton"
                text: qsTr("‹ 返回")
                outlined: true
                onClicked: home.back()
            }
            SectionTitle {
                Layout.fillWidth: true
                text: qsTr("按主题查找")
            }
        }
        Grid {
            id: themeGrid
            objectName: "elderThemeGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: home.landscape ? 3 : 2
            spacing: Theme.gap
            readonly property int tileHeight: Theme.px(150)
            readonly property real tileWidth: (width - (columns - 1) * spacing) / columns
            readonly property int rows: Math.max(1, Math.floor((height + spacing) / (tileHeight + spacing)))
            readonly property int perPage: rows * columns
            Repeater {
                id: themeRepeater
                model: home.catalog ? home.catalog.themes : null
                ThemeTile {
                    required property int index
                    required name
                    required itemCount
                    objectName: "elderThemeTile_" + index
                    // Grid places only the visible tiles: this page's.
                    visible: Math.floor(index / themeGrid.perPage) === themeTurner.page
                    width: themeGrid.tileWidth
                    height: themeGrid.tileHeight
                    colorIndex: index
                    onClicked: home.showItems(name)
                }
            }
        }
        PageTurner {
            id: themeTurner
            objectName: "themePageTurner"
            Layout.fillWidth: true
            pageCount: Math.max(1, Math.ceil(themeRepeater.count / themeGrid.perPage))
        }
    }

    // --- the items of a theme (or all), a page at a time ------------------------------------
    ColumnLayout {
        objectName: "elderItemsPage"
        visible: home.page === "items"
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "elderItemsBackButton"
                text: qsTr("‹ 返回")
                outlined: true
                onClicked: home.back()
            }
            SectionTitle {
                id: listTitle
                objectName: "elderListTitle"
                Layout.fillWidth: true
                text: (home.selectedTheme.length > 0 ? home.selectedTheme : qsTr("全部事项"))
                      + qsTr("（%1 项）").arg(itemPages.count)
            }
        }
        PagedItemList {
            id: itemPages
            objectName: "elderItemPages"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: home.catalog ? home.catalog.items : null
            onItemChosen: code => home.itemChosen(code)
        }
    }

    ScanNotice {
        objectName: "homeScanMessage"
        text: home.scanMessage
    }
}
