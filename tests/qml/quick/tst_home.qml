// SPDX-License-Identifier: Apache-2.0
// HomeScreen over the fixture catalog: all items listed, a theme tap filters, items open guides.
import QtQuick
import QtTest
import Kiosk.Ui

Item {
    id: root
    width: 1080
    height: 1920

    Component {
        id: homeComponent
        HomeScreen {
            width: 1080
            height: 1792
        }
    }

    SignalSpy {
        id: chosenSpy
        signalName: "itemChosen"
    }

    TestCase {
        name: "HomeScreen"
        when: windowShown

        function createHome() {
            const home = createTemporaryObject(homeComponent, root, { catalog: fixtureCatalog })
            verify(home)
            // Layouts and positioners place their children when the frame is prepared.
            waitForRendering(home)
            chosenSpy.clear()
            chosenSpy.target = home
            return home
        }

        function test_shows_every_enabled_item() {
            const home = createHome()
            const list = findChild(home, "itemList")
            compare(list.count, 13)
            compare(findChild(home, "listTitle").text, "全部事项（13 项）")
            verify(!findChild(home, "showAllButton").visible)
        }

        function test_list_is_grouped_under_theme_headings() {
            const home = createHome()
            const list = findChild(home, "itemList")
            const heading = findChild(list, "section_社会保险")
            verify(heading, "no heading above the first theme's items")
            verify(heading.visible)
            verify(heading.y < findChild(home, "itemRow_0").y)
        }

        function test_shows_a_tile_per_theme() {
            const home = createHome()
            compare(findChild(home, "themeRepeater").count, 6)
            const tile = findChild(home, "themeTile_0")
            compare(tile.name, "社会保险")
            compare(tile.itemCount, 4)
            verify(tile.width >= Theme.touchMin && tile.height >= Theme.touchMin)
        }

        function test_tapping_a_theme_filters_the_list() {
            const home = createHome()
            const list = findChild(home, "itemList")
            mouseClick(findChild(home, "themeTile_1"))
            compare(home.selectedTheme, "医疗保障")
            compare(list.count, 2)
            for (let row = 0; row < list.count; ++row)
                compare(fixtureCatalog.items.get(row).theme, "医疗保障")
            compare(findChild(home, "listTitle").text, "医疗保障（2 项）")
            verify(findChild(home, "themeTile_1").selected)
            verify(!findChild(home, "themeTile_0").selected)
        }

        function test_show_all_and_second_tap_clear_the_filter() {
            const home = createHome()
            const list = findChild(home, "itemList")
            mouseClick(findChild(home, "themeTile_0"))
            compare(list.count, 4)
            const showAll = findChild(home, "showAllButton")
            verify(showAll.visible)
            mouseClick(showAll)
            compare(list.count, 13)

            mouseClick(findChild(home, "themeTile_3"))
            compare(home.selectedTheme, "住房公积金")
            mouseClick(findChild(home, "themeTile_3"))
            compare(home.selectedTheme, "")
            compare(list.count, 13)
        }

        function test_popular_items_are_hottest_first() {
            const home = createHome()
            compare(findChild(home, "popularRepeater").count, 6)
            compare(findChild(home, "popularTile_0").name, "社会保险个人参保证明打印")
            compare(findChild(home, "popularTile_1").name, "住房公积金个人缴存信息查询")
        }

        function test_tapping_an_item_asks_for_its_guide() {
            const home = createHome()
            mouseClick(findChild(home, "itemRow_1"))
            compare(chosenSpy.count, 1)
            compare(chosenSpy.signalArguments[0][0], "11510703060000000X400009002")

            mouseClick(findChild(home, "popularTile_4"))
            compare(chosenSpy.count, 2)
            compare(chosenSpy.signalArguments[1][0], "11510703070000000X400009007")
        }

        function test_rows_are_big_enough_to_touch() {
            const home = createHome()
            const row = findChild(home, "itemRow_0")
            verify(row.height >= Theme.touchMin)
            verify(row.width > home.width / 2)
        }
    }
}
