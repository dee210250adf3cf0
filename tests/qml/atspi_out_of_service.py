#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The out-of-service page as a screen reader gets it over AT-SPI.

Run by tests/qml/atspi_test.sh with KIOSK_ATSPI_ARGS=--out-of-service: the window is titled
暂停服务, the page's texts (the title, what to do instead, the kiosk id and the time) are read
as text, and there is nothing to press (no button, no press or toggle action anywhere). Exit status 0 when
all of it held; 1 with what failed.
"""
import sys
import time

import pyatspi

KIOSK = "kiosk"
TITLE = "暂停服务"
ADVICE = "本机暂时无法使用，请到服务窗口办理。"
KIOSK_ID = "SC-510703-0042"


def find_app(timeout=60.0):
    end = time.time() + timeout
    while time.time() < end:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == KIOSK:
                return app
        time.sleep(0.5)
    return None


def nodes(node):
    try:
        children = list(node)
    except Exception:  # defunct meanwhile
        return
    yield node
    for child in children:
        yield from nodes(child)


# Actions that do something for the citizen (a text's own actions, such as focusing it, do not)
DOING = {"press", "click", "toggle", "activate", "increase", "decrease"}


def doing_actions(node):
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    names = [action.getName(i) for i in range(action.nActions)]
    return [name for name in names if name.lower() in DOING]


def main():
    app = find_app()
    if app is None:
        print("FAIL: the kiosk is not on the accessibility bus")
        return 1
    end = time.time() + 30
    texts = []
    while time.time() < end:
        texts = [n.name for n in nodes(app) if n.getRoleName() in ("label", "static")]
        if ADVICE in texts:
            break
        time.sleep(0.5)
    failures = []
    windows = [n.name for n in app]
    if TITLE not in windows:
        failures.append(f"no window titled {TITLE}: {windows}")
    for wanted in (TITLE, ADVICE):
        if wanted not in texts:
            failures.append(f"text {wanted} not readable: {texts}")
    if not any(KIOSK_ID in text for text in texts):
        failures.append(f"the kiosk id is not readable: {texts}")
    pressable = [f"{n.getRoleName()} {n.name!r} {doing_actions(n)}" for n in nodes(app)
                 if n.getRoleName() == "push button" or doing_actions(n)]
    if pressable:
        failures.append(f"something to press on a page that has nothing to press: {pressable}")
    for failure in failures:
        print("FAIL:", failure)
    if not failures:
        print(f"out-of-service page: window {TITLE}, {len(texts)} texts read, nothing to press")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
