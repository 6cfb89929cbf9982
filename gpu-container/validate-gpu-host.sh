#!/usr/bin/env bash
# Validates a GPU host once: builds the image, renders samples/portrait.png with one of SadTalker's bundled example
# audios on the GPU, checks that SadTalker rendered it (not the ffmpeg fallback) and prints the seconds of GPU spent
# per second of audio.
#
# Usage: gpu-container/validate-gpu-host.sh [IMAGE]            (default IMAGE: render-worker:latest)
# Needs Docker with BuildKit (docker >= 23 or buildx), an NVIDIA driver and the NVIDIA Container Toolkit.
# Environment:
#   AUDIO        the speech, a path inside the image (default /opt/SadTalker/examples/driven_audio/bus_chinese.wav)
#   OUT_DIR      where the video is kept (default out/validate in the repository; out/ is git-ignored)
#   SKIP_BUILD=1 use IMAGE as it is
#   BUILD_ARGS   extra `docker build` arguments, split on spaces (e.g. "--build-arg DOWNLOAD_CHECKPOINTS=false")
#   RUN_ARGS     extra `docker run` arguments for the render, split on spaces (e.g. the -v mounts of the weights)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:-render-worker:latest}"
audio="${AUDIO:-/opt/SadTalker/examples/driven_audio/bus_chinese.wav}"
out="${OUT_DIR:-$root/out/validate}"
read -r -a build_args <<< "${BUILD_ARGS:-}"
read -r -a run_args <<< "${RUN_ARGS:-}"

step() { printf '\n== %s\n' "$*" >&2; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

step "1/4 the GPU is visible to containers"
docker run --rm --gpus all nvidia/cuda:11.8.0-base-ubuntu22.04 \
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader \
  || fail "no GPU in containers: install the NVIDIA driver and the NVIDIA Container Toolkit"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "2/4 building $image (the first build downloads several GB)"
  docker build "${build_args[@]}" -f "$root/gpu-container/Dockerfile" -t "$image" "$root"
else
  step "2/4 using $image as it is"
fi

step "3/4 torch sees the GPU inside the image"
docker run --rm --gpus all --entrypoint /opt/sadtalker-venv/bin/python "$image" -c \
  "import torch; assert torch.cuda.is_available(), 'CUDA is not available to torch'; print(torch.__version__, torch.cuda.get_device_name(0))" \
  || fail "torch cannot use the GPU in the image"

step "4/4 rendering samples/portrait.png with $audio (SadTalker only, no fallback)"
mkdir -p "$out"
chmod a+rwx "$out" # the container writes as uid 10001
status=0
summary="$(docker run --rm --gpus all "${run_args[@]}" \
  -v "$root/samples:/samples:ro" -v "$out:/out" \
  "$image" render --image /samples/portrait.png --audio "$audio" --out /out/portrait.mp4 --renderer sadtalker)" || status=$?
printf '%s\n' "$summary"
[ "$status" -eq 0 ] || fail "the render failed (exit $status): see the error above"

# The image's Python reads the one-line JSON summary (the host may have no Python or jq).
printf '%s' "$summary" | docker run --rm -i --entrypoint /opt/sadtalker-venv/bin/python "$image" -c '
import json, sys
s = json.load(sys.stdin)
if s.get("renderer") != "sadtalker":
    sys.exit("renderer is %r, not sadtalker" % s.get("renderer"))
audio, render = s["durationSec"], s["timings"]["renderMs"] / 1000
print("renderer: sadtalker")
print("audio: %.1f s, render: %.1f s (SadTalker with its model load, and the remux)" % (audio, render))
print("GPU seconds per second of audio: %.2f" % (render / audio))
' || fail "SadTalker did not render the video"
printf 'The video: %s\n' "$out/portrait.mp4"
