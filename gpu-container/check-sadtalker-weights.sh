#!/bin/sh
# Checks that a SadTalker root holds every weight the default settings load, none of them empty (SadTalker's
# scripts/download_models.sh keeps going after a failed download and leaves a 0-byte file behind).
# Usage: check-sadtalker-weights.sh [SADTALKER_ROOT] [EXTRA_RELATIVE_PATH...]   (root default: /opt/SadTalker)
# Exits 1 and names every missing or empty file.
set -eu
root="${1:-/opt/SadTalker}"
[ $# -gt 0 ] && shift

missing=0
for weight in \
  checkpoints/SadTalker_V0.0.2_256.safetensors \
  checkpoints/mapping_00109-model.pth.tar \
  checkpoints/mapping_00229-model.pth.tar \
  gfpgan/weights/alignment_WFLW_4HG.pth \
  gfpgan/weights/detection_Resnet50_Final.pth \
  gfpgan/weights/GFPGANv1.4.pth \
  gfpgan/weights/parsing_parsenet.pth \
  "$@"; do
  if [ ! -s "$root/$weight" ]; then
    echo "missing or empty: $root/$weight" >&2
    missing=1
  fi
done
exit "$missing"
