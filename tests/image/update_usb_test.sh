#!/usr/bin/env bash
# image/overlay/usr/lib/kiosk/update-usb (in its --dir mode: the folder of a mounted stick) with
# stubs for rauc and systemctl (RAUC, SYSTEMCTL) that record their calls: no bundle on the stick
# changes nothing; two bundles are refused; a bundle rauc info refuses (signature) is not
# installed; a bundle a slot holds already is not installed again (a stick left in the kiosk);
# a trial boot is waited for, and refused if it is not committed in time; a failed install says
# rauc's reason; an install says that the kiosk reboots between citizen sessions, or reboots at
# once when kiosk.service has failed; unknown options are refused.
#   update_usb_test.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
script=$root/image/overlay/usr/lib/kiosk/update-usb
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

stub=$work/stub
mkdir -p "$stub" "$work/stick"
digest=4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b
other=b007b007b007b007b007b007b007b007b007b007b007b007b007b007b007b007
# rauc: `info` prints info.out (exit info.exit); `status` prints status.out, or status.next from
# the second call on when it exists (a trial boot committed meanwhile); `install` prints
# install.out (exit install.exit).
cat >"$stub/rauc" <<'EOF'
#!/usr/bin/env bash
dir=$(dirname "$0")
echo "$*" >>"$dir/calls.log"
case $1 in
info) cat "$dir/info.out"; exit "$(cat "$dir/info.exit" 2>/dev/null || echo 0)" ;;
status)
    if [ -f "$dir/status.seen" ] && [ -f "$dir/status.next" ]; then cat "$dir/status.next"
    else cat "$dir/status.out"; fi
    touch "$dir/status.seen" ;;
install) cat "$dir/install.out"; exit "$(cat "$dir/install.exit" 2>/dev/null || echo 0)" ;;
*) exit 1 ;;
esac
EOF
cat >"$stub/systemctl" <<'EOF'
#!/usr/bin/env bash
dir=$(dirname "$0")
echo "systemctl $*" >>"$dir/calls.log"
[ "$1" != is-failed ] || [ -f "$dir/kiosk.failed" ]
EOF
chmod +x "$stub/rauc" "$stub/systemctl"
export RAUC=$stub/rauc SYSTEMCTL=$stub/systemctl KIOSK_COMMIT_WAIT=0 KIOSK_COMMIT_POLL=0

