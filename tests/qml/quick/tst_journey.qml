// SPDX-License-Identifier: Apache-2.0
// The citizen's journey on Main, driven by taps as a citizen would, over the real session
// (kiosk/core's Journey with a queue on disk, the fake printer and card reader): identify by
// card or by typing, fill the form, confirm, submit, the receipt (and paper out), the rating;
// the progress lookup (by card, by a receipt's QR, the platform down) and the certificate
// printed on the fake A4 printer (an aborted job printed again, the platform down).
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
        name: "Journey"
        when: windowShown

        readonly property string cardLoss: "11510703060000000X400009003" // 社会保障卡挂失
        readonly property string idProgress: "11510703010000000X400009009" // 居民身份证办理进度查询
        readonly property string insuranceProof: "11510703060000000X400009001" // 社会保险个人参保证明打印
        readonly property string residentId: "51070319520308002" // + check digit: sample card 0

        function cleanup() {
            fixtureDevices.useCamera(false) // the other tests run without a document camera
        }

        function createMain() {
            fixtureSession.end()
            fixtureDevices.setPaperOut(false)
            fixtureDevices.setPlatformDown(false)
            const main = createTemporaryObject(mainComponent, null, {
                catalog: fixtureCatalog,
                session: fixtureSession,
                clockOverride: new Date(2026, 10, 24, 9, 30)
            })
            verify(main)
            main.show()
            tryVerify(() => main.visible)
            waitForRendering(main.contentItem)
            return main
        }

        function screenOf(main) {
            return main.stack.currentItem
        }

        function waitForScreen(main, name) {
            tryVerify(() => !main.stack.busy && screenOf(main).objectName === name, 5000,
                      "screen " + name + " (now " + screenOf(main).objectName + ")")
            verify(fixtureFrames.waitForLayout(main), "screen " + name + " laid out")
            return screenOf(main)
        }

        function tap(main, name) {
            const control = findChild(screenOf(main), name)
            verify(control, name)
            verify(control.visible, name + " is visible")
            mouseClick(control)
        }

        function typeInto(entry, text) {
            entry.forceActiveFocus()
            entry.selectAll()
            for (const character of text)
                keyClick(character)
        }

        function controlsWithoutNames(item) {
            const roles = [Accessible.Button, Accessible.EditableText, Accessible.RadioButton,
                           Accessible.CheckBox]
            let missing = []
            if (item.visible && roles.indexOf(item.Accessible.role) >= 0
                    && (!item.Accessible.name || item.Accessible.name.length === 0))
                missing.push(item.objectName || item.toString())
            for (let i = 0; i < item.children.length; ++i)
                missing = missing.concat(controlsWithoutNames(item.children[i]))
            return missing
        }

        function checkAccessible(screen) {
            compare(controlsWithoutNames(screen), [], screen.objectName + ": controls without a name")
            const title = findChild(screen, "screenTitle")
            if (title)
                verify(screen.Accessible.name.length > 0, screen.objectName + " has a title")
        }

        function toForm(main) {
            main.showGuide(cardLoss)
            waitForScreen(main, "guideScreen")
            tap(main, "startButton")
            const identify = waitForScreen(main, "identifyScreen")
            compare(findChild(identify, "screenTitle").text, "请将身份证放在感应区")
            checkAccessible(identify)
            fixtureDevices.putCard(0)
            return waitForScreen(main, "formScreen")
        }

        function test_a_card_application_from_guide_to_rating() {
            const main = createMain()
            const form = toForm(main)
            checkAccessible(form)
            compare(findChild(form, "maskedName").text, "李**")
            verify(findChild(form, "maskedIdNumber").text.indexOf("********") > 0)
            // Prefilled from the card: shown masked as on the receipt, and not typed again.
            compare(findChild(form, "field_name_entry").text, "李**")
            verify(findChild(form, "field_name_entry").readOnly)
            compare(findChild(form, "field_idNumber_entry").text, fixtureSession.maskedIdNumber)

            // A wrong phone number is told next to the field, as it is typed.
            typeInto(findChild(form, "field_phone_entry"), "12345")
            tryCompare(findChild(form, "field_phone_problem"), "text", "联系电话应为11位手机号码或带区号的固定电话")
            typeInto(findChild(form, "field_phone_entry"), "13800000000")
            tryCompare(findChild(form, "field_phone_problem"), "visible", false)
            tap(main, "nextButton")

            const confirm = waitForScreen(main, "confirmScreen")
            checkAccessible(confirm)
            compare(findChild(confirm, "summaryList").count, 3)
            tap(main, "confirmButton")

            const submitted = waitForScreen(main, "submittedScreen")
            checkAccessible(submitted)
            verify(findChild(submitted, "submittedText").text.indexOf("已保存在本机，联网后自动提交") === 0)
            tryVerify(() => findChild(submitted, "receiptText").text.indexOf("回执已打印") === 0)
            compare(fixtureDevices.receiptsPrinted() > 0, true)
            tap(main, "nextButton")

            const rating = waitForScreen(main, "ratingScreen")
            checkAccessible(rating)
            tap(main, "level_2")
            tap(main, "rateButton")
            tryVerify(() => findChild(rating, "screenMessage").visible) // a reason is needed
            tap(main, "reason_0")
            tap(main, "rateButton")

            const finished = waitForScreen(main, "finishedScreen")
            checkAccessible(finished)
            tap(main, "homeButton")
            waitForScreen(main, "homeScreen")
            verify(main.atHome)
        }

        function test_typing_the_identity_checks_the_id_number_as_typed() {
            const main = createMain()
            main.showGuide(cardLoss)
            waitForScreen(main, "guideScreen")
            tap(main, "startButton")
            waitForScreen(main, "identifyScreen")
            tap(main, "manualButton")
            const manual = waitForScreen(main, "manualIdentityScreen")
            checkAccessible(manual)
            findChild(manual, "nameField").text = "李秀英"
            const idEntry = findChild(manual, "idNumberField_entry")
            const right = manual.checkCharacter(residentId)
            typeInto(idEntry, residentId + (right === "0" ? "1" : "0"))
            verify(!manual.idNumberValid)
            verify(findChild(manual, "idNumberField_problem").visible)
            verify(!findChild(manual, "nextButton").enabled)

            typeInto(idEntry, residentId + right)
            verify(manual.idNumberValid)
            verify(!findChild(manual, "idNumberField_problem").visible)
            tap(main, "nextButton")
            const form = waitForScreen(main, "formScreen")
            compare(findChild(form, "field_name_entry").text, "李**")
            compare(fixtureSession.identifiedBy, "manual")
        }

        function tapKeys(keyboard, keys) {
            waitForRendering(keyboard) // a keyboard that just appeared is laid out first
            for (const key of keys) {
                const button = findChild(keyboard, "key_" + key)
                verify(button, "key_" + key)
                mouseClick(button)
            }
        }

        function test_the_phone_is_typed_on_the_phone_pad() {
            const main = createMain()
            const form = toForm(main)
            const keyboards = findChild(form, "fieldKeyboard")
            verify(!keyboards.shown, "no keyboard before a field is chosen")
            mouseClick(findChild(form, "field_phone_entry"))
            tryVerify(() => keyboards.shown === findChild(form, "phoneKeyboard"))
            tapKeys(keyboards.shown, "13800000000")
            compare(screenOf(main).objectName, "formScreen")
            compare(findChild(form, "field_phone_entry").text, "13800000000")
            tryVerify(() => fixtureSession.values.phone === "13800000000",
                      5000, JSON.stringify(fixtureSession.values))
            verify(!findChild(form, "field_phone_problem").visible)
            tapKeys(keyboards.shown, ["backspace"])
            tryVerify(() => fixtureSession.values.phone === "1380000000")
            verify(findChild(form, "field_phone_problem").visible) // ten digits: told at once
        }

        function test_a_name_is_typed_in_pinyin_and_chosen_from_the_candidates() {
            const main = createMain()
            main.showGuide(cardLoss)
            waitForScreen(main, "guideScreen")
            tap(main, "startButton")
            waitForScreen(main, "identifyScreen")
            tap(main, "manualButton")
            const manual = waitForScreen(main, "manualIdentityScreen")
            const keyboards = findChild(manual, "fieldKeyboard")
            tryVerify(() => keyboards.shown === findChild(manual, "pinyinKeyboard"))
            tapKeys(keyboards.shown, "LI")
            tryCompare(keyboards.shown.input, "letters", "li")
            const first = findChild(keyboards.shown, "candidate_0")
            tryVerify(() => first.visible && first.text.length > 0)
            const word = first.text
            waitForRendering(keyboards.shown)
            mouseClick(first)
            const typed = findChild(manual, "nameField").text
            verify(typed === word, "the field holds " + escape(typed) + ", the word was " + escape(word))

            mouseClick(findChild(manual, "idNumberField_entry"))
            tryVerify(() => keyboards.shown === findChild(manual, "idNumberKeyboard"))
            tapKeys(keyboards.shown, residentId + manual.checkCharacter(residentId))
            verify(manual.idNumberValid)
            tap(main, "nextButton")
            waitForScreen(main, "formScreen")
        }

        function test_paper_out_shows_the_qr_and_the_reprint_works() {
            fixtureDevices.setPaperOut(true)
            const main = createMain()
            fixtureDevices.setPaperOut(true)
            const form = toForm(main)
            typeInto(findChild(form, "field_phone_entry"), "13800000000")
            tap(main, "nextButton")
            waitForScreen(main, "confirmScreen")
            tap(main, "confirmButton")
            const submitted = waitForScreen(main, "submittedScreen")
            const qr = findChild(submitted, "receiptQr")
            tryVerify(() => qr.visible)
            verify(qr.modules >= 21)
            verify(findChild(submitted, "screenMessage").visible)
            verify(findChild(submitted, "reprintButton").visible)

            fixtureDevices.setPaperOut(false) // paper loaded
            tap(main, "reprintButton")
            tryVerify(() => findChild(submitted, "receiptText").text.indexOf("回执已打印") === 0)
            verify(!qr.visible)
        }

        function test_a_failed_read_says_what_to_do() {
            const main = createMain()
            main.showGuide(cardLoss)
            waitForScreen(main, "guideScreen")
            tap(main, "startButton")
            const identify = waitForScreen(main, "identifyScreen")
            fixtureDevices.failRead("media")
            tryVerify(() => findChild(identify, "screenMessage").visible)
            fixtureDevices.failRead("gone")
            tryVerify(() => findChild(identify, "screenMessage").Accessible.name.indexOf("读卡器暂时不能使用") === 0)
            verify(findChild(identify, "manualButton").visible) // another way is offered
        }

        function test_back_from_the_form_forgets_the_citizen() {
            const main = createMain()
            toForm(main)
            tap(main, "backButton")
            waitForScreen(main, "guideScreen")
            compare(fixtureSession.maskedName, "")
            compare(fixtureSession.values, ({}))
        }

        function toMaterials(main) {
            const form = toForm(main)
            typeInto(findChild(form, "field_phone_entry"), "13800000000")
            tap(main, "nextButton")
            return waitForScreen(main, "materialsScreen")
        }

        function test_a_material_is_photographed_retaken_and_listed_at_the_confirmation() {
            fixtureDevices.useCamera(true)
            const main = createMain()
            const materials = toMaterials(main)
            checkAccessible(materials)
            compare(findChild(materials, "screenTitle").text, "请拍摄申请材料")
            verify(findChild(materials, "currentMaterial").text.indexOf("居民身份证") > 0)
            tryVerify(() => fixtureSession.materials.feed.frames > 0, 5000, "a preview frame")
            verify(!findChild(materials, "finishButton").enabled, "a required material has no photo")

            tap(main, "captureButton")
            tryCompare(fixtureSession.materials, "currentStatus", "photographed", 5000)
            tryVerify(() => findChild(materials, "photographedBadge").visible)
            tap(main, "retakeButton")
            compare(fixtureSession.materials.currentStatus, "pending")
            tryVerify(() => findChild(materials, "captureButton") !== null)
            tap(main, "captureButton")
            tryCompare(fixtureSession.materials, "currentStatus", "photographed", 5000)
            checkAccessible(materials)
            tap(main, "finishButton")

            const confirm = waitForScreen(main, "confirmScreen")
            verify(findChild(confirm, "materialsSummary").text.indexOf("居民身份证（已拍照）") > 0)
            compare(fixtureSession.materials.feed.frames, 0) // the preview's frame is gone
            tap(main, "backButton")
            waitForScreen(main, "materialsScreen") // back from the confirmation: the photos
            tap(main, "finishButton")
            waitForScreen(main, "confirmScreen")
            tap(main, "confirmButton")
            waitForScreen(main, "submittedScreen")
        }

        function test_a_missing_camera_sends_the_material_to_a_counter_and_the_application_goes_on() {
            fixtureDevices.useCamera(true)
            fixtureDevices.plugCamera(false)
            const main = createMain()
            const materials = toMaterials(main)
            tryCompare(fixtureSession.materials, "cameraState", "failed", 5000)
            const notice = findChild(materials, "screenMessage")
            tryVerify(() => notice.visible)
            verify(notice.Accessible.name.indexOf("高拍仪暂时不能使用") === 0)
            verify(notice.Accessible.name.indexOf("服务窗口") > 0)
            verify(findChild(materials, "finishButton").enabled)
            checkAccessible(materials)
            tap(main, "finishButton")
            const confirm = waitForScreen(main, "confirmScreen")
            verify(findChild(confirm, "materialsSummary").text.indexOf("请到服务窗口补交") > 0)
            tap(main, "confirmButton")
            waitForScreen(main, "submittedScreen")
        }

        function startWithCard(main, code, startLabel) {
            main.showGuide(code)
            const guide = waitForScreen(main, "guideScreen")
            compare(findChild(guide, "startButton").text, startLabel)
            tap(main, "startButton")
            waitForScreen(main, "identifyScreen")
            fixtureDevices.putCard(0)
        }

        function test_a_progress_lookup_by_card_lists_the_cases() {
            const main = createMain()
            startWithCard(main, idProgress, "开始查询")
            const progress = waitForScreen(main, "progressScreen")
            compare(findChild(progress, "screenTitle").text, "办理进度查询")
            const list = findChild(progress, "progressList")
            tryVerify(() => list.visible && list.count === 1)
            verify(findChild(progress, "progressRow_0").Accessible.name.indexOf("社会保障卡挂失，审核中") === 0)
            verify(findChild(progress, "progressRow_0").Accessible.name.indexOf("2026年11月20日 15:42") > 0)
            verify(!findChild(progress, "screenMessage").visible)
            checkAccessible(progress)
            tap(main, "backButton")
            waitForScreen(main, "guideScreen")
            compare(fixtureSession.maskedName, "", "back to the guide forgets the citizen")
        }

        function test_progress_with_the_platform_down_says_the_cases_are_safe() {
            const main = createMain()
            fixtureDevices.setPlatformDown(true)
            startWithCard(main, idProgress, "开始查询")
            const progress = waitForScreen(main, "progressScreen")
            tryVerify(() => findChild(progress, "screenMessage").visible)
            const notice = findChild(progress, "screenMessage").Accessible.name
            verify(notice.indexOf("网络暂时不通") === 0)
            verify(notice.indexOf("已安全保存") > 0 && notice.indexOf("不需要重新办理") > 0)
            // The notice says so; the hint below says what to do, and not that again.
            verify(findChild(progress, "progressHint").visible)
            verify(findChild(progress, "progressHint").text.indexOf("不需要重新办理") < 0)
            verify(!findChild(progress, "progressList").visible)
            checkAccessible(progress)
            tap(main, "doneButton")
            waitForScreen(main, "homeScreen")
        }

        function test_a_scanned_receipt_shows_its_case_without_the_card() {
            const main = createMain()
            main.showGuide(idProgress)
            waitForScreen(main, "guideScreen")
            tap(main, "startButton")
            const identify = waitForScreen(main, "identifyScreen")
            verify(findChild(identify, "identifyHint").text.indexOf("回执上的二维码") >= 0)
            fixtureDevices.scanReceipt("社会保障卡挂失")
            const progress = waitForScreen(main, "progressScreen")
            compare(findChild(progress, "progressSubject").text, "按回执二维码查询")
            tryCompare(findChild(progress, "progressList"), "count", 1)
            verify(findChild(progress, "progressRow_0").Accessible.name.indexOf("已保存在本机") > 0)
        }

        function test_another_kiosks_receipt_is_told() {
            const main = createMain()
            main.showGuide(idProgress)
            waitForScreen(main, "guideScreen")
            tap(main, "startButton")
            waitForScreen(main, "identifyScreen")
            fixtureDevices.scanReceipt("")
            const progress = waitForScreen(main, "progressScreen")
            tryVerify(() => findChild(progress, "screenMessage").Accessible.name.indexOf("不是本机打印") > 0)
        }

        function test_a_receipt_scanned_at_home_shows_its_case_and_is_rated_once() {
            const main = createMain()
            const ref = fixtureDevices.storeCase(cardLoss)
            verify(ref.length > 0)
            fixtureDevices.scanReceiptCode("ZWFW-RECEIPT:" + ref)
            const progress = waitForScreen(main, "progressScreen")
            compare(findChild(progress, "progressSubject").text, "按回执二维码查询")
            tryCompare(findChild(progress, "progressList"), "count", 1)
            verify(findChild(progress, "progressRow_0").Accessible.name.indexOf("社会保障卡挂失") === 0)
            checkAccessible(progress)
            tap(main, "rateReceiptButton")
            waitForScreen(main, "ratingScreen")
            tap(main, "level_5")
            tap(main, "rateButton")
            waitForScreen(main, "finishedScreen")
            tap(main, "homeButton")
            waitForScreen(main, "homeScreen")

            fixtureDevices.scanReceiptCode("ZWFW-RECEIPT:" + ref)
            const again = waitForScreen(main, "progressScreen")
            verify(!findChild(again, "rateReceiptButton").visible)
            tryVerify(() => findChild(again, "screenMessage").Accessible.name === "您已评价过此件，感谢您的反馈。")
            tap(main, "backButton")
            waitForScreen(main, "homeScreen")
            verify(main.atHome)
        }

        function test_a_damaged_receipt_at_home_is_told() {
            const main = createMain()
            fixtureDevices.scanReceiptCode("ZWFW-RECEIPT:0000")
            const home = waitForScreen(main, "homeScreen")
            const notice = findChild(home, "homeScanMessage")
            tryVerify(() => notice.visible)
            verify(notice.Accessible.name.indexOf("回执的二维码无法识别") >= 0)
            mouseClick(notice)
            tryVerify(() => !notice.visible, 2000, "a tap puts it away")

            fixtureSession.openSearch() // the search screen takes receipts too
            const search = waitForScreen(main, "searchScreen")
            fixtureDevices.scanReceiptCode("ZWFW-RECEIPT:0000")
            tryVerify(() => findChild(search, "searchScanMessage").visible)
        }

        function test_a_certificate_prints_and_an_aborted_job_is_printed_again() {
            const main = createMain()
            const before = fixtureDevices.certificatesPrinted()
            fixtureDevices.failNextCertificate("aborted")
            startWithCard(main, insuranceProof, "开始打印")
            const document = waitForScreen(main, "documentScreen")
            tryCompare(findChild(document, "screenTitle"), "text", "未能打印")
            verify(findChild(document, "screenMessage").Accessible.name.indexOf("打印任务被中止") === 0)
            verify(findChild(document, "retryButton").visible)
            checkAccessible(document)
            tap(main, "retryButton")
            tryCompare(findChild(document, "screenTitle"), "text", "打印完成")
            compare(fixtureDevices.certificatesPrinted(), before + 1)
            verify(!findChild(document, "retryButton").visible)
            verify(findChild(document, "documentStatus").text.indexOf("取走") > 0)
            tap(main, "doneButton")
            waitForScreen(main, "homeScreen")
        }

        function test_a_certificate_with_the_platform_down_is_not_printed() {
            const main = createMain()
            const before = fixtureDevices.certificatesPrinted()
            fixtureDevices.setPlatformDown(true)
            startWithCard(main, insuranceProof, "开始打印")
            const document = waitForScreen(main, "documentScreen")
            tryVerify(() => findChild(document, "screenMessage").Accessible.name.indexOf("网络暂时不通") === 0)
            compare(fixtureDevices.certificatesPrinted(), before)
            verify(findChild(document, "retryButton").visible)
        }
    }
}
