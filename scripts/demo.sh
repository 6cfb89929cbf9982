#!/usr/bin/env bash
# The main job end to end on a fresh machine: installs what is missing, brings the local stack up, queues one
# job (samples/portrait.png + a sample text), waits for the backend to show it finished, downloads the video to
# out/, prints a summary (with the renderer that made the video) and stops the stack. Offline by default:
# espeak-ng speech and the CPU animator (the portrait talks without a GPU); set
# ELEVENLABS_API_KEY and/or a SadTalker install (SADTALKER_CMD) to use them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/install-prereqs.sh
command -v node >/dev/null || { echo "Node 20 is needed (node is not on PATH)." >&2; exit 1; }
# JSON without python3 or jq (node is a prerequisite anyway, for Azurite and s3rver): prints the field at a
# dotted path (e.g. result.output.videoKey) of the JSON document on stdin, or nothing when it is absent.
json_field() {
  node -e 'let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => {
    const v = process.argv[1].split(".").reduce((o, k) => o?.[k], JSON.parse(s));
    process.stdout.write(v == null ? "" : String(v)); });' "$1"
}
echo "Building..."
dotnet build -c Release -v quiet -nologo Serverless.sln >/dev/null

export STACK_DIR="${STACK_DIR:-$root/.stack}"
mkdir -p "$STACK_DIR" out
rm -f "$STACK_DIR/ready"
SKIP_BUILD=1 bash scripts/up.sh >"$STACK_DIR/up.log" 2>&1 &
stack=$!
trap 'kill -TERM $stack 2>/dev/null; wait $stack 2>/dev/null || true' EXIT

for _ in $(seq 1 1500); do
  [ -f "$STACK_DIR/ready" ] && break
  kill -0 $stack 2>/dev/null || { cat "$STACK_DIR/up.log" >&2; exit 1; }
  sleep 0.2
done
[ -f "$STACK_DIR/ready" ] || { echo "The stack did not come up; see $STACK_DIR/logs" >&2; exit 1; }
# shellcheck disable=SC1091
source "$STACK_DIR/ready"

text="${DEMO_TEXT:-Hello! This video was made by a serverless pipeline. A durable orchestration leased the job, spoke this text, rendered the portrait on the render worker, and published the result to S3.}"
body=$(node -e 'console.log(JSON.stringify({imagePath: process.argv[1], text: process.argv[2], voiceId: "en_female_1", user: "demo"}))' \
  "$root/samples/portrait.png" "$text")
job_id=$(curl -fsS -X POST "$BACKEND_URL/api/dev/jobs" -H 'content-type: application/json' -d "$body" | json_field id)
echo "Queued job $job_id; waiting for it to finish..."

started=$(date +%s)
status=queued
while [ $(( $(date +%s) - started )) -lt "${DEMO_TIMEOUT_SECONDS:-600}" ]; do
  job=$(curl -fsS "$BACKEND_URL/api/dev/jobs/$job_id")
  status=$(json_field status <<<"$job")
  case "$status" in succeeded|failed) break ;; esac
  sleep 1
done

field() { json_field "$1" <<<"$job"; }
echo "Job $job_id: $status"
[ -z "$(field result.error)" ] || echo "  error:    $(field result.error)"
if [ -n "$(field result.output.videoKey)" ]; then
  echo "  renderer: $(field result.output.renderer)"
  echo "  duration: $(field result.output.durationSec) s"
  echo "  key:      $(field result.output.videoKey)"
fi
echo "  timings:  tts $(field result.timings.tts_ms) ms, render $(field result.timings.sadtalker_ms) ms, upload $(field result.timings.upload_ms) ms"

[ "$status" = succeeded ] || { echo "The job did not succeed; logs are in $STACK_DIR/logs" >&2; exit 1; }
url=$(curl -fsS "$BACKEND_URL/api/dev/jobs/$job_id/video-url" | json_field url)
curl -fsS -o "out/$job_id.mp4" "$url"
echo "  video:    $root/out/$job_id.mp4 ($(stat -c %s "out/$job_id.mp4") bytes)"
