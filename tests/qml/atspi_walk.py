#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A blind citizen's walk through the running kiosk over AT-SPI, as Orca would see it.

Run by tests/qml/atspi_test.sh inside its own D-Bus session with the AT-SPI bus and the kiosk
under Xvfb (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1). It finds the kiosk on the accessibility bus,
and on every screen it reaches checks what a screen reader needs: a named screen, a name and a
Press action on every button shown. It moves only through Press actions, as a screen reader
user does: an item on the home screen, its guide, 开始办理, the identify screen, 手工输入身份信息,
and the help button's dialog. Exit status 0 when every step held; 1 with what failed.
"""
import sys
import time

import pyatspi
from gi.repository import GLib

KIOSK = "kiosk"
ITEM = "居民身份证换领"  # a popular item a citizen can apply for at the kiosk


def find_app(timeout=60.0):
    end = time.time() + timeout
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == KIOSK:
                return app
        time.sleep(0.5)
    return None


def shown(node, depth=0):
    """Every node on screen (the SHOWING state), depth first. A node that goes away while it
    is read (a screen fading out) is skipped, as a screen reader skips it."""
    try:
        if node is None or (depth > 0 and not node.getState().contains(pyatspi.STATE_SHOWING)):
            return
        children = list(node)
    except Exception:  # defunct: the object left the tree meanwhile
        return
    yield node
    for child in children:
        yield from shown(child, depth + 1)


def actions(node):
    try:
        action = node.queryAction()
    except NotImplementedError:
        return None, []
    return action, [action.getName(i) for i in range(action.nActions)]


def wait_for(app, predicate, what, timeout=30.0):
    end = time.time() + timeout
    while time.time() < end:
        for node in shown(app):
            try:
                if predicate(node):
                    return node
            except Exception:  # defunct meanwhile
                continue
        time.sleep(0.3)
    raise AssertionError("not found on screen within %ds: %s" % (timeout, what))


def screen_named(app, title):
    return wait_for(app, lambda n: n.getRoleName() == "panel" and n.name == title,
                    "the screen \"%s\"" % title)


def button_problems(app):
    """The shown buttons, and what is wrong with them (no name, no Press action)."""
    buttons = [n for n in shown(app) if n.getRoleName() == "push button"]
    problems = []
    for button in buttons:
        _, names = actions(button)
        if not button.name.strip():
            problems.append("a button without a name")
        if "Press" not in names:
            problems.append("button \"%s\" has no Press action" % button.name)
    return buttons, problems


def check_screen(app, title, settle=5.0):
    """The screen is announced by its title; every button on it has a name and Press.

    The screen before it fades out for 150 ms, its bindings already let go of the session's
    values, and its objects leave the bus one by one: a problem counts only if it is still there
    once the screen change has settled (`settle` seconds at most)."""
    screen = screen_named(app, title)
    deadline = time.monotonic() + settle
    while True:
        try:
            buttons, problems = button_problems(app)
        except GLib.GError as error:  # an object of the old screen left the bus meanwhile
            buttons, problems = [], ["the tree changed while read: %s" % error.message]
        if not problems or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    if problems:
        raise AssertionError("%s: %s" % (title, "; ".join(problems)))
    print("ok: screen \"%s\": %d buttons, each named and pressable" % (title, len(buttons)))
    return screen


def press(app, name):
    button = wait_for(app, lambda n: n.getRoleName() == "push button" and n.name == name,
                      "the button \"%s\"" % name)
    action, names = actions(button)
    action.doAction(names.index("Press"))
    print("ok: pressed \"%s\"" % name)


def main():
    app = find_app()
    if app is None:
        print("FAIL: the kiosk did not appear on the AT-SPI bus")
        return 1
    try:
        check_screen(app, "首页")
        press(app, ITEM)
        check_screen(app, ITEM)  # the guide is titled with the item's name
        press(app, "开始办理")
        check_screen(app, "请将身份证放在感应区")
        press(app, "手工输入身份信息")
        check_screen(app, "请输入姓名和身份证号码")
        press(app, "人工帮助")
        wait_for(app, lambda n: n.getRoleName() == "dialog" and n.name == "需要帮助？",
                 "the help dialog")
        print("ok: the help dialog is announced")
    except AssertionError as failure:
        print("FAIL: %s" % failure)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
