// SPDX-License-Identifier: Apache-2.0
// Main: the kiosk's window: the top bar (region, time, 人工帮助) over a StackView of
// screens, starting at the home screen. The application connects to its signals.
pragma ComponentBehavior: Bound
import QtQml
import QtQuick
import QtQuick.Controls.Basic
import Kiosk.Ui

Window {
    id: root

    required property CatalogViewModel catalog
    /// A fixed Date for reproducible screenshots; undefined shows the live clock.
    property var clockOverride
    /// The upload's state for the top bar's staff marker; null shows nothing.
    property UplinkStatus uplink: null

    /// The citizen chose 开始办理 on an item's guide.
    signal startRequested(string code)
    /// The citizen pressed 人工帮助.
    signal helpRequested()

    width: 1080
    height: 1920
    color: Theme.background
    title: "政务服务自助终端"

    readonly property alias stack: stack
    /// True on the home screen with nothing pushed: no citizen is in the middle of anything,
    /// so a newly installed catalog may be switched in now.
    readonly property bool atHome: stack.depth === 1 && !stack.busy

    function showGuide(code) {
        stack.push(guideComponent, { itemCode: code })
    }
    function showSearch() {
        stack.push(searchComponent)
    }
    function goHome() {
        stack.pop(null)
    }

    Binding { target: Theme; property: "windowWidth"; value: root.width }
    Binding { target: Theme; property: "windowHeight"; value: root.height }

    TopBar {
        id: topBar
        objectName: "topBar"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        regionName: root.catalog ? root.catalog.regionName : ""
        clockOverride: root.clockOverride
        queueHeld: root.uplink ? root.uplink.queueHeld : false
        onHelpRequested: {
            root.helpRequested()
            helpDialog.open()
        }
    }

    StackView {
        id: stack
        objectName: "stack"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: topBar.bottom
        anchors.bottom: parent.bottom
        initialItem: homeComponent

        // Short fades: sliding screens confuse some older users, and a fade is still a cue.
        pushEnter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 150 } }
        pushExit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 150 } }
        popEnter: Transition { NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 150 } }
        popExit: Transition { NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 150 } }
    }

    Component {
        id: homeComponent
        HomeScreen {
            objectName: "homeScreen"
            catalog: root.catalog
            onItemChosen: code => root.showGuide(code)
            onSearchRequested: root.showSearch()
        }
    }

    Component {
        id: searchComponent
        SearchScreen {
            objectName: "searchScreen"
            catalog: root.catalog
            onItemChosen: code => root.showGuide(code)
            onBackRequested: stack.pop()
        }
    }

    Component {
        id: guideComponent
        GuideScreen {
            objectName: "guideScreen"
            catalog: root.catalog
            onBackRequested: stack.pop()
            onStartRequested: code => root.startRequested(code)
        }
    }

    HelpDialog {
        id: helpDialog
        objectName: "helpDialog"
    }
}
