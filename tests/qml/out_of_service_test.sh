#!/usr/bin/env bash
# kiosk --out-of-service (the page kiosk-out-of-service.service shows after a crash loop):
# rendered offscreen with --screenshot it is a real picture (not blank) of the requested size,
# also when the configuration cannot be read (perhaps the crash loop's cause); options that
# make no sense with it, and unknown ones, are still refused with exit code 2. A kiosk that is
# not provisioned (kiosk id UNPROVISIONED, the package's default) shows the same page in its
# not-provisioned form (尚未启用, 未配置) and starts nothing: no queue, no queue key.
# Usage: out_of_service_test.sh KIOSK WORKDIR
set -euo pipefail
kiosk=$1
work=$2
rm -rf "$work"
mkdir -p "$work/data"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cat >"$work/kiosk.toml" <<TOML
[kiosk]
id = "SC-510703-0042"
data_dir = "$work/data"

[platform]
url = "http://127.0.0.1:9"
allow_insecure_loopback = true

[queue]
key_file = "$work/queue.key"
TOML

# expect CODE NAME COMMAND...: runs the command, keeps stdout and stderr in $work/NAME.*
expect() {
    local code=$1 name=$2
    shift 2
    local actual=0
    "$@" >"$work/$name.out" 2>"$work/$name.err" || actual=$?
    [ "$actual" -eq "$code" ] || fail "$name: exit code $actual, expected $code; stderr: $(cat "$work/$name.err")"
}

png_size() { # the width x height in a PNG's IHDR chunk
    local bytes
    read -ra bytes <<<"$(od -An -tu1 -j16 -N8 "$1")"
    echo "$(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]))x$(((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]))"
}

# How many different byte values the PNG's decompressed image data holds: a blank
# (one-colour) page has a handful, a page with anti-aliased text hundreds.
png_variety() {
    python3 - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
pos, idat = 8, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    if kind == b"IDAT":
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
print(len(set(zlib.decompress(idat))))
PY
}

check_page() { # check_page NAME PNG: the page was saved, at 1080x1920, and is not blank
    if [ ! -f "$2" ]; then
        fail "$1: no screenshot written"
        return
    fi
    [ "$(png_size "$2")" = 1080x1920 ] || fail "$1: screenshot is $(png_size "$2"), expected 1080x1920"
    local variety
    variety=$(png_variety "$2")
    [ "$variety" -gt 32 ] || fail "$1: the page looks blank ($variety byte values in its image data)"
}

expect 0 page "$kiosk" --out-of-service --config "$work/kiosk.toml" --screenshot "$work/page.png" --size 1080x1920
check_page page "$work/page.png"

# A configuration that cannot be read still shows the page (without the kiosk id).
expect 0 noconfig "$kiosk" --out-of-service --config "$work/missing.toml" --screenshot "$work/noconfig.png" --size 1080x1920
check_page noconfig "$work/noconfig.png"
grep -q "configuration not read" "$work/noconfig.err" || fail "noconfig: the log does not say the configuration was not read"

# Not provisioned: the plain kiosk (no --out-of-service) shows the page's not-provisioned form,
# says why in its log, and opens no queue (the queue key comes with provisioning).
catalog=$(cd "$(dirname "$0")/../.." && pwd)/kiosk/data/catalog.json
sed -e 's/^id = .*/id = "UNPROVISIONED"/' -e '/^\[queue\]/i [catalog]\nfile = "'"$catalog"'"\n' \
    "$work/kiosk.toml" >"$work/unprovisioned.toml"
expect 0 unprovisioned "$kiosk" --config "$work/unprovisioned.toml" --screenshot "$work/unprovisioned.png" --size 1080x1920
check_page unprovisioned "$work/unprovisioned.png"
grep -q "this kiosk is not provisioned" "$work/unprovisioned.err" ||
    fail "unprovisioned: the log does not say the kiosk is not provisioned: $(cat "$work/unprovisioned.err")"
! cmp -s "$work/page.png" "$work/unprovisioned.png" ||
    fail "unprovisioned: the page is the out-of-service page, not its not-provisioned form"
[ ! -e "$work/queue.key" ] || fail "unprovisioned: the kiosk made a queue key of its own"

# Nothing else starts: no queue, no audit trail in the data directory.
[ -z "$(ls -A "$work/data")" ] || fail "the out-of-service page wrote into the data directory: $(ls -A "$work/data")"

# Unknown options and options that make no sense with it are refused.
expect 2 unknown "$kiosk" --out-of-service --blink --config "$work/kiosk.toml"
grep -q -- "--blink" "$work/unknown.err" || fail "unknown option: message lacks the option: $(cat "$work/unknown.err")"
expect 2 walk "$kiosk" --out-of-service --demo-walk "$work/walk" --config "$work/kiosk.toml"
expect 2 measure "$kiosk" --out-of-service --measure-startup --config "$work/kiosk.toml"

if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "out-of-service page: rendered, not blank, also without a configuration; bad options refused; an unprovisioned kiosk shows its not-provisioned form and opens no queue"
