// SPDX-License-Identifier: Apache-2.0
// Main: the kiosk's window: the top bar (region, time, 人工帮助) over the screen the session
// names (session.screen). Main decides nothing about where the citizen is: it shows the
// screen for the session's state and forwards taps to the session, which moves on.
pragma ComponentBehavior: Bound
import QtQml
import QtQuick
import QtQuick.Controls.Basic
import Kiosk.Ui

Window {
    id: root

    required property CatalogViewModel catalog
    required property SessionViewModel session
    /// A fixed Date for reproducible screenshots; undefined shows the live clock.
    property var clockOverride
    /// No animation runs by itself (screenshots: the same picture every time).
    property bool stillFrames: false
    /// The upload's state for the top bar's staff marker; null shows nothing.
    property UplinkStatus uplink: null
    /// The technicians' screens (README, Maintenance access); null: the gesture does nothing.
    property MaintenanceViewModel maintenance: null
    /// Reads each screen aloud while the session's voice is on (语音播报); null: silent.
    property Narrator narrator: null

    /// The citizen pressed 人工帮助.
    signal helpRequested()
    signal helpAcknowledged()
    /// 重听: the screen's summary is to be spoken again.
    signal repeatRequested()

    width: 1080
    height: 1920
    color: Theme.background
    title: qsTr("政务服务自助终端")

    readonly property alias stack: stack
    /// True on the home screen with nobody served (the session's own state) and no screen
    /// change under way: a newly installed catalog may be switched in now.
    readonly property bool atHome: session.idle && !switching
    /// A screen change under way (the stack's fade where a GPU draws): tests wait for it to end,
    /// then for the new screen's layout (fixtureFrames.waitForLayout).
    readonly property bool switching: stack.busy
    /// The screen and item shown, to notice when the session names another.
    property string shownKey: "home"

    // Back home with nobody served: the JavaScript heap lets go of the citizen's strings now,
    // not at some later collection, and freed they are overwritten (base/heap_scrubbing.h).
    // A moment after the screen change, once the screens that showed them are destroyed.
    onAtHomeChanged: if (atHome) collectAfterSession.restart()
    Timer {
        id: collectAfterSession
        interval: 250
        onTriggered: gc()
    }

    // Shortcuts for tests and screenshots: they ask the session, like the screens' taps do.
    function showGuide(code) { session.chooseItem(code) }
    function showSearch() { session.openSearch() }
    function goHome() { session.end() }

    function componentFor(screen) {
        switch (screen) {
        case "search": return searchComponent
        case "guide": return guideComponent
        case "identify": return identifyComponent
        case "manual_identity": return manualIdentityComponent
        case "form": return formComponent
        case "materials": return materialsComponent
        case "confirm": return confirmComponent
        case "submitted": return submittedComponent
        case "rating": return ratingComponent
        case "finished": return finishedComponent
        case "progress": return progressComponent
        case "document": return documentComponent
        default: return session.elderMode ? elderHomeComponent : homeComponent
        }
    }
    function showSessionScreen() {
        // The item matters from the guide on; home is one screen whatever was chosen before,
        // in each mode (长辈版 has a home screen of its own; the others follow Theme.elder).
        const key = session.screen === "home" ? (session.elderMode ? "home/elder" : "home")
                                              : session.screen + "/" + session.itemCode
        if (key === shownKey)
            return
        shownKey = key
        const properties = session.screen === "guide" ? { itemCode: session.itemCode } : {}
        stack.replace(null, componentFor(session.screen), properties)
    }
    Connections {
        target: root.session
        function onChanged() { root.showSessionScreen() }
    }
    // A session may be further on than the stack's first screen (长辈版 chosen before).
    Component.onCompleted: showSessionScreen()

    Binding { target: Theme; property: "windowWidth"; value: root.width }
    Binding { target: Theme; property: "windowHeight"; value: root.height }
    Binding { target: Theme; property: "animate"; value: !root.stillFrames }
    Binding { target: Theme; property: "elder"; value: root.session.elderMode }

    // Voice: the screen's summary (Spoken.qml) is said when it changes (another screen, or new
    // words on it such as the receipt's state), again on 重听, and when voice is switched on.
    // A new text interrupts the one being spoken; voice off (also at the session's end, when
    // the preferences are wiped) stops it.
    readonly property string spokenSummary: root.narrator ? Spoken.summaryFor(root.session, root.elderHome ? root.elderHome.spokenPage : "") : ""
    /// The 长辈版 home screen when it is the current one: its pages have words of their own.
    readonly property ElderHomeScreen elderHome: stack.currentItem as ElderHomeScreen
    function speakSummary() {
        if (root.narrator && root.session.voiceOn)
            root.narrator.say(root.spokenSummary)
    }
    onSpokenSummaryChanged: speakSummary()
    onRepeatRequested: speakSummary()
    Binding {
        target: root.narrator
        when: root.narrator !== null
        property: "voiceOn"
        value: root.session.voiceOn
    }
    Binding {
        target: root.narrator
        when: root.narrator !== null
        property: "language"
        value: root.session.language
    }
    Connections {
        target: root.narrator
        function onVoiceOnChanged() { root.speakSummary() }
    }

    Item {
        anchors.fill: parent
        // Under the maintenance screens nothing is shown to a screen reader or a finger.
        visible: !maintenanceOverlay.visible

        // Any touch anywhere is activity: the session's idle timer starts again. A point
        // handler only watches (a passive grab); the screens still get their taps.
        PointHandler {
            onActiveChanged: if (active) root.session.touched()
        }

        TopBar {
            id: topBar
            objectName: "topBar"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            regionName: root.catalog ? root.catalog.regionName : ""
            clockOverride: root.clockOverride
            queueHeld: root.uplink ? root.uplink.queueHeld : false
            helpCalled: root.session.helpCalled
            linkDown: root.uplink ? root.uplink.linkDown : false
            onHelpRequested: {
                root.helpRequested()
                helpDialog.open()
            }
            onHelpAcknowledged: root.helpAcknowledged()
            // Only on the home screen with nobody served: a citizen's session is never
            // interrupted and none of its data is ever behind the maintenance screen.
            onMaintenanceGesture: if (root.atHome && root.maintenance) root.maintenance.requestAccess()
        }

        // 长辈版, voice, 重听, language: in the top bar's band in landscape (height is short
        // there, above all in 长辈版), on a strip of their own under the bar in portrait.
        Item {
            id: accessStrip
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: topBar.bottom
            readonly property bool inBand: Theme.landscape
            height: inBand ? 0 : accessBar.implicitHeight
        }
        AccessBar {
            id: accessBar
            objectName: "accessBar"
            parent: accessStrip.inBand ? topBar.middleSlot : accessStrip
            anchors.fill: parent
            inBand: accessStrip.inBand
            elder: root.session.elderMode
            voiceOn: root.session.voiceOn
            language: root.session.language
            onElderToggled: root.session.setElderMode(!root.session.elderMode)
            onVoiceToggled: root.session.setVoiceOn(!root.session.voiceOn)
            onLanguageToggled: root.session.setLanguage(root.session.language === "en_US" ? "zh_CN" : "en_US")
            onRepeatRequested: root.repeatRequested()
        }

        StackView {
            id: stack
            objectName: "stack"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: accessStrip.bottom
            anchors.bottom: parent.bottom
            initialItem: homeComponent

            // Short fades: sliding screens confuse some older users, and a fade is still a cue.
            // Only where a GPU draws: the software renderer (a kiosk without one, QEMU) draws on
            // the GUI thread, and a frame of two blended full screens took 15 ms at the median
            // and 49 ms at worst at 1080x1920 (tests/bench/journey_stall_bench), against 2.5 ms
            // for the new screen alone: past the GUI thread's 16 ms budget, so the screen changes
            // at once there.
            readonly property bool fades: GraphicsInfo.api !== GraphicsInfo.Software
            replaceEnter: fades ? fadeIn : null
            replaceExit: fades ? fadeOut : null
            Transition {
                id: fadeIn
                NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 150 }
            }
            Transition {
                id: fadeOut
                NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 150 }
            }
        }
    }

    Component {
        id: homeComponent
        HomeScreen {
            objectName: "homeScreen"
            catalog: root.catalog
            scanMessage: root.session.message
            onItemChosen: code => root.session.chooseItem(code)
            onSearchRequested: root.session.openSearch()
        }
    }

    Component {
        id: elderHomeComponent
        ElderHomeScreen {
            objectName: "homeScreen"
            catalog: root.catalog
            scanMessage: root.session.message
            onItemChosen: code => root.session.chooseItem(code)
            onSearchRequested: root.session.openSearch()
        }
    }

    Component {
        id: searchComponent
        SearchScreen {
            objectName: "searchScreen"
            catalog: root.catalog
            scanMessage: root.session.message
            onItemChosen: code => root.session.chooseItem(code)
            onBackRequested: root.session.back()
        }
    }

    Component {
        id: guideComponent
        GuideScreen {
            objectName: "guideScreen"
            catalog: root.catalog
            linkDown: root.uplink ? root.uplink.linkDown : false
            onBackRequested: root.session.back()
            onStartRequested: root.session.startApplying()
        }
    }

    Component {
        id: identifyComponent
        IdentifyScreen { objectName: "identifyScreen"; session: root.session }
    }
    Component {
        id: manualIdentityComponent
        ManualIdentityScreen { objectName: "manualIdentityScreen"; session: root.session }
    }
    Component {
        id: formComponent
        FormScreen { objectName: "formScreen"; session: root.session }
    }
    Component {
        id: materialsComponent
        MaterialsScreen { objectName: "materialsScreen"; session: root.session }
    }
    Component {
        id: confirmComponent
        ConfirmScreen { objectName: "confirmScreen"; session: root.session }
    }
    Component {
        id: submittedComponent
        SubmittedScreen { objectName: "submittedScreen"; session: root.session }
    }
    Component {
        id: ratingComponent
        RatingScreen { objectName: "ratingScreen"; session: root.session }
    }
    Component {
        id: finishedComponent
        FinishedScreen { objectName: "finishedScreen"; session: root.session }
    }

    Component {
        id: progressComponent
        ProgressScreen { objectName: "progressScreen"; session: root.session }
    }
    Component {
        id: documentComponent
        DocumentScreen { objectName: "documentScreen"; session: root.session }
    }

    HelpDialog {
        id: helpDialog
        objectName: "helpDialog"
    }

    IdlePrompt {
        objectName: "idlePrompt"
        session: root.session
    }

    MaintenanceOverlay {
        id: maintenanceOverlay
        objectName: "maintenanceOverlay"
        anchors.fill: parent
        maintenance: root.maintenance
    }
}
