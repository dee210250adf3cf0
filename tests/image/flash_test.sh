#!/usr/bin/env bash
# image/flash on a tiny fake image (4 MiB, two data ranges) signed with a throwaway key:
# flashing to a FILE writes the image's bytes and says what it wrote; a bad signature, a bad
# SHA-256, a block map swapped together with its line in SHA256SUMS, a missing --key, an unknown option, a target that is neither a disk nor a file and
# the disk the system runs from are refused, and nothing is written. No root needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
flash=$root/image/flash
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# The artifacts, made as image/build makes them.
art=$work/image
mkdir -p "$art"
truncate -s 4M "$work/disk.img"
head -c 65536 /dev/urandom | dd of="$work/disk.img" bs=64k seek=3 conv=notrunc status=none
head -c 4096 /dev/urandom | dd of="$work/disk.img" bs=4096 seek=900 conv=notrunc status=none
bmaptool -q create -o "$art/kiosk.bmap" "$work/disk.img"
zstd -q -3 -f "$work/disk.img" -o "$art/kiosk.img.zst"
(cd "$art" && sha256sum kiosk.img.zst kiosk.bmap >SHA256SUMS)
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem" 2>/dev/null
openssl pkey -in "$work/key.pem" -pubout -out "$work/pub.pem"
openssl dgst -sha256 -sign "$work/key.pem" -out "$art/SHA256SUMS.sig" "$art/SHA256SUMS"

# run NAME EXPECTED_EXIT ARGS...: runs image/flash, keeps its output in $work/NAME.out
run() {
    local name=$1 want=$2 got=0
    shift 2
    "$flash" "$@" >"$work/$name.out" 2>&1 </dev/null || got=$?
    [ "$got" -eq "$want" ] || fail "$name: exit $got, expected $want: $(cat "$work/$name.out")"
}
says() { # says NAME TEXT: the output of run NAME contains TEXT
    grep -qF -- "$2" "$work/$1.out" || fail "$1: output lacks '$2': $(cat "$work/$1.out")"
}

# 1. flashing into a file writes the image and reports it
run ok 0 --key "$work/pub.pem" --from "$art" "$work/target.img"
cmp -s "$work/disk.img" "$work/target.img" || fail "ok: the target's bytes differ from the image"
says ok "to:      $work/target.img (file)"
says ok "sha256:  $(sha256sum "$art/kiosk.img.zst" | cut -d' ' -f1)"
says ok "bytes:   4194304 (image)"

# 2. a signature by another key is refused, nothing written
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/other.pem" 2>/dev/null
cp -r "$art" "$work/badsig"
openssl dgst -sha256 -sign "$work/other.pem" -out "$work/badsig/SHA256SUMS.sig" "$art/SHA256SUMS"
run badsig 1 --key "$work/pub.pem" --from "$work/badsig" "$work/badsig.img"
says badsig "signature"
[ ! -e "$work/badsig.img" ] || fail "badsig: the target was written"

# 3. an image or bmap that does not match the signed SHA256SUMS is refused, nothing written
cp -r "$art" "$work/badsum"
printf 'x' >>"$work/badsum/kiosk.img.zst"
run badsum 1 --key "$work/pub.pem" --from "$work/badsum" "$work/badsum.img"
says badsum "the SHA-256 of $work/badsum/kiosk.img.zst"
cp -r "$art" "$work/badbmap"
sed -i 's/<BlockSize>/ <BlockSize>/' "$work/badbmap/kiosk.bmap"
run badbmap 1 --key "$work/pub.pem" --from "$work/badbmap" "$work/badbmap.img"
says badbmap "the SHA-256 of $work/badbmap/kiosk.bmap"
# a block map swapped with its line in SHA256SUMS updated: the signature over SHA256SUMS fails
cp -r "$art" "$work/swapped"
sed -i 's/<BlockSize>/ <BlockSize>/' "$work/swapped/kiosk.bmap"
(cd "$work/swapped" && sha256sum kiosk.img.zst kiosk.bmap >SHA256SUMS)
run swapped 1 --key "$work/pub.pem" --from "$work/swapped" "$work/swapped.img"
says swapped "the signature $work/swapped/SHA256SUMS.sig does not verify"
for refused in badsum badbmap swapped; do
    [ ! -e "$work/$refused.img" ] || fail "$refused: the target was written"
done

# 4. usage: unknown options, no --key, two targets
run unknown 2 --key "$work/pub.pem" --from "$art" --force "$work/x.img"
says unknown "unknown option --force"
says unknown "usage: image/flash"
run nokey 2 --from "$art" "$work/x.img"
says nokey "--key PUBKEY.pem is required"
run twotargets 2 --key "$work/pub.pem" --from "$art" "$work/x.img" "$work/y.img"
[ ! -e "$work/x.img" ] || fail "usage errors wrote a target"

# 5. targets that are not a disk or a file; the disk the system runs from. A bmaptool that
# only records its call stands first in PATH, so a wrong answer cannot write to a real disk.
mkdir -p "$work/bin"
printf '#!/bin/sh\ntouch %s/bmaptool-called\nexit 1\n' "$work" >"$work/bin/bmaptool"
chmod +x "$work/bin/bmaptool"
PATH=$work/bin:$PATH run chardev 1 --key "$work/pub.pem" --from "$art" /dev/null
says chardev "neither a block device nor a regular file"
system=$(findmnt -nvo SOURCE --target / || true)
if [ -b "$system" ]; then
    PATH=$work/bin:$PATH run systemdisk 1 --key "$work/pub.pem" --from "$art" "$system"
    says systemdisk "refused:"
else
    echo "note: / is not on a block device here ($system); the system-disk refusal is not exercised"
fi
[ ! -e "$work/bmaptool-called" ] || fail "bmaptool ran for a refused target"

if [ "$failures" -gt 0 ]; then
    echo "flash_test: $failures failures"
    exit 1
fi
echo "flash_test: all checks passed"
