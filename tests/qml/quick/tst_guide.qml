// SPDX-License-Identifier: Apache-2.0
// GuideScreen over the fixture catalog: materials, steps, notes and the two actions.
import QtQuick
import QtTest
import Kiosk.Ui

Item {
    id: root
    width: 1080
    height: 1920

    Component {
        id: guideComponent
        GuideScreen {
            width: 1080
            height: 1792
        }
    }

    SignalSpy {
        id: startSpy
        signalName: "startRequested"
    }
    SignalSpy {
        id: backSpy
        signalName: "backRequested"
    }

    TestCase {
        name: "GuideScreen"
        when: windowShown

        readonly property string relocation: "11510703070000000X400009007"   // 异地就医备案
        readonly property string contributions: "11510703060000000X400009004" // 缴费记录查询
        readonly property string licence: "11510703030000000X400009012"       // 驾驶证补领 (guide)

        function createGuide(code) {
            const guide = createTemporaryObject(guideComponent, root, { catalog: fixtureCatalog, itemCode: code })
            verify(guide)
            // Layouts and positioners place their children when the frame is prepared.
            waitForRendering(guide)
            startSpy.clear()
            startSpy.target = guide
            backSpy.clear()
            backSpy.target = guide
            return guide
        }

        function textOf(item) {
            // The visible texts under an item, in tree order.
            let texts = []
            if (item.text !== undefined && item.visible)
                texts.push(item.text)
            for (let i = 0; i < item.children.length; ++i)
                texts = texts.concat(textOf(item.children[i]))
            return texts
        }

        function test_shows_name_department_and_facts() {
            const guide = createGuide(relocation)
            compare(findChild(guide, "guideName").text, "异地就医备案")
            compare(findChild(guide, "guideDepartment").text, "绵阳市涪城区医疗保障局")
            compare(findChild(guide, "timeLimitFact").value, "即办")
            compare(findChild(guide, "feeFact").value, "不收费")
            verify(findChild(guide, "guideLegalBasis").text.indexOf("医保发〔2022〕22号") >= 0)
            verify(findChild(guide, "guideConditions").text.length > 0)
        }

        function test_lists_materials_marked_required_or_optional() {
            const guide = createGuide(relocation)
            const materials = findChild(guide, "materialRepeater")
            compare(materials.count, 3)
            compare(textOf(materials.itemAt(0)), ["必须", "居民身份证"])
            compare(textOf(materials.itemAt(1)), ["可选", "异地居住证明或工作证明"])
            compare(textOf(materials.itemAt(2)), ["可选", "转诊证明"])
        }

        function test_lists_numbered_steps() {
            const guide = createGuide(relocation)
            const steps = findChild(guide, "stepRepeater")
            compare(steps.count, 5)
            compare(textOf(steps.itemAt(0)), ["1", "刷身份证核验身份"])
            compare(textOf(steps.itemAt(4)), ["5", "打印备案回执"])
        }

        function test_start_asks_to_apply_for_the_item() {
            const guide = createGuide(relocation)
            const start = findChild(guide, "startButton")
            verify(start.visible)
            verify(start.height >= Theme.touchMin)
            verify(!findChild(guide, "onlineNote").visible)
            mouseClick(start)
            compare(startSpy.count, 1)
            compare(startSpy.signalArguments[0][0], relocation)
        }

        function test_a_progress_lookup_with_the_link_down_says_the_cases_are_safe() {
            const guide = createGuide("11510703010000000X400009009") // 居民身份证办理进度查询
            compare(findChild(guide, "startButton").text, "开始查询")
            guide.linkDown = true
            const note = findChild(guide, "onlineNote")
            verify(note.visible)
            verify(note.children[0].text.indexOf("已安全保存") > 0)
            verify(!findChild(guide, "startButton").enabled)
        }

        function test_online_required_items_say_so() {
            const guide = createGuide(contributions)
            verify(findChild(guide, "onlineNote").visible)
            // A query item: the journey has no query flow yet, so the counter is named.
            verify(findChild(guide, "counterNote").visible)
            verify(!findChild(guide, "startButton").visible)
        }

        function test_guide_only_items_cannot_be_started() {
            const guide = createGuide(licence)
            verify(!findChild(guide, "startButton").visible)
            verify(findChild(guide, "counterNote").visible)
            compare(findChild(guide, "timeLimitFact").value, "1 个工作日")
            verify(findChild(guide, "feeFact").value.indexOf("10元") >= 0)
        }

        function test_back_button() {
            const guide = createGuide(licence)
            const back = findChild(guide, "backButton")
            verify(back.height >= Theme.touchMin)
            mouseClick(back)
            compare(backSpy.count, 1)
        }

        function test_unknown_item_says_not_found() {
            const guide = createGuide("no-such-code")
            compare(findChild(guide, "guideName").text, "未找到该事项")
            verify(!findChild(guide, "startButton").visible)
        }
    }
}
