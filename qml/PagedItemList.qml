// SPDX-License-Identifier: Apache-2.0
// PagedItemList: items a page at a time (长辈版): as many whole rows as the height holds (two
// columns of them where the screen is wide), turned with the PageTurner below them. The rows
// are the ItemRows of the standard list, at a fixed height so a page is always whole.
pragma ComponentBehavior: Bound
import QtQuick
import Kiosk.Ui

Column {
    id: paged

    /// A CatalogModel (its code, name, department, kind and kindLabel roles).
    property var model
    readonly property int columns: width > Theme.px(1400) ? 2 : 1
    // Two lines of department fit in 长辈版 (ItemRow wraps it there), and two of name as well
    // in a half-width column.
    readonly property int rowHeight: Theme.px(!Theme.elder ? 130 : columns === 2 ? 290 : 230)
    readonly property int rowsPerPage: Math.max(1, Math.floor((height - turner.height - spacing) / rowHeight))
    readonly property int perPage: rowsPerPage * columns
    readonly property int count: list.count
    readonly property alias page: turner.page
    readonly property alias pageCount: turner.pageCount

    signal itemChosen(string code)

    spacing: Theme.gap

    /// Back to the first page (a new theme chosen).
    function toFirstPage() { turner.page = 0 }

    Rectangle {
        width: parent.width
        height: paged.rowsPerPage * paged.rowHeight + 2 * border.width
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.px(2)
        border.color: Theme.border
        clip: true

        GridView {
            id: list
            objectName: "pagedItemList"
            anchors.fill: parent
            anchors.margins: parent.border.width
            interactive: false
            model: paged.model
            cellWidth: width / paged.columns
            cellHeight: paged.rowHeight
            contentY: turner.page * paged.rowsPerPage * paged.rowHeight
            delegate: ItemRow {
                required property int index
                required property string code
                required name
                required department
                required kind
                required kindLabel
                objectName: "pagedItemRow_" + index
                width: list.cellWidth
                height: paged.rowHeight
                onClicked: paged.itemChosen(code)
            }
        }
    }

    PageTurner {
        id: turner
        objectName: "itemPageTurner"
        width: parent.width
        pageCount: Math.max(1, Math.ceil(list.count / paged.perPage))
        onPageCountChanged: if (page >= pageCount) page = pageCount - 1
    }
}
