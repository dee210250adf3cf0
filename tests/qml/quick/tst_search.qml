// SPDX-License-Identifier: Apache-2.0
// SearchScreen over the fixture catalog: letters typed on the on-screen keys find items by
// pinyin initials or full pinyin, backspace and clear edit, a hit opens its guide, a hit found
// through a synonym says so (and tells a screen reader).
import QtQuick
import QtTest
import Kiosk.Ui

Item {
    id: root
    width: 1080
    height: 1920

    Component {
        id: searchComponent
        SearchScreen {
            width: 1080
            height: 1792
        }
    }

    SignalSpy {
        id: chosenSpy
        signalName: "itemChosen"
    }

    TestCase {
        name: "SearchScreen"
        when: windowShown

        function createSearch() {
            const screen = createTemporaryObject(searchComponent, root, { catalog: fixtureCatalog })
            verify(screen)
            waitForRendering(screen)
            chosenSpy.clear()
            chosenSpy.target = screen
            return screen
        }

        function type(screen, letters) {
            for (const letter of letters)
                mouseClick(findChild(screen, "key_" + letter))
        }

        function test_initials_find_items_as_they_are_typed() {
            const screen = createSearch()
            const list = findChild(screen, "searchResults")
            compare(list.count, 0)
            type(screen, "GJJ")
            compare(screen.query, "gjj")
            compare(findChild(screen, "queryText").text, "GJJ")
            tryCompare(list, "count", 2)
            compare(fixtureCatalog.searchResults.get(0).name, "住房公积金个人缴存信息查询")
            compare(findChild(screen, "searchTitle").text, "找到 2 项")
        }

        function test_full_pinyin_and_tapping_a_hit_opens_its_guide() {
            const screen = createSearch()
            type(screen, "YIDIJIUYI")
            const list = findChild(screen, "searchResults")
            tryCompare(list, "count", 1)
            waitForRendering(list)
            mouseClick(findChild(list, "searchRow_0"))
            compare(chosenSpy.count, 1)
            compare(chosenSpy.signalArguments[0][0], "11510703070000000X400009007")
        }

        function test_a_synonym_match_shows_the_synonym() {
            const screen = createSearch()
            type(screen, "SB")
            const list = findChild(screen, "searchResults")
            tryVerify(() => list.count >= 2)
            waitForRendering(list)
            // 社保 is the catalog's synonym of 社会保险: the first rows hold 社会保险.
            const first = findChild(list, "searchRow_0")
            verify(first.name.indexOf("社会保险") >= 0, first.name)
            const note = findChild(first, "synonymNote")
            verify(note.visible)
            compare(note.text, "社保 → 社会保险")
            compare(note.Accessible.name, "“社保”即“社会保险”")
            compare(first.Accessible.name, first.name + "，“社保”即“社会保险”")
            // The name's own initials: found directly, no synonym note.
            mouseClick(findChild(screen, "key_clear"))
            type(screen, "SHBX")
            tryVerify(() => list.count >= 1)
            waitForRendering(list)
            const direct = findChild(list, "searchRow_0")
            verify(!findChild(direct, "synonymNote").visible)
            compare(direct.Accessible.name, direct.name)
        }

        function test_backspace_and_clear_edit_the_query() {
            const screen = createSearch()
            type(screen, "QQQ")
            compare(findChild(screen, "searchResults").count, 0)
            compare(findChild(screen, "searchTitle").text, "没有找到，请换个说法或按主题查找")
            mouseClick(findChild(screen, "key_backspace"))
            compare(screen.query, "qq")
            mouseClick(findChild(screen, "key_clear"))
            compare(screen.query, "")
            compare(findChild(screen, "searchTitle").text, "搜索事项")
        }

        function test_keys_are_big_enough_for_fingers() {
            const screen = createSearch()
            for (const name of ["key_A", "key_Z", "key_backspace", "key_clear"]) {
                const key = findChild(screen, name)
                verify(key.width >= Theme.touchMin && key.height >= Theme.touchMin, name)
                verify(key.font.pixelSize >= 28, name)
            }
        }

        function test_leaving_clears_the_shared_query() {
            const screen = createSearch()
            type(screen, "SB")
            verify(fixtureCatalog.query === "sb")
            screen.destroy()
            wait(0)
            compare(fixtureCatalog.query, "")
        }
    }
}
