#!/usr/bin/env bash
# The README's test command: installs missing prerequisites, restores, builds and runs every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-prereqs.sh
[ ! -f scripts/lint-infra.sh ] || bash scripts/lint-infra.sh

dotnet tool restore
dotnet csharpier check . # fails on unformatted code: run `dotnet csharpier format .`
dotnet restore Serverless.sln
dotnet build Serverless.sln --no-restore -c Release
dotnet test Serverless.sln --no-build -c Release --logger "console;verbosity=normal" "$@"
