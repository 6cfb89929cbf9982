#!/usr/bin/env bash
# Installs what the tests and the local stack need on a fresh Debian machine, skipping what is there:
# ffmpeg/ffprobe, espeak-ng, the captions font (fonts-dejavu-core) and Debian's python3 (apt; the fake SadTalker is a Python program, and the wrapper test
# runs it as an unprivileged user, who cannot reach a Python under /root such as pyenv's) and shellcheck (the
# container scripts are checked by a test), the animator's face models (apt: dlib's 68-point landmark model from
# libdlib-data, OpenCV's Haar cascades from opencv-data; data files only, no library), Azurite and s3rver (npm, from
# the committed lock file).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
command -v ffprobe >/dev/null || missing+=(ffmpeg)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
# The font burned-in captions are drawn with (libass finds it through fontconfig).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/python3 ] || missing+=(python3)
command -v shellcheck >/dev/null || missing+=(shellcheck)
[ -f /usr/share/dlib/shape_predictor_68_face_landmarks.dat ] || missing+=(libdlib-data)
[ -f /usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml ] || missing+=(opencv-data)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} with apt..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A node_modules that is a link to another checkout's is that checkout's to update: `npm ci` would empty it through
# the link (a fresh checkout's lock file is always newer than the linked install).
stale=false
if [ ! -L "$root/node_modules" ] && [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  stale=true
fi
if [ ! -x "$root/node_modules/.bin/azurite" ] || [ ! -x "$root/node_modules/.bin/s3rver" ] || [ "$stale" = true ]; then
  if [ -L "$root/node_modules" ]; then
    echo "node_modules links to $(readlink "$root/node_modules"), which lacks Azurite or s3rver: run npm ci there." >&2
    exit 1
  fi
  echo "Installing Azurite and s3rver with npm..."
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
