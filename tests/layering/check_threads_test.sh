#!/usr/bin/env bash
# Self-test of check_threads.sh: it fails on a raw thread, passes on a guarded one (also when a
# header declares it and its source guards it) and on a tree with none.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{base,hal,drivers,offline_queue,kiosk/core,qml}
echo 'void f() {}' > "$work/kiosk/core/plain.cpp"
bash "$here/check_threads.sh" "$work" || { echo "FAIL: a tree without threads was refused"; exit 1; }
echo 'void g() { std::thread t([] {}); t.join(); }' > "$work/drivers/raw.cpp"
if bash "$here/check_threads.sh" "$work" >/dev/null 2>&1; then
  echo "FAIL: a raw std::thread was not found"; exit 1
fi
echo 'void g() { std::jthread t([] { base::runGuarded("x", [] {}); }); }' > "$work/drivers/raw.cpp"
bash "$here/check_threads.sh" "$work" || { echo "FAIL: a guarded thread was refused"; exit 1; }
# A header declaring a thread member whose source guards the body is one module.
echo 'struct P { std::jthread thread_; };' > "$work/kiosk/core/p.h"
if bash "$here/check_threads.sh" "$work" >/dev/null 2>&1; then
  echo "FAIL: a header's thread without a guarded source was not found"; exit 1
fi
echo 'P::P() : thread_([] { base::runGuarded("p", [] {}); }) {}' > "$work/kiosk/core/p.cpp"
bash "$here/check_threads.sh" "$work" || { echo "FAIL: a header whose source guards its thread was refused"; exit 1; }
echo 'void h() { auto f = std::async(std::launch::async, [] {}); }' > "$work/offline_queue/a.cpp"
if bash "$here/check_threads.sh" "$work" >/dev/null 2>&1; then
  echo "FAIL: std::async was not found"; exit 1
fi
echo "check_threads self-test passed"
