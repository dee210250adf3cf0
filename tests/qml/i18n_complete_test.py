#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""i18n.complete: every string the UI marks for translation has its English translation.

Runs lupdate the way `update_translations` does (the same project: qml/, kiosk/core/, the same
options) into a copy of the committed qml/i18n/kiosk_en_US.ts in a temporary folder, and fails on
 - a message lupdate adds or leaves `type="unfinished"` (a new qsTr() or
   base::CitizenText::tr() without a translation, or a changed source text),
 - a message of the committed file lupdate no longer finds (its text vanished from the sources:
   the committed file is stale),
 - a translation that is empty or still has Chinese characters in it,
 - a message the committed file itself marks unfinished, vanished or obsolete.
Usage: i18n_complete_test.py CMAKE LUPDATE PROJECT_CMAKE GENERATOR_SCRIPT TS_FILE [LUPDATE_OPTION...]
"""
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def messages(ts_path):
    """(context, source) -> the <message> element."""
    out = {}
    for context in ET.parse(ts_path).getroot().findall("context"):
        name = context.findtext("name")
        for message in context.findall("message"):
            out[(name, message.findtext("source"))] = message
    return out


def problems_of(message):
    translation = message.find("translation")
    if translation is None:
        return ["no translation"]
    kind = translation.get("type")
    if kind in ("unfinished", "vanished", "obsolete"):
        return [kind]
    texts = [form.text or "" for form in translation.findall("numerusform")] or [translation.text or ""]
    problems = []
    if any(not text.strip() for text in texts):
        problems.append("empty translation")
    if any(CJK.search(text) for text in texts):
        problems.append("translation still in Chinese: " + " | ".join(texts))
    return problems


def main():
    cmake, lupdate, project_cmake, generator, committed = sys.argv[1:6]
    options = sys.argv[6:]
    with tempfile.TemporaryDirectory() as temp:
        project_json = Path(temp) / "project.json"
        subprocess.run([cmake, f"-DIN_FILE={project_cmake}", f"-DOUT_FILE={project_json}", "-P",
                        generator], check=True)
        fresh = Path(temp) / Path(committed).name
        shutil.copyfile(committed, fresh)
        result = subprocess.run([lupdate, "-project", str(project_json), *options, "-ts", str(fresh)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout, result.stderr)
            return 1
        before = messages(committed)
        after = messages(fresh)
        failures = []
        for key, message in after.items():
            for problem in problems_of(message):
                failures.append(f"{key[0]}: \"{key[1]}\": {problem}")
        for key, message in before.items():
            kind = message.find("translation").get("type") if message.find("translation") is not None else None
            if kind in ("unfinished", "vanished", "obsolete"):
                failures.append(f"{key[0]}: \"{key[1]}\": {kind} in the committed file")
        for key in before.keys() - after.keys():
            failures.append(f"{key[0]}: \"{key[1]}\": no longer in the sources (the .ts is stale)")
    print(f"{len(after)} messages in {Path(committed).name}, {len(failures)} problems")
    for failure in failures:
        print("  " + failure)
    if failures:
        print("Run `cmake --build build --target update_translations`, translate what is unfinished "
              "(Qt Linguist: linguist qml/i18n/kiosk_en_US.ts) and commit the .ts file.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
