#!/usr/bin/env bash
# Lints and compiles the Bicep templates under infra/ with the pinned Bicep CLI (scripts/bicep.sh restores it;
# its version is pinned once, in Directory.Packages.props).
#
# Fails on any Bicep warning or error. The compiled ARM template of infra/main.bicep is written to
# $BICEP_OUT_DIR/main.json (default: a fresh temp dir, printed at the end).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bicep() { bash "$ROOT/scripts/bicep.sh" "$@"; }

echo "Using $(bicep --version)"

OUT_DIR="${BICEP_OUT_DIR:-$(mktemp -d)}"
mkdir -p "$OUT_DIR"

status=0
mapfile -t files < <(cd "$ROOT" && find infra -name '*.bicep' -not -path '*/bin/*' | sort)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "error: no .bicep files under infra/" >&2
  exit 1
fi

run_checked() {
  # $1: label; rest: command. Fails on a non-zero exit or any diagnostic in the output.
  local label="$1"
  shift
  local output rc=0
  output="$("$@" 2>&1)" || rc=$?
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  if [[ $rc -ne 0 ]] || grep -Eq '(Warning|Error) [A-Za-z0-9-]+:|: (Warning|Error) ' <<<"$output"; then
    echo "FAIL: $label" >&2
    status=1
  else
    echo "ok:   $label"
  fi
}

for f in "${files[@]}"; do
  if [[ "$f" == "infra/main.bicep" ]]; then
    target="$OUT_DIR/main.json"
  else
    target="$OUT_DIR/modules/${f#infra/}"
    target="${target%.bicep}.json"
    mkdir -p "$(dirname "$target")"
  fi
  run_checked "bicep build $f" bicep build "$ROOT/$f" --outfile "$target"
  run_checked "bicep lint  $f" bicep lint "$ROOT/$f"
done

if [[ $status -ne 0 ]]; then
  echo "Bicep lint failed." >&2
  exit 1
fi
echo "All Bicep files build and lint clean. Compiled main template: $OUT_DIR/main.json"
