// SPDX-License-Identifier: Apache-2.0
// The staff marker of a held upload queue: shown under the top bar only while UplinkStatus
// says the queue is held, calm and not interactive, and the screens stay usable below it.
import QtQuick
import QtTest
import Kiosk.Ui

Item {
    id: root

    Component {
        id: mainComponent
        Main {}
    }
    Component {
        id: statusComponent
        UplinkStatus {}
    }

    SignalSpy {
        id: helpSpy
        signalName: "helpRequested"
    }

    TestCase {
        name: "QueueHeldMarker"
        when: windowShown

        function createMain(uplink) {
            fixtureSession.end()
            const main = createTemporaryObject(mainComponent, null, {
                catalog: fixtureCatalog,
                session: fixtureSession,
                uplink: uplink,
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

        function test_hidden_while_the_queue_flows() {
            const status = createTemporaryObject(statusComponent, root)
            const main = createMain(status)
            const marker = findChild(main.contentItem, "queueHeldMarker")
            verify(marker)
            verify(!marker.visible)
            compare(findChild(main.contentItem, "topBar").height, Theme.topBarHeight)
        }

        function test_hidden_without_a_status() {
            const main = createMain(null)
            verify(!findChild(main.contentItem, "queueHeldMarker").visible)
        }

        function test_shown_while_held_and_gone_when_released() {
            const status = createTemporaryObject(statusComponent, root)
            const main = createMain(status)
            const topBar = findChild(main.contentItem, "topBar")
            const marker = findChild(main.contentItem, "queueHeldMarker")

            status.queueHeld = true
            tryVerify(() => marker.visible)
            compare(findChild(marker, "queueHeldText").text, "上传暂停：本机证书未获平台认可，请联系运维")
            // Under the blue band, inside the bar: the screens move down, nothing is covered.
            compare(marker.y, Theme.topBarHeight)
            compare(topBar.height, Theme.topBarHeight + marker.height)
            // Portrait: the AccessBar's strip (长辈版, voice, language) is between them.
            const accessBar = findChild(main.contentItem, "accessBar")
            compare(main.stack.y, topBar.height + accessBar.height)
            // Readable, and still the region and the clock above it.
            verify(findChild(marker, "queueHeldText").font.pixelSize >= Theme.fontSmall)
            compare(findChild(main.contentItem, "clockTime").text, "09:30")

            status.queueHeld = false
            tryVerify(() => !marker.visible)
            compare(topBar.height, Theme.topBarHeight)
            compare(main.stack.y, Theme.topBarHeight + accessBar.height)
        }

        function test_not_interactive_and_the_citizen_carries_on() {
            const status = createTemporaryObject(statusComponent, root)
            status.queueHeld = true
            const main = createMain(status)
            const marker = findChild(main.contentItem, "queueHeldMarker")
            tryVerify(() => marker.visible)
            mouseClick(marker)
            compare(helpSpy.count, 0)
            compare(main.stack.currentItem.objectName, "homeScreen")
            verify(!findChild(main, "helpDialog").opened)

            // The home screen below still works: a popular item opens its guide.
            mouseClick(findChild(main.stack.currentItem, "popularTile_0"))
            waitForScreen(main, "guideScreen")
            verify(marker.visible)
        }
    }
}
