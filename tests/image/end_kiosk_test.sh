#!/usr/bin/env bash
# image/package/end-kiosk (kiosk.service's ExecStop=) without systemd: a stand-in cage (bash
# waiting for its one child and exiting with its status, 128+signal when it was killed, as
# Debian 12's cage does) whose child is named kiosk (a copy of sleep), the cgroup.procs file
# given by END_KIOSK_PROCS. The kiosk is ended and cage exits by itself (status 143); a hung
# (stopped) kiosk is killed after 10 s (cage's status 137); no MAINPID (after a crash) or a
# cage gone already: nothing to do. end-kiosk always exits 0 (systemd then ends what is left).
set -euo pipefail
script=$1
tmp=$(mktemp -d)
cage_pid=""
cleanup() {
    [ -z "$cage_pid" ] || kill -KILL "$cage_pid" "$(cat "$tmp/kiosk.pid" 2>/dev/null)" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "end_kiosk_test: FAILED: $1" >&2; exit 1; }
cp "$(command -v sleep)" "$tmp/kiosk"

start_cage() { # the stand-in cage in the background ($cage_pid), its kiosk in $tmp/kiosk.pid
    rm -f "$tmp/kiosk.pid"
    bash -c '"$1" 600 & echo $! >"$2"; wait $!' _ "$tmp/kiosk" "$tmp/kiosk.pid" &
    cage_pid=$!
    for _ in $(seq 100); do [ -s "$tmp/kiosk.pid" ] && break; sleep 0.05; done
    [ -s "$tmp/kiosk.pid" ] || fail "the stand-in kiosk did not start"
    printf '%s\n' "$cage_pid" "$(cat "$tmp/kiosk.pid")" "$$" >"$tmp/procs"
}
end_kiosk() { MAINPID=$1 END_KIOSK_PROCS=$tmp/procs "$script" 2>&1; }
cage_status() { local status=0; wait "$cage_pid" || status=$?; cage_pid=""; echo "$status"; }

# 1. the kiosk ends on SIGTERM, cage exits by itself (a zombie until reaped counts as gone)
start_cage
out=$(end_kiosk "$cage_pid") || fail "end-kiosk failed: $out"
grep -qx "end-kiosk: SIGTERM to the kiosk program; waiting for cage ($cage_pid) to exit" <<<"$out" ||
    fail "no 'SIGTERM to the kiosk' line: $out"
grep -qx 'end-kiosk: the kiosk ended and cage exited by itself in [0-9.]* s' <<<"$out" ||
    fail "no 'the kiosk ended' line: $out"
[ "$(wc -l <<<"$out")" = 2 ] || fail "end-kiosk said more than its two lines: $out"
[ "$(cage_status)" = 143 ] || fail "cage did not exit with its kiosk's SIGTERM status (143)"
echo "ok 1 - the kiosk ended, cage exited by itself: $out"

# 2. a hung kiosk (stopped: SIGTERM stays pending) is killed after 10 s
start_cage
kill -STOP "$(cat "$tmp/kiosk.pid")"
t=$SECONDS
out=$(end_kiosk "$cage_pid") || fail "end-kiosk failed: $out"
grep -q 'did not end within 10 s of SIGTERM: SIGKILL' <<<"$out" || fail "the hung kiosk was not killed: $out"
grep -q 'the kiosk ended and cage exited by itself' <<<"$out" || fail "cage did not exit: $out"
[ "$(cage_status)" = 137 ] || fail "cage did not exit with its killed kiosk's status (137)"
[ $((SECONDS - t)) -ge 9 ] || fail "the hung kiosk was killed before 10 s"
echo "ok 2 - a hung kiosk killed after $((SECONDS - t)) s"

# 3. no MAINPID (ExecStop= after a crash: cage is gone): nothing to do
out=$(MAINPID="" END_KIOSK_PROCS=$tmp/procs "$script" 2>&1) || fail "end-kiosk failed without MAINPID"
[ "$out" = "end-kiosk: no main process (cage has exited): nothing to end" ] ||
    fail "end-kiosk did not say why it has nothing to do: $out"
echo "ok 3 - no MAINPID: nothing to do"

# 4. a MAINPID that is gone already: nothing to do
start_cage
kill -TERM "$(cat "$tmp/kiosk.pid")"
cage_status >/dev/null
out=$(end_kiosk 999999999) || fail "end-kiosk failed for a cage that is gone"
[ "$out" = "end-kiosk: cage (999999999) has exited: nothing to end" ] ||
    fail "end-kiosk did not say why it has nothing to do: $out"
echo "ok 4 - cage gone already: nothing to do"