info() { # info DIGEST: rauc info --output-format=shell of a bundle holding that image
    printf "RAUC_MF_COMPATIBLE='kiosk-x86-qemu'\nRAUC_MF_VERSION='1.2.0'\nRAUC_MF_FORMAT='verity'\n"
    printf "RAUC_IMAGE_NAME_0='rootfs.ext4'\nRAUC_IMAGE_CLASS_0='rootfs'\nRAUC_IMAGE_DIGEST_0='%s'\n" "$1"
}
status() { # status BOOTED_BOOT_STATUS DIGEST_OF_THE_OTHER_SLOT: rauc status, booted from A
    printf "RAUC_SYSTEM_BOOTED_BOOTNAME='A'\nRAUC_BOOT_PRIMARY='rootfs.0'\nRAUC_SLOTS='1 2'\n"
    printf "RAUC_SLOT_STATE_1='booted'\nRAUC_SLOT_BOOTNAME_1='A'\nRAUC_SLOT_BOOT_STATUS_1='%s'\n" "$1"
    printf "RAUC_SLOT_STATE_2='inactive'\nRAUC_SLOT_BOOTNAME_2='B'\nRAUC_SLOT_BOOT_STATUS_2='good'\n"
    printf "RAUC_SLOT_STATUS_CHECKSUM_SHA256_2='%s'\n" "$2"
}
reset() { # a stick with the given files (empty ones); a healthy kiosk booted from a good A
    rm -rf "$work/stick" "$stub"/*.out "$stub"/*.exit "$stub"/status.* "$stub/calls.log" \
        "$stub/kiosk.failed"
    mkdir -p "$work/stick"
    for file in "$@"; do : >"$work/stick/$file"; done
    info "$digest" >"$stub/info.out"
    status good "$other" >"$stub/status.out"
    echo "Installing $work/stick/x succeeded" >"$stub/install.out"
    : >"$stub/calls.log"
}
run() { # run: the script on the stick; its output in $out, its exit code in $code
    code=0
    out=$("$script" --dir "$work/stick" 2>&1) || code=$?
}
calls() { cat "$stub/calls.log"; }
installed() { grep -q '^install ' "$stub/calls.log"; }

# 1. no bundle on the stick (a provisioning stick): nothing to do, rauc not asked
reset kiosk-provisioning.toml notes.txt
run
[ "$code" -eq 0 ] || fail "no bundle: exit $code: $out"
grep -q "no \*.raucb on $work/stick: nothing to do" <<<"$out" || fail "no bundle: $out"
[ -z "$(calls)" ] || fail "no bundle: rauc or systemctl was called: $(calls)"

# 2. two bundles (one named in capitals): refused, both named, nothing installed
reset kiosk-1.2.0.raucb OLD.RAUCB
run
[ "$code" -eq 1 ] || fail "two bundles: exit $code, expected 1: $out"
grep -q "2 bundles on $work/stick (.*): refused, nothing installed" <<<"$out" || fail "two bundles: $out"
for name in OLD.RAUCB kiosk-1.2.0.raucb; do
    grep -q "$name" <<<"$out" || fail "two bundles: $name not named: $out"
done
[ -z "$(calls)" ] || fail "two bundles: rauc was called: $(calls)"

# 3. a bundle rauc info refuses (a foreign signature): not installed, rauc's reason given
reset kiosk-1.2.0.raucb
echo "signature verification failed: Verify error:certificate verify failed" >"$stub/info.out"
echo 1 >"$stub/info.exit"
run
[ "$code" -eq 1 ] || fail "foreign signature: exit $code, expected 1: $out"
grep -q "kiosk-1.2.0.raucb refused by rauc info (exit 1): signature verification failed" <<<"$out" ||
    fail "foreign signature: $out"
installed && fail "foreign signature: installed: $(calls)"

# 4. a bundle whose image a slot holds already (installed before, or rolled back): not again
reset kiosk-1.2.0.raucb
status good "$digest" >"$stub/status.out"
run
[ "$code" -eq 0 ] || fail "installed already: exit $code: $out"
grep -q "a slot holds the image of kiosk-1.2.0.raucb already (installed before): nothing to do" <<<"$out" ||
    fail "installed already: $out"
installed && fail "installed already: installed again: $(calls)"

# 5. a trial boot not committed in time: refused, nothing installed
reset kiosk-1.2.0.raucb
status bad "$other" >"$stub/status.out"
run
[ "$code" -eq 1 ] || fail "trial boot: exit $code, expected 1: $out"
grep -q "the running slot is not committed" <<<"$out" || fail "trial boot: $out"
installed && fail "trial boot: installed over the fallback slot: $(calls)"

# 6. a trial boot committed while the script waits: installed then
reset kiosk-1.2.0.raucb
status bad "$other" >"$stub/status.out"
status good "$other" >"$stub/status.next"
KIOSK_COMMIT_WAIT=60 run
[ "$code" -eq 0 ] || fail "trial boot committed: exit $code: $out"
grep -q "waiting for the kiosk's health check to commit the running slot" <<<"$out" ||
    fail "trial boot committed: no wait said: $out"
installed || fail "trial boot committed: not installed: $(calls)"

# 7. rauc install fails: says so with rauc's reason, no reboot
reset kiosk-1.2.0.raucb
printf 'installing\nLastError: Failed to check bundle payload: hash mismatch\nidle\nInstalling x failed\n' \
    >"$stub/install.out"
echo 1 >"$stub/install.exit"
run
[ "$code" -eq 1 ] || fail "failed install: exit $code, expected 1: $out"
grep -q "installing kiosk-1.2.0.raucb failed (rauc exit 1): LastError: Failed to check bundle payload: hash mismatch" <<<"$out" ||
    fail "failed install: $out"
grep -q "reboot" <<<"$(calls)" && fail "failed install: a reboot was asked: $(calls)"

# 8. installed with the kiosk running: the kiosk reboots between sessions, the script does not
reset kiosk-1.2.0.raucb
run
[ "$code" -eq 0 ] || fail "install: exit $code: $out"
grep -q "^install $work/stick/kiosk-1.2.0.raucb$" "$stub/calls.log" || fail "install: $(calls)"
grep -q "kiosk-1.2.0.raucb on $work/stick: version 1.2.0, 0 bytes, image sha256 $digest" <<<"$out" ||
    fail "install: the bundle is not described: $out"
grep -q "installed kiosk-1.2.0.raucb (version 1.2.0) into the other slot" <<<"$out" ||
    fail "install: $out"
grep -q "the kiosk reboots into it between citizen sessions" <<<"$out" || fail "install: $out"
grep -q "systemctl --no-block reboot" <<<"$(calls)" && fail "install: rebooted under the kiosk"

# 9. installed while kiosk.service has failed (out-of-service page): reboots at once
reset kiosk-1.2.0.raucb
touch "$stub/kiosk.failed"
run
[ "$code" -eq 0 ] || fail "install, kiosk failed: exit $code: $out"
grep -q "kiosk.service has failed, nobody is served: rebooting now" <<<"$out" ||
    fail "install, kiosk failed: $out"
grep -q "systemctl --no-block reboot" <<<"$(calls)" || fail "install, kiosk failed: no reboot: $(calls)"

# 10. usage errors
for args in "--bogus" "--dir" "/dev/sdz extra"; do
    status=0
    # shellcheck disable=SC2086 # the words are the arguments
    "$script" $args >/dev/null 2>&1 || status=$?
    [ "$status" -eq 2 ] || fail "update-usb $args: exit $status, expected 2"
done

if [ "$failures" -gt 0 ]; then
    echo "update_usb_test: $failures failures"
    exit 1
fi
echo "update_usb_test: all checks passed"
