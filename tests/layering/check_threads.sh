#!/usr/bin/env bash
# DESIGN.md: one worker model, and no exception may leave a thread. Every thread the kiosk and
# kioskctl start is a base::Worker, or its body runs through base::runGuarded(). This finds
# thread starts in the product's folders and fails on any file that starts one without it. A
# header is one module with its source (X.h with X.cpp): a thread member declared in the header
# is fine when the source runs its body through base::runGuarded().
# Usage: check_threads.sh [ROOT]   (exit 1 and the offending lines on a violation)
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
status=0
starts='std::(j)?thread[ ({]|std::async\(|pthread_create\(|QThread|QtConcurrent::run'
while IFS= read -r file; do
  case "$file" in
    base/worker.h | base/worker.cpp) continue ;; # the worker itself, which guards its steps
  esac
  module=("$file")
  case "$file" in *.h) [ -f "${file%.h}.cpp" ] && module+=("${file%.h}.cpp") ;; esac
  if ! grep -q 'base::runGuarded(' "${module[@]}"; then
    grep -nE "$starts" "$file" | sed "s|^|$file:|"
    status=1
  fi
done < <(grep -rlE "$starts" --include='*.cpp' --include='*.h' \
           base hal drivers offline_queue kiosk qml 2>/dev/null || true)
if [ "$status" -ne 0 ]; then
  echo "threads above start without base::Worker or base::runGuarded (DESIGN.md: one worker model)" >&2
fi
exit "$status"
