#!/usr/bin/env bash
# The kiosk program's command line: a good configuration starts and saves a screenshot of the
# requested size (exit 0) or measures its start-up; a bad configuration, catalog, queue or
# option is refused with exit code 2
# and a message naming the file, line or key; with a trusted key it starts on a signed
# envelope and refuses a plain or tampered catalog; a running kiosk switches to a catalog
# installed with kioskctl. Usage: kiosk_cli_test.sh KIOSK CATALOG WORKDIR [KIOSKCTL]
set -euo pipefail
kiosk=$1
catalog=$2
work=$3
kioskctl=${4:-}
rm -rf "$work"
mkdir -p "$work/data"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

write_config() {  # write_config FILE CATALOG [EXTRA LINE]
    cat >"$1" <<TOML
[kiosk]
id = "SC-510703-0042"
data_dir = "$work/data"

[platform]
url = "http://127.0.0.1:9"
allow_insecure_loopback = true

[catalog]
file = "$2"

[queue]
key_file = "$work/queue.key"

[devices]
card_reader = "fake"
code_scanner = "fake"
receipt_printer = "fake"
review_tablet = "fake"
${3:-}
TOML
}

# expect CODE NAME COMMAND...: runs the command, keeps stderr in $work/NAME.err
expect() {
    local code=$1 name=$2
    shift 2
    local actual=0
    "$@" >"$work/$name.out" 2>"$work/$name.err" || actual=$?
    [ "$actual" -eq "$code" ] || fail "$name: exit code $actual, expected $code; stderr: $(cat "$work/$name.err")"
}

png_size() {  # the width x height in a PNG's IHDR chunk
    local bytes
    bytes=($(od -An -tu1 -j16 -N8 "$1"))
    echo "$(((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]))x$(((bytes[4] << 24) | (bytes[5] << 16) | (bytes[6] << 8) | bytes[7]))"
}

# A good configuration starts; --screenshot saves the first frame at --size and exits 0.
write_config "$work/good.toml" "$catalog"
expect 0 good "$kiosk" --config "$work/good.toml" --screenshot "$work/shot.png" --size 1080x1920
if [ -f "$work/shot.png" ]; then
    [ "$(png_size "$work/shot.png")" = 1080x1920 ] || fail "screenshot is $(png_size "$work/shot.png"), expected 1080x1920"
else
    fail "no screenshot written"
fi

# An unknown key: refused, naming the file, the line and the key.
write_config "$work/unknown.toml" "$catalog" 'volume = 3'
expect 2 unknown "$kiosk" --config "$work/unknown.toml" --screenshot "$work/never.png"
grep -q "unknown.toml:.*volume" "$work/unknown.err" || fail "unknown key: message lacks file/line/key: $(cat "$work/unknown.err")"

# A missing configuration file.
expect 2 missing "$kiosk" --config "$work/nonexistent.toml" --screenshot "$work/never.png"
grep -q "nonexistent.toml" "$work/missing.err" || fail "missing file: message lacks the path: $(cat "$work/missing.err")"

# A catalog that is not valid: refused, naming the catalog.
printf '{"schemaVersion": 1, "items": [' >"$work/broken.json"
write_config "$work/broken.toml" "$work/broken.json"
expect 2 broken "$kiosk" --config "$work/broken.toml" --screenshot "$work/never.png"
grep -q "broken.json" "$work/broken.err" || fail "broken catalog: message lacks the path: $(cat "$work/broken.err")"

