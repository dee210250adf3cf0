// SPDX-License-Identifier: Apache-2.0
// Maintenance access on the kiosk's screen: the hidden gesture (the top bar's top-left corner
// held 5 s) opens the code screen only on the home screen with nobody served; a wrong code is
// refused and counted; the code of now opens the maintenance screen, whose retry of dead
// letters empties them and is audited; 退出维护 closes it. The rules behind are
// core::MaintenanceAccess over a ManualClock (fixtureMaintenanceDesk gives its codes).
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
        name: "Maintenance"
        when: windowShown

        function createMain() {
            fixtureSession.end()
            const main = createTemporaryObject(mainComponent, null, {
                catalog: fixtureCatalog,
                session: fixtureSession,
                maintenance: fixtureMaintenance,
                clockOverride: new Date(2026, 10, 24, 9, 30)
            })
            verify(main)
            main.show()
            tryVerify(() => main.visible)
            waitForRendering(main.contentItem)
            return main
        }

        function holdCorner(main, ms) {
            const corner = findChild(main.contentItem, "maintenanceCorner")
            verify(corner)
            mousePress(corner, corner.width / 2, corner.height / 2)
            wait(ms)
            mouseRelease(corner, corner.width / 2, corner.height / 2)
        }

        function typeCode(main, code) {
            const keys = findChild(main.contentItem, "maintenanceKeys")
            verify(keys)
            for (const digit of code)
                mouseClick(findChild(keys, "key_" + digit))
            mouseClick(findChild(main.contentItem, "maintenanceSubmit"))
        }

        function cleanup() {
            // Each test starts closed, whatever the last one left open.
            if (fixtureMaintenance.state === "open")
                fixtureMaintenance.logout()
            if (fixtureMaintenance.state === "login")
                fixtureMaintenance.cancel()
        }

        function waitForScreen(main, name) {
            tryVerify(() => !main.stack.busy && main.stack.currentItem.objectName === name, 5000,
                      "screen " + name + " (now " + main.stack.currentItem.objectName + ")")
            verify(fixtureFrames.waitForLayout(main), "screen " + name + " laid out")
            return main.stack.currentItem
        }

        function test_a_short_press_does_nothing() {
            const main = createMain()
            holdCorner(main, 1000)
            compare(fixtureMaintenance.state, "closed")
            verify(!findChild(main.contentItem, "maintenanceOverlay").visible)
        }

        function test_not_while_a_citizen_is_served() {
            const main = createMain()
            mouseClick(findChild(main.stack.currentItem, "popularTile_0"))
            waitForScreen(main, "guideScreen")
            verify(!main.atHome)
            // The gesture itself, as the corner sends it after the hold.
            findChild(main.contentItem, "topBar").maintenanceGesture()
            compare(fixtureMaintenance.state, "closed")
            fixtureSession.end()
        }

        function test_gesture_code_screen_and_dead_letters_retried() {
            const main = createMain()
            fixtureMaintenanceDesk.addDeadLetters(2)
            compare(fixtureMaintenanceDesk.deadLetters(), 2)
            const loginsBefore = fixtureMaintenanceDesk.audited("maintenance.login")
            const actionsBefore = fixtureMaintenanceDesk.audited("maintenance.action")

            holdCorner(main, findChild(main.contentItem, "topBar").maintenanceHoldMs + 500)
            compare(fixtureMaintenance.state, "login")
            const overlay = findChild(main.contentItem, "maintenanceOverlay")
            verify(overlay.visible)
            tryVerify(() => findChild(overlay, "maintenanceLoginScreen") !== null)
            compare(findChild(overlay, "screenTitle").text, "维护人员验证")

            typeCode(main, "000000")
            compare(fixtureMaintenance.state, "login")
            verify(fixtureMaintenance.message.indexOf("还可尝试 4 次") >= 0, fixtureMaintenance.message)

            typeCode(main, fixtureMaintenanceDesk.nextCode())
            compare(fixtureMaintenance.state, "open")
            tryVerify(() => findChild(overlay, "maintenanceScreen") !== null)
            const screen = findChild(overlay, "maintenanceScreen")
            compare(findChild(screen, "screenTitle").text, "设备维护")
            compare(findChild(screen, "queueCounts").text.indexOf("失败 2 条") >= 0, true)
            compare(findChild(screen, "catalogVersion").text, "版本 2026112401")
            verify(findChild(screen, "networkState").text.indexOf("网络中断") >= 0)
            verify(findChild(screen, "device_凭条打印机"))
            compare(fixtureMaintenanceDesk.audited("maintenance.login"), loginsBefore + 1)

            const retry = findChild(screen, "retryDeadLetters")
            verify(retry.enabled)
            mouseClick(retry)
            // The retry runs on the view-model's worker and comes back to the screen.
            tryCompare(findChild(screen, "actionResult"), "text", "已重新排队 2 条失败记录")
            compare(fixtureMaintenanceDesk.deadLetters(), 0)
            verify(!retry.enabled)
            compare(fixtureMaintenanceDesk.audited("maintenance.action"), actionsBefore + 1)

            mouseClick(findChild(screen, "diagnostic_audit_verify"))
            tryCompare(findChild(screen, "actionResult"), "text", "审计记录完整")

            mouseClick(findChild(screen, "maintenanceLogout"))
            compare(fixtureMaintenance.state, "closed")
            verify(!overlay.visible)
            compare(main.stack.currentItem.objectName, "homeScreen")
        }

        function test_it_ends_itself_after_five_minutes_untouched() {
            const main = createMain()
            const logoutsBefore = fixtureMaintenanceDesk.audited("maintenance.logout")
            fixtureMaintenance.requestAccess()
            fixtureMaintenance.submitCode(fixtureMaintenanceDesk.nextCode())
            compare(fixtureMaintenance.state, "open")
            fixtureMaintenanceDesk.advanceSeconds(4 * 60 + 59)
            wait(1500) // the view-model's once-a-second check runs
            compare(fixtureMaintenance.state, "open")
            fixtureMaintenanceDesk.advanceSeconds(1)
            tryVerify(() => fixtureMaintenance.state === "closed", 3000)
            verify(!findChild(main.contentItem, "maintenanceOverlay").visible)
            compare(fixtureMaintenanceDesk.audited("maintenance.logout"), logoutsBefore + 1)
        }

        function test_five_wrong_codes_lock_the_keys() {
            const main = createMain()
            fixtureMaintenance.requestAccess()
            const keys = findChild(main.contentItem, "maintenanceKeys")
            tryVerify(() => keys !== null && keys.enabled)
            for (let i = 0; i < 5; ++i)
                typeCode(main, "000000")
            verify(fixtureMaintenance.message.indexOf("已锁定，请 15 分钟后再试") >= 0,
                   fixtureMaintenance.message)
            verify(!keys.enabled)
            verify(!findChild(main.contentItem, "maintenanceSubmit").enabled)
            fixtureMaintenanceDesk.waitOutLock()
            tryVerify(() => keys.enabled, 3000)
            typeCode(main, fixtureMaintenanceDesk.nextCode())
            compare(fixtureMaintenance.state, "open")
        }

        function test_the_home_screen_gets_no_tap_while_it_is_open() {
            const main = createMain()
            fixtureMaintenance.requestAccess()
            const overlay = findChild(main.contentItem, "maintenanceOverlay")
            tryVerify(() => overlay.visible)
            mouseClick(overlay, 10, overlay.height - 10)
            compare(fixtureSession.screen, "home")
            mouseClick(findChild(overlay, "maintenanceCancel"))
            compare(fixtureMaintenance.state, "closed")
        }
    }
}
