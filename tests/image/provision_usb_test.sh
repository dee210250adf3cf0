#!/usr/bin/env bash
# image/overlay/usr/lib/kiosk/provision-usb (in its --dir mode: the folder of a mounted stick)
# with the real kioskctl: a stick without the file changes nothing; a file without a signed
# catalog beside it is refused (the kiosk would accept no catalog) and kept;
# kiosk-provisioning.toml with kiosk-catalog.envelope.json provisions the kiosk, installs the
# catalog and is wiped; a second stick is refused (no --replace from a stick) and kept; kioskctl
# provision --replace --json then accepts it (the catalog installed verifies with its key), but
# not with a catalog signed by another key; kioskctl refuses unknown options.
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
openssl genpkey -algorithm ED25519 -out "$k/other.key"
# the shipped catalog, signed with the file's trust key, and with another key under its id
"$kioskctl" catalog sign --key "$k/trust.key" --key-id province-2026-01 \
    "$root/kiosk/data/catalog.json" >"$k/catalog.envelope.json"
"$kioskctl" catalog sign --key "$k/other.key" --key-id province-2026-01 \
    "$root/kiosk/data/catalog.json" >"$k/other.envelope.json"
version=$(grep -o '"catalogVersion": *[0-9]*' "$root/kiosk/data/catalog.json" | grep -o '[0-9]*$')
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

# 2. the file alone is refused: with its trust key the kiosk would accept no catalog (the one
# configured is the package's plain catalog); nothing is written, the file kept
provisioning_file SC-510703-0042 >"$stick_file"
status=0
out=$("$script" --dir "$work/stick" 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "stick without a catalog: exit $status, expected 1: $out"
grep -q "the kiosk would accept no catalog" <<<"$out" || fail "stick without a catalog: $out"
grep -q "kiosk-catalog.envelope.json" <<<"$out" || fail "stick without a catalog: no remedy: $out"
[ -e "$stick_file" ] || fail "stick without a catalog: the refused file was removed"
grep -qE "^id = ['\"]UNPROVISIONED" "$work/etc/kiosk.toml" || fail "stick without a catalog changed the configuration"
[ ! -e "$work/etc/kiosk.key" ] || fail "stick without a catalog: kiosk.key written"

# 3. with the signed catalog beside it the file provisions the kiosk, the catalog is installed,
# and the file is wiped
cp "$k/catalog.envelope.json" "$work/stick/kiosk-catalog.envelope.json"
out=$("$script" --dir "$work/stick" 2>&1) || fail "first stick: exit $?: $out"
grep -q "provisioned kiosk SC-510703-0042" <<<"$out" || fail "first stick: $out"
grep -q "installed the signed catalog $version from $work/stick/kiosk-catalog.envelope.json" <<<"$out" ||
    fail "first stick: catalog not reported installed: $out"
cmp -s "$k/catalog.envelope.json" "$work/data/catalog/current.json" || fail "first stick: catalog not installed"
grep -q "wiped $stick_file" <<<"$out" || fail "first stick not reported wiped: $out"
[ ! -e "$stick_file" ] || fail "first stick: the file is still there"
grep -qE "^id = ['\"]SC-510703-0042" "$work/etc/kiosk.toml" || fail "first stick: kiosk id not written"
[ "$(stat -c %a "$work/etc/kiosk.key")" = 600 ] || fail "kiosk.key is not mode 0600"
[ "$(stat -c %s "$work/data/keys/queue.key")" = 32 ] || fail "queue.key is not 32 bytes"
grep -q "PRIVATE KEY" <<<"$out" && fail "the output shows the private key"

# 4. a second stick is refused and kept; the message says what is provisioned
provisioning_file SC-510703-0043 >"$stick_file"
status=0
out=$("$script" --dir "$work/stick" 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "second stick: exit $status, expected 1: $out"
grep -q "provisioned already, as kiosk SC-510703-0042" <<<"$out" || fail "second stick: $out"
grep -q -- "--replace" <<<"$out" || fail "second stick does not mention --replace: $out"
[ -e "$stick_file" ] || fail "second stick: the refused file was removed"
grep -qE "^id = ['\"]SC-510703-0042" "$work/etc/kiosk.toml" || fail "second stick changed the kiosk id"

# 5. a technician's --replace accepts it (JSON answer), the catalog installed verifying with its
# key; not with a catalog signed by another key
# (run from the configuration's folder: a relative --config works too)
out=$(cd "$work/etc" && "$kioskctl" provision --config kiosk.toml --replace --json "$stick_file" 2>&1) ||
    fail "--replace: exit $?: $out"
grep -q '"kioskId":"SC-510703-0043"' <<<"$out" || fail "--replace JSON: $out"
grep -q '"replaced":"SC-510703-0042"' <<<"$out" || fail "--replace JSON lacks replaced: $out"
grep -q '"sourceWiped":true' <<<"$out" || fail "--replace JSON lacks sourceWiped: $out"
grep -q '"offered":false' <<<"$out" || fail "--replace JSON: catalog not reported: $out"
grep -q "\"catalogVersion\":$version" <<<"$out" || fail "--replace JSON lacks the catalog version: $out"
grep -qE "^id = ['\"]SC-510703-0043" "$work/etc/kiosk.toml" || fail "--replace: kiosk id not written"
provisioning_file SC-510703-0044 >"$stick_file"
status=0
out=$("$kioskctl" provision --config "$KIOSK_CONFIG" --replace --catalog "$k/other.envelope.json" \
    "$stick_file" 2>&1) || status=$?
[ "$status" -eq 1 ] || fail "another key's catalog: exit $status, expected 1: $out"
grep -q "does not verify with the provisioned trust keys" <<<"$out" || fail "another key's catalog: $out"
grep -qE "^id = ['\"]SC-510703-0043" "$work/etc/kiosk.toml" || fail "another key's catalog changed the kiosk id"

# 6. usage errors
status=0
"$kioskctl" provision --force "$stick_file" >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "unknown option: exit $status, expected 2"
status=0
"$kioskctl" provision "$stick_file" --catalog >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "--catalog without a file: exit $status, expected 2"
status=0
"$script" --bogus >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "provision-usb --bogus: exit $status, expected 2"

if [ "$failures" -gt 0 ]; then
    echo "provision_usb_test: $failures failures"
    exit 1
fi
echo "provision_usb_test: all checks passed"
