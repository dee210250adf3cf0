#!/usr/bin/env bash
# image/overlay/usr/lib/kiosk/provision-usb (in its --dir mode: the folder of a mounted stick)
# with the real kioskctl: a stick without the file changes nothing; kiosk-provisioning.toml
# provisions the kiosk and is wiped; a second stick is refused (no --replace from a stick) and
# kept; kioskctl provision --replace --json then accepts it; kioskctl refuses unknown options.
#   provision_usb_test.sh KIOSKCTL
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 KIOSKCTL" >&2; exit 2; }
kioskctl=$(readlink -f "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/image/overlay/usr/lib/kiosk/provision-usb
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Throwaway CA, client certificate and catalog trust key.
mkdir -p "$work/etc" "$work/data" "$work/stick" "$work/keys"
k=$work/keys
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=Test CA" -keyout "$k/ca.key" -out "$k/ca.pem" 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=SC-510703-0042" -keyout "$k/client.key" -out "$k/client.pem" 2>/dev/null
openssl genpkey -algorithm ED25519 -out "$k/trust.key"
openssl pkey -in "$k/trust.key" -pubout -out "$k/trust.pub"
provisioning_file() { # provisioning_file KIOSK_ID: the file's text on stdout
    printf 'format = 1\n\n[kiosk]\nid = "%s"\n\n[platform]\nurl = "https://platform.example.gov.cn/api"\n' "$1"
    printf "ca = '''\n%s\n'''\ncert = '''\n%s\n'''\nkey = '''\n%s\n'''\n\n" \
        "$(cat "$k/ca.pem")" "$(cat "$k/client.pem")" "$(cat "$k/client.key")"
    printf "[[catalog.trusted_keys]]\nid = \"province-2026-01\"\nalg = \"ed25519\"\npublic_key = '''\n%s\n'''\n\n" \
        "$(cat "$k/trust.pub")"
    printf '[queue]\nkey = "%s"\n' "$(openssl rand -hex 32)"
}
cat >"$work/etc/kiosk.toml" <<EOF
[kiosk]
id = "UNPROVISIONED"
data_dir = "$work/data"

[platform]
url = "https://platform.example.gov.cn/api"

[queue]
key_file = "$work/data/keys/queue.key"

[receipt]
location = "test"
EOF
export KIOSKCTL=$kioskctl KIOSK_CONFIG=$work/etc/kiosk.toml KIOSK_NO_RESTART=1
stick_file=$work/stick/kiosk-provisioning.toml

# 1. a stick without the file: nothing to do
out=$("$script" --dir "$work/stick" 2>&1) || fail "empty stick: exit $?: $out"
grep -q "nothing to do" <<<"$out" || fail "empty stick: $out"
grep -qE "^id = ['\"]UNPROVISIONED" "$work/etc/kiosk.toml" || fail "empty stick changed the configuration"

# 2. the file provisions the kiosk and is wiped
provisioning_file SC-510703-0042 >"$stick_file"
out=$("$script" --dir "$work/stick" 2>&1) || fail "first stick: exit $?: $out"
grep -q "provisioned kiosk SC-510703-0042" <<<"$out" || fail "first stick: $out"
grep -q "wiped $stick_file" <<<"$out" || fail "first stick not reported wiped: $out"
[ ! -e "$stick_file" ] || fail "first stick: the file is still there"
grep -qE "^id = ['\"]SC-510703-0042" "$work/etc/kiosk.toml" || fail "first stick: kiosk id not written"
[ "$(stat -c %a "$work/etc/kiosk.key")" = 600 ] || fail "kiosk.key is not mode 0600"
[ "$(stat -c %s "$work/data/keys/queue.key")" = 32 ] || fail "queue.key is not 32 bytes"
grep -q "PRIVATE KEY" <<<"$out" && fail "the output shows the private key"

# 3. a second stick is refused and kept; the message says what is provisioned
provisioning_file SC-510703-0043 >"$stick_file"
status=0
out=$("$script" --dir "$work/stick" 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "second stick: exit $status, expected 1: $out"
grep -q "provisioned already, as kiosk SC-510703-0042" <<<"$out" || fail "second stick: $out"
grep -q -- "--replace" <<<"$out" || fail "second stick does not mention --replace: $out"
[ -e "$stick_file" ] || fail "second stick: the refused file was removed"
grep -qE "^id = ['\"]SC-510703-0042" "$work/etc/kiosk.toml" || fail "second stick changed the kiosk id"

# 4. a technician's --replace accepts it (JSON answer)
# (run from the configuration's folder: a relative --config works too)
out=$(cd "$work/etc" && "$kioskctl" provision --config kiosk.toml --replace --json "$stick_file" 2>&1) ||
    fail "--replace: exit $?: $out"
grep -q '"kioskId":"SC-510703-0043"' <<<"$out" || fail "--replace JSON: $out"
grep -q '"replaced":"SC-510703-0042"' <<<"$out" || fail "--replace JSON lacks replaced: $out"
grep -q '"sourceWiped":true' <<<"$out" || fail "--replace JSON lacks sourceWiped: $out"
grep -qE "^id = ['\"]SC-510703-0043" "$work/etc/kiosk.toml" || fail "--replace: kiosk id not written"

# 5. usage errors
status=0
"$kioskctl" provision --force "$stick_file" >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "unknown option: exit $status, expected 2"
status=0
"$script" --bogus >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "provision-usb --bogus: exit $status, expected 2"

if [ "$failures" -gt 0 ]; then
    echo "provision_usb_test: $failures failures"
    exit 1
fi
echo "provision_usb_test: all checks passed"
