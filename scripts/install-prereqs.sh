#!/usr/bin/env bash
# Installs what the tests and the local stack need on a fresh Debian machine, skipping what is there:
# ffmpeg/ffprobe and espeak-ng (apt), Azurite and s3rver (npm, from the committed lock file).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} with apt..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x "$root/node_modules/.bin/azurite" ] || [ ! -x "$root/node_modules/.bin/s3rver" ] \
   || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  echo "Installing Azurite and s3rver with npm..."
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
