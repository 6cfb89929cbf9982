#!/usr/bin/env bash
# Runs the pinned Bicep CLI: scripts/bicep.sh <bicep arguments>, e.g. `scripts/bicep.sh build infra/main.bicep`.
#
# The version is the one pinned for Azure.Bicep.CommandLine.linux-x64 in Directory.Packages.props (the only
# place it is written). The CLI comes from that NuGet package, restored by a throwaway project created OUTSIDE
# the repo so that the repo's Directory.Build.props / central package management do not apply to it, and is
# cached in tools/bicep/bicep (gitignored). Used by scripts/lint-infra.sh and by tests/Serverless.Infra.Tests.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BICEP_VERSION="$(sed -n 's/.*PackageVersion Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' "$ROOT/Directory.Packages.props")"
if [[ -z "$BICEP_VERSION" ]]; then
  echo "error: no Azure.Bicep.CommandLine.linux-x64 version in Directory.Packages.props" >&2
  exit 1
fi
TOOLS_DIR="$ROOT/tools/bicep"
BICEP="$TOOLS_DIR/bicep"

ensure_bicep() {
  if [[ -x "$BICEP" ]] && "$BICEP" --version 2>/dev/null | grep -q "version $BICEP_VERSION "; then
    return
  fi
  echo "Restoring Bicep CLI $BICEP_VERSION from NuGet..." >&2
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
  # Copy then rename, so that a concurrent caller never runs a half-written binary.
  cp "$src" "$BICEP.$$"
  chmod +x "$BICEP.$$"
  mv -f "$BICEP.$$" "$BICEP"
  rm -rf "$work"
}

ensure_bicep
# Offline-friendly: no registry modules are used, so nothing needs `bicep restore`.
export BICEP_TRACING_ENABLED=false
exec "$BICEP" "$@"
