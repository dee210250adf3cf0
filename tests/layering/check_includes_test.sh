#!/usr/bin/env bash
# Self-test of check_includes.sh: it passes on a small clean tree and fails, naming the file,
# on each kind of violation added to a copy of it (Qt below qml/ and kiosk/app, an upward
# include, one driver class including another, a "../" include). Trees live in a temp dir.
set -euo pipefail
check=$(cd "$(dirname "$0")" && pwd)/check_includes.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# put FILE LINE...: writes the lines into FILE under the current tree, making its folders.
put() {
  local file=$tree/$1
  shift
  mkdir -p "$(dirname "$file")"
  printf '%s\n' "$@" >"$file"
}

# A tree that keeps every rule, with one file per layer and the includes each may have.
make_clean_tree() {
  tree=$1
  put base/result.h '#pragma once' '#include <string>'
  put hal/card_reader.h '#pragma once' '#include "base/result.h"'
  put drivers/transport/serial_port.h '#pragma once' '#include "hal/card_reader.h"'
  put drivers/card_reader/sam_card_reader.h '#pragma once' \
    '#include "drivers/transport/serial_port.h"' '#include "drivers/card_reader/sam/frame.h"'
  put drivers/card_reader/sam/frame.h '#pragma once' '#include "base/result.h"'
  put drivers/code_scanner/serial/serial_code_scanner.cpp \
    '#include "drivers/transport/serial_port.h"' '#include <opencv2/core.hpp>'
  put drivers/fake/fake_card_reader.h '#pragma once' '#include "hal/card_reader.h"'
  put drivers/registry.cpp '#include "drivers/registry.h"' \
    '#include "drivers/card_reader/sam_card_reader.h"' \
    '#include "drivers/code_scanner/serial/serial_code_scanner.h"' \
    '#include "drivers/fake/fake_card_reader.h"'
  put drivers/registry.h '#pragma once' '#include "hal/card_reader.h"'
  put offline_queue/store.h '#pragma once' '#include "base/result.h"'
  put platform_sim/server.h '#pragma once' '#include "base/result.h"'
  put kiosk/core/session.h '#pragma once' '#include "hal/card_reader.h"' \
    '#include "offline_queue/store.h"'
  put kiosk/ctl/main.cpp '#include "drivers/registry.h"' '#include "kiosk/core/session.h"' \
    '#include "platform_sim/server.h"'
  put qml/catalog_view_model.h '#pragma once' '#include <QObject>' '#include "kiosk/core/session.h"'
  put kiosk/app/main.cpp '#include <QtGui/QGuiApplication>' '#include "qml/catalog_view_model.h"' \
    '#include "drivers/registry.h"' '#include "offline_queue/store.h"'
}

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

make_clean_tree "$work/clean"
if ! output=$(bash "$check" "$work/clean" 2>&1); then
  fail "the clean tree is refused:"$'\n'"$output"
elif [[ $output != *"layer rule holds"* ]]; then
  fail "the clean tree passes without saying so: $output"
fi

# expect_violation NAME FILE LINE: a copy of the clean tree with LINE added to FILE must make
# the check exit 1 and name FILE.
expect_violation() {
  local name=$1 file=$2 line=$3
  local copy=$work/$name
  cp -r "$work/clean" "$copy"
  tree=$copy
  if [ -f "$copy/$file" ]; then
    printf '%s\n' "$line" >>"$copy/$file"
  else
    put "$file" "$line"
  fi
  local output rc=0
  output=$(bash "$check" "$copy" 2>&1) || rc=$?
  if [ $rc -ne 1 ]; then
    fail "$name: exit $rc, expected 1 ($file: $line)"$'\n'"$output"
  elif [[ $output != *"$file"* || $output != *violation* ]]; then
    fail "$name: the violation in $file is not named:"$'\n'"$output"
  else
    echo "ok: $name"
  fi
}

# Qt below qml/ and kiosk/app
expect_violation qt-in-core kiosk/core/session.h '#include <QString>'
expect_violation qt-module-in-driver drivers/card_reader/sam/frame.h '#include <QtCore/QByteArray>'
expect_violation qt-in-kioskctl kiosk/ctl/main.cpp '#include <QCoreApplication>'
# Upward includes
expect_violation hal-includes-core hal/card_reader.h '#include "kiosk/core/session.h"'
expect_violation base-includes-hal base/result.h '#include "hal/card_reader.h"'
expect_violation core-includes-qml kiosk/core/session.h '#include "qml/catalog_view_model.h"'
expect_violation core-includes-drivers kiosk/core/session.h '#include "drivers/registry.h"'
expect_violation queue-includes-hal offline_queue/store.h '#include "hal/card_reader.h"'
expect_violation qml-includes-app qml/catalog_view_model.h '#include "kiosk/app/runtime.h"'
expect_violation angle-bracket-upward hal/card_reader.h '#include <kiosk/core/session.h>'
# One driver class including another, or the composition point, or a fake
expect_violation reader-includes-scanner drivers/card_reader/sam_card_reader.h \
  '#include "drivers/code_scanner/line_scanner.h"'
expect_violation scanner-includes-reader drivers/code_scanner/serial/serial_code_scanner.cpp \
  '#include "drivers/card_reader/sam/frame.h"'
expect_violation printer-includes-tablet drivers/receipt_printer/escpos/escpos_printer.cpp \
  '#include "drivers/review_tablet/serial/tablet_link.h"'
expect_violation transport-includes-class drivers/transport/serial_port.h \
  '#include "drivers/card_reader/sam/frame.h"'
expect_violation driver-includes-registry drivers/card_reader/sam/frame.h \
  '#include "drivers/registry.h"'
expect_violation driver-includes-fake drivers/code_scanner/serial/serial_code_scanner.cpp \
  '#include "drivers/fake/fake_card_reader.h"'
expect_violation fake-includes-class drivers/fake/fake_card_reader.h \
  '#include "drivers/card_reader/sam/frame.h"'
# A relative include that would slip past the rules
expect_violation relative-include drivers/card_reader/sam/frame.h \
  '#include "../../code_scanner/line_scanner.h"'

if [ $failures -ne 0 ]; then
  echo "$failures self-test case(s) failed"
  exit 1
fi
echo "check_includes.sh passes the clean tree and refuses every violation"
