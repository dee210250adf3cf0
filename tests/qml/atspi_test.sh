#!/usr/bin/env bash
# The kiosk as a screen reader gets it over AT-SPI (not Qt's in-process interfaces): its own
# D-Bus session, the AT-SPI bus, the kiosk under Xvfb with fake devices, and
# tests/qml/atspi_walk.py walking it with pyatspi by Press actions only.
# Usage: atspi_test.sh KIOSK CATALOG WORKDIR
set -euo pipefail
kiosk=$1
catalog=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/data"
cat >"$work/kiosk.toml" <<TOML
[kiosk]
id = "SC-510703-0042"
data_dir = "$work/data"

[platform]
url = "http://127.0.0.1:9"
allow_insecure_loopback = true

[catalog]
file = "$catalog"

[queue]
key_file = "$work/queue.key"

[devices]
card_reader = "fake"
code_scanner = "fake"
receipt_printer = "fake"
review_tablet = "fake"
TOML

if [ -z "${KIOSK_ATSPI_INNER:-}" ]; then
  # Everything below runs in a private session bus that ends with it.
  KIOSK_ATSPI_INNER=1 exec dbus-run-session -- bash "$0" "$@"
fi
/usr/libexec/at-spi-bus-launcher --launch-immediately &
bus=$!
# Xvfb started here (not through xvfb-run, which leaves its command running when killed), so
# every process this test starts is stopped by it.
Xvfb -displayfd 3 -screen 0 1080x1920x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
if [ ! -s "$work/display" ]; then
  echo "Xvfb gave no display within 10 s; its log:"
  cat "$work/xvfb.log"
  exit 1
fi
export DISPLAY=":$(head -n1 "$work/display")"
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
unset QT_QPA_PLATFORM
# KIOSK_ATSPI_ARGS: more options for the kiosk (--out-of-service for its page's check)
read -ra extra <<<"${KIOSK_ATSPI_ARGS:-}"
"$kiosk" --config "$work/kiosk.toml" --size 1080x1920 "${extra[@]}" >"$work/kiosk.log" 2>&1 &
shown=$!
status=0
/usr/bin/python3 "${KIOSK_ATSPI_SCRIPT:-$here/atspi_walk.py}" || status=$?
xvfb_state=$(kill -0 "$xvfb" 2>/dev/null && echo "still running" || echo "had ended")
kill "$shown" 2>/dev/null || true
wait "$shown" 2>/dev/null || true
kill "$xvfb" "$bus" 2>/dev/null || true
wait 2>/dev/null || true
if [ "$status" != 0 ]; then
  echo "--- kiosk log:"
  tail -20 "$work/kiosk.log"
  # "could not connect to display" once: say whether the X server was still there
  echo "--- Xvfb on $DISPLAY $xvfb_state; its log:"
  tail -5 "$work/xvfb.log"
fi
exit "$status"