# [maintenance] totp_secret_file: checked at start. A secret others can read is refused with
# the key named (never the secret); the same file made owner-only starts.
printf 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n' >"$work/maintenance.totp"
chmod 644 "$work/maintenance.totp"
write_config "$work/totp.toml" "$catalog" "$(printf '[maintenance]\ntotp_secret_file = "%s"' "$work/maintenance.totp")"
expect 2 totp_readable "$kiosk" --config "$work/totp.toml" --screenshot "$work/never.png"
grep -q "totp.toml: 'maintenance.totp_secret_file'.*chmod 600" "$work/totp_readable.err" || fail "readable secret: message lacks the key: $(cat "$work/totp_readable.err")"
if grep -q GEZDGNBV "$work/totp_readable.err"; then fail "the secret is in the message"; fi
chmod 600 "$work/maintenance.totp"
expect 0 totp_good "$kiosk" --config "$work/totp.toml" --screenshot "$work/totp.png" --size 540x960

# --measure-startup prints one JSON line once the first frame is on screen, then exits 0 (after
# starting the queue and the uplink, so the measured start is a whole one).
expect 0 measure "$kiosk" --config "$work/good.toml" --size 1080x1920 --measure-startup
grep -qE '^\{"firstFrameMs":[0-9]+,"rssKb":[0-9]+\}$' "$work/measure.out" ||
    fail "--measure-startup printed: $(cat "$work/measure.out")"
# The A4 printer for certificates comes from [devices] a4_printer; absent, there is none.
grep -q "no A4 printer" "$work/measure.err" || fail "no a4_printer: not said: $(cat "$work/measure.err")"
write_config "$work/a4.toml" "$catalog" 'a4_printer = "fake"'
expect 0 a4 "$kiosk" --config "$work/a4.toml" --size 1080x1920 --measure-startup
grep -q "A4 printer for certificates: fake" "$work/a4.err" || fail "a4_printer = fake: $(cat "$work/a4.err")"

# A document camera (a still picture standing in for it, as in the demo) joins the journey.
page=$(realpath "$(dirname "$0")/../data/document-page.jpg")
write_config "$work/camera.toml" "$catalog" "document_camera = \"image:$page\""
expect 0 camera "$kiosk" --config "$work/camera.toml" --size 1080x1920 --measure-startup
grep -q "document_camera (image): ready" "$work/camera.err" ||
    fail "document camera not ready: $(cat "$work/camera.err")"

# The audit trail under data_dir records each start (with the configuration's digest) and stop
# (the kiosk starts its services, and so the trail, after the first frame); kioskctl verifies it.
trail=("$work"/data/audit/trail-*.jsonl)
grep -q '"event":"kiosk.start"' "${trail[@]}" || fail "no kiosk.start in the audit trail"
grep -q '"event":"kiosk.stop"' "${trail[@]}" || fail "no kiosk.stop in the audit trail"
grep -q '"configSha256":"[0-9a-f]\{64\}"' "${trail[@]}" || fail "kiosk.start lacks the configuration digest"
if [ -n "$kioskctl" ]; then
    "$kioskctl" audit verify --data-dir "$work/data" >"$work/audit.out" 2>&1 ||
        fail "kioskctl audit verify: $(cat "$work/audit.out")"
fi

# An option the kiosk does not know is refused with the usage (it once started a kiosk that
# never exited); Qt's own options still reach Qt.
expect 2 bogus "$kiosk" --config "$work/good.toml" --measure-start
grep -q "unknown option --measure-start" "$work/bogus.err" && grep -q "Usage" "$work/bogus.err" ||
    fail "unknown option: $(cat "$work/bogus.err")"
expect 0 qtoption "$kiosk" -platform offscreen --config "$work/good.toml" --measure-startup

# An offline queue that cannot be opened (its key file is a folder) stops the kiosk with exit
# code 2 once the home screen has shown: it takes no application it could not keep.
mkdir -p "$work/keydir"
sed "s|^key_file = .*|key_file = \"$work/keydir\"|" "$work/good.toml" >"$work/badqueue.toml"
expect 2 badqueue "$kiosk" --config "$work/badqueue.toml" --screenshot "$work/never.png"
grep -q "offline queue" "$work/badqueue.err" || fail "unusable queue: $(cat "$work/badqueue.err")"

