// SPDX-License-Identifier: Apache-2.0
// FlickPager: a long screen (a guide, the form, the confirmation, a list of results) a page at a
// time in 长辈版: the flickable stops scrolling under the finger and 上一页 / 下一页 below it move
// it by its own height, less a line's overlap so the reader keeps their place. In 长辈版 the
// strip keeps its room even when everything fits (then it is empty): were its height to follow
// whether paging is needed, the flickable's height would too, and back (a binding loop). In
// the standard mode it takes no room and the flickable scrolls.
import QtQuick

Item {
    id: pager

    /// The Flickable (or ListView) it turns.
    property Flickable flickable
    readonly property bool active: Theme.elder && flickable !== null && flickable.visible
                                   && flickable.contentHeight > flickable.height + 1
    /// How far a page moves: the view's height less a line of overlap.
    readonly property real step: flickable ? Math.max(1, flickable.height - Theme.px(72)) : 1
    readonly property alias page: turner.page
    /// Room left and right of the buttons (none inside a layout that has its own margins).
    property int sideMargin: 0

    /// 长辈版 and a flickable on show (its visibility does not depend on the pager).
    readonly property bool reserves: Theme.elder && flickable !== null && flickable.visible
    implicitHeight: reserves ? turner.implicitHeight + 2 * Theme.gap : 0
    visible: reserves

    Binding {
        when: pager.flickable !== null
        target: pager.flickable
        property: "interactive"
        value: !pager.active
    }

    PageTurner {
        id: turner
        objectName: "flickPageTurner"
        visible: pager.active
        anchors.fill: parent
        anchors.leftMargin: pager.sideMargin
        anchors.rightMargin: pager.sideMargin
        anchors.topMargin: Theme.gap
        anchors.bottomMargin: Theme.gap
        pageCount: pager.active
                   ? 1 + Math.ceil((pager.flickable.contentHeight - pager.flickable.height) / pager.step)
                   : 1
        onPageChanged: {
            const f = pager.flickable
            f.contentY = f.originY + Math.min(page * pager.step, f.contentHeight - f.height)
        }
    }
    // Back to the top when the mode changes or the content is replaced.
    onActiveChanged: turner.page = 0
}
