// SPDX-License-Identifier: Apache-2.0
// Main: the top bar's help button, and home -> guide -> back through the StackView.
import QtQuick
import QtTest
import Kiosk.Ui

Item {
    id: root

    Component {
        id: mainComponent
        Main {}
    }

    SignalSpy {
        id: helpSpy
        signalName: "helpRequested"
    }

    Component {
        id: topBarComponent
        TopBar {}
    }

    SignalSpy {
        id: barHelpSpy
        signalName: "helpRequested"
    }

    SignalSpy {
        id: ackSpy
        signalName: "helpAcknowledged"
    }

    TestCase {
        name: "Main"
        when: windowShown

        function createMain() {
            fixtureSession.end()
            const main = createTemporaryObject(mainComponent, null, {
                catalog: fixtureCatalog,
                session: fixtureSession,
                clockOverride: new Date(2026, 10, 24, 9, 30)
            })
            verify(main)
            main.show()
            tryVerify(() => main.visible)
            waitForRendering(main.contentItem)
            helpSpy.clear()
            helpSpy.target = main
            return main
        }

        function waitForScreen(main, name) {
            tryVerify(() => !main.stack.busy && main.stack.currentItem.objectName === name, 5000,
                      "screen " + name + " (now " + main.stack.currentItem.objectName + ")")
            verify(fixtureFrames.waitForLayout(main), "screen " + name + " laid out")
            return main.stack.currentItem
        }

        function test_top_bar_shows_region_and_fixed_clock() {
            const main = createMain()
            compare(findChild(main.contentItem, "clockTime").text, "09:30")
            verify(textOf(findChild(main.contentItem, "topBar")).indexOf("绵阳市涪城区") >= 0)
        }

        function textOf(item) {
            let texts = []
            if (item.text !== undefined)
                texts.push(item.text)
            for (let i = 0; i < item.children.length; ++i)
                texts = texts.concat(textOf(item.children[i]))
            return texts
        }

        function test_help_button_calls_staff_and_says_so() {
            const main = createMain()
            const help = findChild(main.contentItem, "helpButton")
            verify(help.height >= Theme.touchMin)
            mouseClick(help)
            compare(helpSpy.count, 1)
            const dialog = findChild(main, "helpDialog")
            tryVerify(() => dialog.opened)
        }

        function test_staff_acknowledge_a_call_by_holding_the_help_button() {
            const bar = createTemporaryObject(topBarComponent, root, { width: 1080 })
            barHelpSpy.target = bar
            ackSpy.target = bar
            const help = findChild(bar, "helpButton")
            // No call open: a long press by a citizen still calls staff.
            mousePress(help)
            wait(1000)
            mouseRelease(help)
            compare(barHelpSpy.count, 1)
            compare(ackSpy.count, 0)
            // A call is open: staff hold the button three seconds, and no new call is made.
            bar.helpCalled = true
            mousePress(help)
            wait(1500)
            compare(ackSpy.count, 0)
            wait(1800)
            mouseRelease(help)
            compare(ackSpy.count, 1)
            compare(barHelpSpy.count, 1)
            // A short tap while waiting: the citizen asks again (the dialog shows again).
            mouseClick(help)
            compare(barHelpSpy.count, 2)
            compare(ackSpy.count, 1)
        }

        function test_item_opens_guide_and_back_returns_home() {
            const main = createMain()
            const stack = main.stack
            compare(stack.currentItem.objectName, "homeScreen")
            mouseClick(findChild(stack.currentItem, "popularTile_0"))
            waitForScreen(main, "guideScreen")
            compare(fixtureSession.screen, "guide") // the session moved; the screen followed
            const guide = stack.currentItem
            compare(findChild(guide, "guideName").text, "社会保险个人参保证明打印")

            mouseClick(findChild(guide, "backButton"))
            waitForScreen(main, "homeScreen")
            compare(fixtureSession.screen, "home")
            verify(main.atHome)
        }

        function test_the_screen_follows_the_session_not_the_other_way() {
            const main = createMain()
            fixtureSession.chooseItem("11510703060000000X400009003")
            waitForScreen(main, "guideScreen")
            verify(!main.atHome) // a citizen is reading a guide: no catalog switch now
            fixtureSession.end()
            waitForScreen(main, "homeScreen")
            verify(main.atHome)
        }

        function test_search_entry_opens_search_and_a_hit_opens_the_guide() {
            const main = createMain()
            const stack = main.stack
            verify(main.atHome)
            mouseClick(findChild(stack.currentItem, "searchEntry"))
            waitForScreen(main, "searchScreen")
            verify(!main.atHome) // a citizen is searching: no catalog switch now
            const search = stack.currentItem
            for (const letter of "JSZ")
                mouseClick(findChild(search, "key_" + letter))
            const results = findChild(search, "searchResults")
            tryCompare(results, "count", 1)
            waitForRendering(results)
            mouseClick(findChild(results, "searchRow_0"))
            waitForScreen(main, "guideScreen")
            compare(findChild(stack.currentItem, "guideName").text, "机动车驾驶证补领")
            mouseClick(findChild(stack.currentItem, "backButton")) // back to the search
            waitForScreen(main, "searchScreen")
            main.goHome()
            tryVerify(() => main.atHome)
        }
    }
}
