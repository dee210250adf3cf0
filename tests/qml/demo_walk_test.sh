#!/usr/bin/env bash
# demo.walk: scripts/demo --demo-walk as a newcomer runs it (the kiosk walks one whole
# application by itself against platform-sim, the real SAM driver reading the reader
# simulator's card over a pty, and exits 0 only once it is back home after the rating), and then
# what the kiosk left behind (issue 19 part 2): nothing of the citizens in plaintext, UTF-8 or
# UTF-16, in the kiosk's data folder (queue, WAL, audit trail, installed catalog), its temporary
# and Qt cache folders, or its log (what journald keeps of it on the image). The platform-sim's
# own records, the simulators' logs and the printed receipts (pictures) are the other side's and
# are not searched. The process's memory is searched by qml_residual_data_test.
#   demo_walk_test.sh REPO SHOTS_DIR
set -euo pipefail
repo=$1 shots=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TMPDIR=$work/tmp XDG_CACHE_HOME=$work/cache
mkdir -p "$TMPDIR" "$XDG_CACHE_HOME"
demo=$repo/build/demo
rm -rf "$demo/data" # this run's data only

status=0
bash "$repo/scripts/demo" --demo-walk "$shots" >"$work/demo.log" 2>&1 || status=$?
cat "$work/demo.log"
[ "$status" = 0 ] || { echo "demo_walk_test: the walk failed (exit $status)" >&2; exit "$status"; }

# The citizens: the reader simulator's resident card, and what kioskctl simulate and the walk type.
/usr/bin/python3 - "$demo" "$work" <<'PY'
import os, sys
demo, work = sys.argv[1], sys.argv[2]

def with_check(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]

needles = {"name 李秀英": "李秀英", "ID number": with_check("51070319520308002"),
           "phone": "13800000000", "typed name 张演示": "张演示",
           "typed ID number": "11010519491231002X"}
skip = {"platform-state.json", "platform-sim.log", "idcard-reader-sim.log", "tablet-sim.log"}
roots = [os.path.join(demo, "data"), os.path.join(work, "tmp"), os.path.join(work, "cache")]
files = [os.path.join(work, "demo.log")]
for top in roots:
    for dirpath, _, names in os.walk(top):
        files += [os.path.join(dirpath, n) for n in names]
for name in os.listdir(demo):
    path = os.path.join(demo, name)
    if os.path.isfile(path) and name not in skip and not name.endswith(".png"):
        files.append(path)

findings = 0
for path in files:
    try:
        data = open(path, "rb").read()
    except OSError:
        continue
    for what, text in needles.items():
        for encoding in ("utf-8", "utf-16-le"):
            if text.encode(encoding) in data:
                print(f"demo_walk_test: {what} ({encoding}) in {path}")
                findings += 1
print(f"demo_walk_test: searched {len(files)} files of the kiosk for {len(needles)} values: "
      f"{findings} found")
sys.exit(1 if findings else 0)
PY
