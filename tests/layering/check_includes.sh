#!/usr/bin/env bash
# The layer rule of DESIGN.md, checked over #include lines:
# - arrows only point down: each folder includes only the folders in its row of `allowed`;
# - inside drivers/, each device class (card_reader/, code_scanner/, receipt_printer/,
#   review_tablet/, ...) is independent of the others: a folder drivers/X includes only
#   drivers/X and drivers/transport (what several classes share; move shared code there).
#   transport/ and fake/ follow the same rule. Only the files directly in drivers/ (the
#   registry, the composition point) include any driver;
# - no Qt below qml/ and kiosk/app;
# - project headers are included by their path from the root ("hal/card_reader.h"), never
#   with "../", which would slip past the rules above.
# Usage: check_includes.sh [ROOT]. Prints every violation and exits 1 if there is one.
# Its self-test, check_includes_test.sh, runs it over small violating trees.
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

# The driver folder a path under drivers/ belongs to ("card_reader" for
# drivers/card_reader/sam/frame.h), or "" for a file directly in drivers/; sets $unit.
driver_unit() {
  local rest=${1#drivers/}
  unit=""
  [[ $rest == */* ]] && unit=${rest%%/*}
  return 0
}

include_pattern='include[[:space:]]*[<"]([^">]+)[">]'
status=0
for layer in "${!allowed[@]}"; do
  [ -d "$layer" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    [[ ${line#*:*:} =~ $include_pattern ]] || continue
    target=${BASH_REMATCH[1]}
    if [[ $target == ../* || $target == */../* ]]; then
      echo "layer violation: $file includes \"$target\" (include project headers by their path from the root)"
      status=1
      continue
    fi
    for dir in $project_dirs; do
      [[ $target == "$dir/"* ]] || continue
      if [[ $dir != "$layer" && " ${allowed[$layer]} " != *" $dir "* ]]; then
        echo "layer violation: $file includes \"$target\" ($layer may include: ${allowed[$layer]:-nothing})"
        status=1
      fi
    done
    if [[ $layer == drivers && $target == drivers/* ]]; then
      driver_unit "$target"
      target_unit=$unit
      driver_unit "$file"
      if [[ -n $unit && $target_unit != "$unit" && $target_unit != transport ]]; then
        echo "driver violation: $file includes \"$target\" (drivers/$unit may include drivers/$unit and drivers/transport; share code through drivers/transport)"
        status=1
      fi
    fi
  done < <(grep -rnE '^\s*#\s*include\s*[<"]' "$layer" --include='*.h' --include='*.cpp' || true)
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
