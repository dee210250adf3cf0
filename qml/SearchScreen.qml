// SPDX-License-Identifier: Apache-2.0
// SearchScreen: find an item by typing pinyin or its initials on big on-screen keys (for
// example "sbcx" or "shebao" for 社保查询). Hits appear as the citizen types, name matches and
// popular items first; an item found through one of the catalog's synonyms says which
// ("社保 → 社会保险"); a tap opens the guide.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk.Ui

Item {
    id: screen

    property CatalogViewModel catalog
    /// Words about a scanned code that opened nothing (ScanNotice).
    property string scanMessage: ""
    /// What the citizen typed; the view-model searches on every change.
    property string query: ""
    readonly property int hitCount: catalog ? catalog.searchResults.count : 0

    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("搜索事项")

    signal itemChosen(string code)
    signal backRequested()

    onQueryChanged: if (catalog) catalog.query = query
    onCatalogChanged: if (catalog) catalog.query = query
    Component.onDestruction: if (catalog) catalog.query = ""

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            BigButton {
                objectName: "searchBackButton"
                text: qsTr("‹ 返回")
                outlined: true
                onClicked: screen.backRequested()
            }
            Rectangle {
                // The typed letters, shown large; a hint while empty.
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.buttonHeight
                radius: Theme.radius
                color: Theme.surface
                border.width: Theme.px(3)
                border.color: Theme.primary
                Text {
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    objectName: "queryText"
                    anchors.fill: parent
                    anchors.leftMargin: Theme.px(24)
                    verticalAlignment: Text.AlignVCenter
                    text: screen.query.length > 0 ? screen.query.toUpperCase() : qsTr("输入拼音或首字母，如 SBCX")
                    color: screen.query.length > 0 ? Theme.text : Theme.textSecondary
                    font.pixelSize: screen.query.length > 0 ? Theme.fontTitle : Theme.fontBody
                    font.bold: screen.query.length > 0
                    elide: Text.ElideLeft
                }
            }
        }

        SectionTitle {
            objectName: "searchTitle"
            Layout.fillWidth: true
            text: screen.query.length === 0 ? qsTr("搜索事项")
                  : (screen.hitCount > 0 ? qsTr("找到 %n 项", "", screen.hitCount)
                                          : qsTr("没有找到，请换个说法或按主题查找"))
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
                id: results
                objectName: "searchResults"
                anchors.fill: parent
                anchors.margins: Theme.px(2)
                clip: true
                // No cache buffer: its rows were made asynchronously between frames, and the
                // next letter's results cancelled them half-made (Qt's "DelegateModel::cancel:
                // index out range"). Rows coming into view are made at once all the same.
                cacheBuffer: 0
                boundsBehavior: Flickable.StopAtBounds
                model: screen.catalog ? screen.catalog.searchResults : null
                delegate: ItemRow {
                    required property int index
                    required property string code
                    required name
                    required department
                    required kind
                    required kindLabel
                    required synonymTerm
                    required synonymMeaning
                    objectName: "searchRow_" + index
                    width: ListView.view.width - resultsBar.width
                    onClicked: screen.itemChosen(code)
                }
                ScrollBar.vertical: KioskScrollBar {
                    id: resultsBar
                }
            }
        }
        FlickPager {
            objectName: "searchResultsPager"
            flickable: results
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
        }

        LetterKeyboard {
            id: keyboard
            objectName: "letterKeyboard"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            text: screen.query
            onLetter: value => screen.query += value
            onBackspace: screen.query = screen.query.slice(0, -1)
            onClear: screen.query = ""
        }
    }

    ScanNotice {
        objectName: "searchScanMessage"
        text: screen.scanMessage
    }
}
