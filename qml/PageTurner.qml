// SPDX-License-Identifier: Apache-2.0
// PageTurner: 上一页 / 第 2 / 5 页 / 下一页 under a paged list (长辈版). Turning a page is a tap
// on a big button, never a swipe: a list that scrolls is hard to follow for older eyes and
// hands, and nothing moves by itself.
import QtQuick

Item {
    id: turner

    /// 0-based page shown, and how many there are.
    property int page: 0
    property int pageCount: 1

    implicitHeight: Theme.buttonHeight
    visible: pageCount > 1

    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("翻页")

    BigButton {
        id: previous
        objectName: "previousPageButton"
        anchors.left: parent.left
        width: Math.max(implicitWidth, Math.min(Theme.px(360), (parent.width - Theme.gap * 2) / 3))
        height: parent.height
        text: qsTr("上一页")
        outlined: true
        // Gone on the first page rather than greyed: faint words are hard to read.
        visible: turner.page > 0
        onClicked: turner.page -= 1
    }
    Text {
        objectName: "pageNumber"
        anchors.centerIn: parent
        // Where the buttons leave no room (a narrow column), the buttons matter more.
        visible: parent.width >= 2 * Math.max(Theme.px(360), previous.implicitWidth) + implicitWidth
                                 + 2 * Theme.gap
        text: qsTr("第 %1 / %2 页").arg(turner.page + 1).arg(turner.pageCount)
        color: Theme.text
        font.pixelSize: Theme.fontBody
        font.bold: true
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }
    BigButton {
        objectName: "nextPageButton"
        anchors.right: parent.right
        width: Math.max(implicitWidth, Math.min(Theme.px(360), (parent.width - Theme.gap * 2) / 3))
        height: parent.height
        text: qsTr("下一页")
        visible: turner.page < turner.pageCount - 1
        onClicked: turner.page += 1
    }
}
