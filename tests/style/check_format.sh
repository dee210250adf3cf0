#!/usr/bin/env bash
# The C++ sources follow the checked-in .clang-format. Prints the files that do not and how
# to fix them; exits 1 if there is one.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
mapfile -t files < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find . -name '*.cpp' -o -name '*.h')
# All files through as few clang-format processes as xargs allows (one per file took 70 s of
# ctest's time, most of it starting clang-format; this takes about 5 s). Each file that differs
# gets "FILE:LINE:COL: error: code should be clang-formatted" lines.
status=0
report=$(printf '%s\0' "${files[@]}" | xargs -0 clang-format --dry-run --Werror 2>&1 >/dev/null) ||
  status=$?
mapfile -t unformatted < <(sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' \
  <<<"$report" | sort -u)
if [ ${#unformatted[@]} -gt 0 ]; then
  printf 'not formatted: %s\n' "${unformatted[@]}"
  echo "fix with: clang-format -i ${unformatted[*]}"
  exit 1
fi
if [ "$status" -ne 0 ]; then # failed, but not on formatting: say why
  printf '%s\n' "$report" | tail -n 20
  echo "clang-format failed (exit $status)"
  exit 1
fi
echo "${#files[@]} files follow .clang-format"
