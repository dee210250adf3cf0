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
    SignalSpy {
        id: startSpy
        signalName: "startRequested"
    }

    TestCase {
        name: "Main"
        when: windowShown

        function createMain() {
            const main = createTemporaryObject(mainComponent, null, {
                catalog: fixtureCatalog,
                clockOverride: new Date(2026, 10, 24, 9, 30)
            })
            verify(main)
            main.show()
            tryVerify(() => main.visible)
            waitForRendering(main.contentItem)
            helpSpy.clear()
            helpSpy.target = main
            startSpy.clear()
            startSpy.target = main
            return main
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

        function test_item_opens_guide_and_back_returns_home() {
            const main = createMain()
            const stack = main.stack
            const home = stack.currentItem
            compare(home.objectName, "homeScreen")
            mouseClick(findChild(home, "popularTile_0"))
            tryVerify(() => !stack.busy && stack.depth === 2)
            const guide = stack.currentItem
            compare(guide.objectName, "guideScreen")
            compare(findChild(guide, "guideName").text, "社会保险个人参保证明打印")

            mouseClick(findChild(guide, "startButton"))
            compare(startSpy.count, 1)
            compare(startSpy.signalArguments[0][0], "11510703060000000X400009001")

            mouseClick(findChild(guide, "backButton"))
            tryVerify(() => !stack.busy && stack.depth === 1)
            compare(stack.currentItem, home)
        }

        function test_search_entry_opens_search_and_a_hit_opens_the_guide() {
            const main = createMain()
            const stack = main.stack
            verify(main.atHome)
            mouseClick(findChild(stack.currentItem, "searchEntry"))
            tryVerify(() => !stack.busy && stack.depth === 2)
            verify(!main.atHome) // a citizen is searching: no catalog switch now
            const search = stack.currentItem
            compare(search.objectName, "searchScreen")
            for (const letter of "JSZ")
                mouseClick(findChild(search, "key_" + letter))
            const results = findChild(search, "searchResults")
            tryCompare(results, "count", 1)
            waitForRendering(results)
            mouseClick(findChild(results, "searchRow_0"))
            tryVerify(() => !stack.busy && stack.depth === 3)
            compare(findChild(stack.currentItem, "guideName").text, "机动车驾驶证补领")
            main.goHome()
            tryVerify(() => main.atHome)
        }
    }
}
