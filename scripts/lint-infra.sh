#!/usr/bin/env bash
# Lints and compiles the Bicep templates under infra/ with a pinned Bicep CLI.
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (version pinned in
# Directory.Packages.props), restored by a throwaway project created OUTSIDE the repo so that the
# repo's Directory.Build.props / central package management do not apply to it. The binary is cached
# in tools/bicep/bicep (gitignored).
#
# Fails on any Bicep warning or error. The compiled ARM template of infra/main.bicep is written to
# $BICEP_OUT_DIR/main.json (default: a fresh temp dir, printed at the end).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
TOOLS_DIR="$ROOT/tools/bicep"
BICEP="$TOOLS_DIR/bicep"

ensure_bicep() {
  if [[ -x "$BICEP" ]] && "$BICEP" --version 2>/dev/null | grep -q "version $BICEP_VERSION "; then
    return
  fi
  echo "Restoring Bicep CLI $BICEP_VERSION from NuGet..."
  local work
  work="$(mktemp -d)"
  # PackageDownload fetches the package without referencing it (no TFM assets needed).
  cat >"$work/bicep-download.csproj" <<CSPROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Azure.Bicep.CommandLine.linux-x64" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
CSPROJ
  dotnet restore "$work/bicep-download.csproj" --packages "$work/packages" --nologo -v quiet >/dev/null
  local src="$work/packages/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
  if [[ ! -f "$src" ]]; then
    echo "error: bicep binary not found in the restored package ($src)" >&2
    exit 1
  fi
  mkdir -p "$TOOLS_DIR"
  cp "$src" "$BICEP"
  chmod +x "$BICEP"
  rm -rf "$work"
}

ensure_bicep
echo "Using $("$BICEP" --version)"

OUT_DIR="${BICEP_OUT_DIR:-$(mktemp -d)}"
mkdir -p "$OUT_DIR"

# Offline-friendly: no registry modules are used, so nothing needs `bicep restore`.
export BICEP_TRACING_ENABLED=false

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
  run_checked "bicep build $f" "$BICEP" build "$ROOT/$f" --outfile "$target"
  run_checked "bicep lint  $f" "$BICEP" lint "$ROOT/$f"
done

if [[ $status -ne 0 ]]; then
  echo "Bicep lint failed." >&2
  exit 1
fi
echo "All Bicep files build and lint clean. Compiled main template: $OUT_DIR/main.json"
