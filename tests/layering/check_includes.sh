#!/usr/bin/env bash
# The layer rule of DESIGN.md, checked over #include lines: arrows only point down, and
# no Qt below qml/ and kiosk/app. Prints every violation and exits 1 if there is one.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"

# folder -> project folders its code may include (besides itself and system headers)
declare -A allowed=(
  [base]=""
  [hal]="base"
  [drivers]="base hal"
  [offline_queue]="base"
  [platform_sim]="base"
  [kiosk/core]="base hal offline_queue"
  [kiosk/ctl]="base hal drivers offline_queue platform_sim kiosk/core"
  [qml]="base hal kiosk/core"
  [kiosk/app]="base hal drivers offline_queue kiosk/core qml"
)
project_dirs="base hal drivers offline_queue platform_sim kiosk/core kiosk/ctl kiosk/app qml"
qt_free="base hal drivers offline_queue platform_sim kiosk/core kiosk/ctl"

status=0
for layer in "${!allowed[@]}"; do
  [ -d "$layer" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    target=$(sed -E 's/.*#include *"([^"]+)".*/\1/' <<<"${line#*:*:}")
    for dir in $project_dirs; do
      if [[ $target == "$dir/"* && $dir != "$layer" ]]; then
        if [[ " ${allowed[$layer]} " != *" $dir "* ]]; then
          echo "layer violation: $file includes \"$target\" ($layer may include: ${allowed[$layer]:-nothing})"
          status=1
        fi
      fi
    done
  done < <(grep -rnE '^\s*#\s*include\s*"' "$layer" --include='*.h' --include='*.cpp' || true)
done

for layer in $qt_free; do
  [ -d "$layer" ] || continue
  if grep -rnE '^\s*#\s*include\s*<Q[A-Za-z]+(/[A-Za-z]+)?>|^\s*#\s*include\s*<Qt[A-Za-z]+/' \
       "$layer" --include='*.h' --include='*.cpp'; then
    echo "layer violation: Qt included in $layer (only qml/ and kiosk/app may use Qt)"
    status=1
  fi
done

[ $status -eq 0 ] && echo "layer rule holds"
exit $status
