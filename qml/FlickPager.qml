// SPDX-License-Identifier: Apache-2.0
// FlickPager: a long screen (a guide, the confirmation, a list of results) a page at a time in
// 长辈版: the flickable stops scrolling under the finger and 上一页 / 下一页 move it by its own
// height, less a line's overlap so the reader keeps their place. In the standard mode, and
// where everything fits, it takes no room and the flickable scrolls as before.
import QtQuick

Item {
    id: pager

    /// The Flickable (or ListView) it turns.
    property Flickable flickable
    /// Turning pages: 长辈版, and the content does not fit. Set a moment after a change, not
    /// bound: the pager's own height takes from the flickable's, which would loop back here.
    property bool active: false
    function update() {
        const f = flickable
        // The room the flickable has without the pager (its height shrinks while active).
        const room = f ? f.height + (active ? implicitHeight : 0) : 0
        active = Theme.elder && f !== null && f.visible && f.contentHeight > room + 1
    }
    Connections {
        target: pager.flickable
        function onContentHeightChanged() { settle.restart() }
        function onHeightChanged() { settle.restart() }
        function onVisibleChanged() { settle.restart() }
    }
    Connections {
        target: Theme
        function onElderChanged() { settle.restart() }
    }
    Component.onCompleted: settle.restart()
    Timer {
        id: settle
        interval: 0
        onTriggered: pager.update()
    }
    /// How far a page moves: the view's height less a line of overlap.
    readonly property real step: flickable ? Math.max(1, flickable.height - Theme.px(72)) : 1
    readonly property alias page: turner.page
    /// Room left and right of the buttons (none inside a layout that has its own margins).
    property int sideMargin: Theme.margin

    implicitHeight: active ? turner.implicitHeight + 2 * Theme.gap : 0
    visible: active

    Binding {
        when: pager.flickable !== null
        target: pager.flickable
        property: "interactive"
        value: !pager.active
    }

    PageTurner {
        id: turner
        objectName: "flickPageTurner"
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
