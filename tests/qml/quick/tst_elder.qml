// SPDX-License-Identifier: Apache-2.0
// 长辈版: one tap from the AccessBar on every screen, larger text and targets, its own home
// screen with the popular items first and the rest on pages turned by buttons, long screens
// a page at a time, nothing that moves by itself; and it lasts for this citizen only.
import QtQuick
import QtTest
import Kiosk.Ui

Item {
    id: root

    Component {
        id: mainComponent
        Main {}
    }

    TestCase {
        name: "Elder"
        when: windowShown

        function createMain(width, height) {
            fixtureSession.end()
            const main = createTemporaryObject(mainComponent, null, {
                catalog: fixtureCatalog,
                session: fixtureSession,
                clockOverride: new Date(2026, 10, 24, 9, 30),
                stillFrames: true,
                width: width || 1080,
                height: height || 1920
            })
            verify(main)
            main.show()
            tryVerify(() => main.visible)
            waitForRendering(main.contentItem)
            return main
        }

        function waitForScreen(main, name) {
            tryVerify(() => !main.stack.busy && main.stack.currentItem.objectName === name, 5000,
                      "screen " + name + " (now " + main.stack.currentItem.objectName + ")")
            verify(fixtureFrames.waitForLayout(main), "screen " + name + " laid out")
            return main.stack.currentItem
        }

        function cleanup() {
            fixtureSession.end()
        }

        function test_one_tap_turns_it_on_and_the_home_screen_becomes_simpler() {
            const main = createMain()
            const standardBody = Theme.fontBody
            const button = findChild(main.contentItem, "elderModeButton")
            compare(button.text, "长辈版")
            verify(!button.checked)
            mouseClick(button)
            verify(fixtureSession.elderMode)
            verify(Theme.elder)
            compare(Theme.fontBody, Math.round(standardBody * 1.5))
            verify(Theme.touchMin >= Theme.px(120))
            tryVerify(() => findChild(main.stack.currentItem, "elderStartPage") !== null)
            const home = waitForScreen(main, "homeScreen")
            verify(findChild(home, "elderStartPage").visible)
            // The same button takes the citizen back, and says so.
            const again = findChild(main.contentItem, "elderModeButton")
            compare(again.text, "标准版")
            verify(again.checked)
            // Voice is on by default in 长辈版.
            verify(fixtureSession.voiceOn)
            compare(findChild(main.contentItem, "voiceButton").text, "语音：开")
        }

        function test_the_items_come_a_page_at_a_time_and_buttons_turn_them() {
            const main = createMain()
            fixtureSession.setElderMode(true)
            let home = waitForScreen(main, "homeScreen")
            tryVerify(() => findChild(home, "elderStartPage") !== null)
            home = main.stack.currentItem
            mouseClick(findChild(home, "elderAllItemsButton"))
            compare(home.page, "items")
            const pages = findChild(home, "elderItemPages")
            verify(fixtureFrames.waitForLayout(main))
            verify(pages.perPage >= 1)
            const list = findChild(home, "pagedItemList")
            verify(!list.interactive, "the list does not scroll under the finger")
            const turner = findChild(home, "itemPageTurner")
            verify(turner.pageCount > 1)
            verify(!findChild(turner, "previousPageButton").visible, "nothing before page 1")
            const first = list.contentY
            mouseClick(findChild(turner, "nextPageButton"))
            compare(turner.page, 1)
            compare(list.contentY, first + pages.rowsPerPage * pages.rowHeight)
            verify(findChild(turner, "previousPageButton").visible)
            // Back goes to the start page, still at home: presentation only.
            mouseClick(findChild(home, "elderItemsBackButton"))
            compare(home.page, "start")
            compare(fixtureSession.screen, "home")
        }

        function test_a_theme_shows_its_items_and_back_returns_to_the_themes() {
            const main = createMain()
            fixtureSession.setElderMode(true)
            waitForScreen(main, "homeScreen")
            tryVerify(() => findChild(main.stack.currentItem, "elderStartPage") !== null)
            const home = main.stack.currentItem
            mouseClick(findChild(home, "elderThemesButton"))
            compare(home.page, "themes")
            verify(fixtureFrames.waitForLayout(main))
            const tile = findChild(home, "elderThemeTile_0")
            verify(tile.visible)
            verify(tile.height >= Theme.touchMin)
            mouseClick(tile)
            compare(home.page, "items")
            compare(home.selectedTheme, tile.name)
            mouseClick(findChild(home, "elderItemsBackButton"))
            compare(home.page, "themes")
        }

        function test_a_long_guide_is_turned_by_pages_not_scrolled() {
            const main = createMain()
            fixtureSession.setElderMode(true)
            waitForScreen(main, "homeScreen")
            tryVerify(() => findChild(main.stack.currentItem, "elderStartPage") !== null)
            mouseClick(findChild(main.stack.currentItem, "elderPopularRow_0"))
            const guide = waitForScreen(main, "guideScreen")
            const flick = findChild(guide, "guideFlick")
            const pager = findChild(guide, "guidePager")
            tryVerify(() => pager.active, 2000, "the guide is longer than the screen in 长辈版")
            verify(!flick.interactive)
            const turner = findChild(pager, "flickPageTurner")
            mouseClick(findChild(turner, "nextPageButton"))
            verify(flick.contentY > 0)
            // The buttons are below the guide, not over it; a page never runs past its end.
            verify(pager.y >= flick.y + flick.height)
            verify(flick.contentY <= flick.contentHeight - flick.height)
            // Turned back, the guide is at its top again.
            mouseClick(findChild(turner, "previousPageButton"))
            compare(flick.contentY, flick.originY)
        }

        function test_it_lasts_for_this_citizen_only() {
            const main = createMain()
            mouseClick(findChild(main.contentItem, "elderModeButton"))
            verify(fixtureSession.elderMode)
            fixtureSession.end() // 退出, or the idle timeout
            verify(!fixtureSession.elderMode)
            verify(!Theme.elder)
            tryVerify(() => findChild(main.stack.currentItem, "elderStartPage") === null)
            compare(findChild(main.contentItem, "elderModeButton").text, "长辈版")
        }

        function test_the_access_bar_is_in_the_band_in_landscape() {
            const main = createMain(1920, 1080)
            const bar = findChild(main.contentItem, "accessBar")
            const topBar = findChild(main.contentItem, "topBar")
            verify(bar.inBand)
            compare(main.stack.y, topBar.height, "no strip of its own: the screens keep their height")
            fixtureSession.setElderMode(true)
            verify(fixtureFrames.waitForLayout(main))
            compare(main.stack.y, topBar.height)
            const button = findChild(main.contentItem, "elderModeButton")
            verify(button.height >= Theme.touchMin)
        }
    }
}