# A bad --size is refused; --version answers without a configuration.
expect 2 badsize "$kiosk" --config "$work/good.toml" --size 1080 --screenshot "$work/never.png"
expect 0 version "$kiosk" --version
grep -q "^kiosk " "$work/version.out" || fail "--version printed: $(cat "$work/version.out")"

# Signed catalogs (openssl CLI as an administrator would use it): with a trusted key the
# kiosk starts on an envelope, and refuses a plain catalog and a tampered envelope.
openssl genpkey -algorithm ed25519 -out "$work/admin.pem" 2>/dev/null
openssl pkey -in "$work/admin.pem" -pubout -out "$work/admin.pub.pem"
openssl pkeyutl -sign -inkey "$work/admin.pem" -rawin -in "$catalog" -out "$work/catalog.sig"
envelope() {  # envelope PAYLOAD_FILE: the JSON envelope of the file, signed above
    printf '{"alg":"ed25519","keyId":"province-2026-01","payload":"%s","signature":"%s"}' \
        "$(base64 -w0 "$1")" "$(base64 -w0 "$work/catalog.sig")"
}
trusted='[[catalog.trusted_keys]]
id = "province-2026-01"
alg = "ed25519"
public_key_file = "'"$work/admin.pub.pem"'"'
envelope "$catalog" >"$work/signed.json"
write_config "$work/signed.toml" "$work/signed.json" "$trusted"
expect 0 signed "$kiosk" --config "$work/signed.toml" --screenshot "$work/signed.png"
grep -q "catalog version" "$work/signed.err" || fail "signed catalog: no start message: $(cat "$work/signed.err")"
write_config "$work/plain.toml" "$catalog" "$trusted"
expect 2 plain "$kiosk" --config "$work/plain.toml" --screenshot "$work/never.png"
grep -q "plain catalog is not accepted" "$work/plain.err" || fail "plain catalog with keys: $(cat "$work/plain.err")"
sed 's/"hot": 9/"hot": 1/' "$catalog" >"$work/tampered-payload.json"
envelope "$work/tampered-payload.json" >"$work/tampered.json"
write_config "$work/tampered.toml" "$work/tampered.json" "$trusted"
expect 2 tampered "$kiosk" --config "$work/tampered.toml" --screenshot "$work/never.png"
grep -q "does not verify" "$work/tampered.err" || fail "tampered envelope: $(cat "$work/tampered.err")"

# A catalog installed with kioskctl while the kiosk runs is staged and, the kiosk being at its
# home screen, put in service within seconds, without a restart.
wait_for() {  # wait_for PATTERN FILE: up to 15 s
    for _ in $(seq 150); do
        grep -q "$1" "$2" && return 0
        sleep 0.1
    done
    return 1
}
if [ -n "$kioskctl" ]; then
    "$kiosk" --config "$work/signed.toml" --size 540x960 >"$work/live.out" 2>"$work/live.err" &
    live=$!
    wait_for "starting" "$work/live.err" || fail "live kiosk did not start: $(cat "$work/live.err")"
    sed 's/"catalogVersion": 2026112401/"catalogVersion": 2026112501/' "$catalog" >"$work/newer.json"
    openssl pkeyutl -sign -inkey "$work/admin.pem" -rawin -in "$work/newer.json" -out "$work/catalog.sig"
    envelope "$work/newer.json" >"$work/newer-signed.json"
    expect 0 live-install "$kioskctl" catalog install --config "$work/signed.toml" "$work/newer-signed.json"
    grep -q "within seconds" "$work/live-install.out" || fail "kioskctl install: $(cat "$work/live-install.out")"
    wait_for "catalog 2026112501 in service" "$work/live.err" ||
        fail "running kiosk did not switch to the installed catalog: $(cat "$work/live.err")"
    kill "$live"
    wait "$live" 2>/dev/null || true
fi

[ ! -e "$work/never.png" ] || fail "a refused start still wrote a screenshot"
[ "$failures" -eq 0 ] && echo "kiosk command line: all checks passed"
exit "$failures"
