#!/usr/bin/env bash
# Starts the whole local stack as separate processes: Azurite, the S3 server with a bucket, the dev backend
# (unless BACKEND_URL and WORKER_TOKEN are given), the render worker and the standalone pipeline host.
# Prints the endpoints, and stops everything it started on Ctrl-C or SIGTERM (the apps first, the stores last).
#
# State lives in $STACK_DIR (default .stack): Azurite's data (the durable task hub and the render queues), the
# S3 folder, the dev backend's jobs and the durable worker id. Stopping and starting again with the same
# STACK_DIR resumes the jobs in flight. `scripts/up.sh --fresh` deletes that state first.
#
# Environment overrides (S3_*, ELEVENLABS_*, SADTALKER_*, FORCE_SADTALKER, MAX_AUDIO_SECONDS, DURABLE_*, ...)
# pass through. RENDER_WORKERS=K (default 1) starts K render-worker processes, each one consumer like one GPU
# container (each still honours RENDER_CONCURRENCY). $STACK_DIR/ready holds the endpoints and the pids.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

usage() { echo "usage: scripts/up.sh [--fresh]   (--fresh: delete the state in \$STACK_DIR first)"; }
fresh=0
for arg in "$@"; do
  case "$arg" in
    --fresh) fresh=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

stack_dir="${STACK_DIR:-$root/.stack}"
config="${BUILD_CONFIGURATION:-Release}"
azurite_blob="${AZURITE_BLOB_PORT:-10000}" azurite_queue="${AZURITE_QUEUE_PORT:-10001}" azurite_table="${AZURITE_TABLE_PORT:-10002}"
s3_port="${S3_PORT:-4568}"
backend_port="${DEV_BACKEND_PORT:-8080}"
render_workers="${RENDER_WORKERS:-1}"
[[ "$render_workers" =~ ^[1-9][0-9]*$ ]] || { echo "RENDER_WORKERS must be a positive number" >&2; exit 1; }

# Prerequisites: installed when missing (as scripts/demo.sh and scripts/test.sh do), or a clear stop.
command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed (dotnet is not on PATH): https://dot.net" >&2; exit 1; }
missing=()
for tool in ffmpeg ffprobe espeak-ng; do command -v "$tool" >/dev/null || missing+=("$tool"); done
for bin in azurite s3rver; do [ -x "node_modules/.bin/$bin" ] || missing+=("$bin (npm)"); done
if [ ${#missing[@]} -gt 0 ]; then
  command -v npm >/dev/null || { echo "Missing ${missing[*]}, and Node 20 (npm) is needed to install Azurite and s3rver." >&2; exit 1; }
  echo "Missing ${missing[*]}; installing..."
  bash scripts/install-prereqs.sh
fi

mkdir -p "$stack_dir"
# One stack per state folder: a second one would share the task hub's lease and the S3 folder.
exec 9>"$stack_dir/lock"
flock -n 9 || { echo "Another scripts/up.sh is running with STACK_DIR=$stack_dir." >&2; exit 1; }
if [ "$fresh" = 1 ]; then
  echo "Deleting the state in $stack_dir (--fresh)..."
  rm -rf "$stack_dir/azurite" "$stack_dir/s3" "$stack_dir/dev-backend" "$stack_dir/logs" "$stack_dir/durable-worker-id"
fi
mkdir -p "$stack_dir/logs" "$stack_dir/azurite" "$stack_dir/s3" "$stack_dir/dev-backend"
# The task hub's partition lease belongs to this id: the same one after a restart takes it back at once.
[ -s "$stack_dir/durable-worker-id" ] || echo "pipeline-host-$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')" >"$stack_dir/durable-worker-id"
export DURABLE_WORKER_ID="${DURABLE_WORKER_ID:-$(cat "$stack_dir/durable-worker-id")}"

app_pids=() store_pids=()
declare -A pid_of=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping the local stack..."
  # Apps first (the pipeline host stops leasing and hands its lease back), then the stores, which save on SIGTERM.
  for group in app_pids store_pids; do
    local -n group_pids=$group
    for pid in "${group_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${group_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  done
  rm -f "$stack_dir/ready"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

start() { # app|store, name, command...
  local kind=$1 name=$2; shift 2
  "$@" >>"$stack_dir/logs/$name.log" 2>&1 &
  if [ "$kind" = store ]; then store_pids+=($!); else app_pids+=($!); fi
  pid_of[$name]=$!
}

wait_port() { # name, port
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    kill -0 "${pid_of[$1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$1 did not start on port $2; see $stack_dir/logs/$1.log" >&2
  exit 1
}

wait_log() { # name, text: the component's log (this run's part) shows text
  local log="$stack_dir/logs/$1.log" from=$3
  for _ in $(seq 1 1200); do
    tail -c +"$from" "$log" | grep -qF "$2" && return 0
    kill -0 "${pid_of[$1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "$1 did not start; see $stack_dir/logs/$1.log" >&2
  exit 1
}

if [ "${SKIP_BUILD:-}" != "1" ]; then
  dotnet build -c "$config" -v quiet -nologo gpu-container/RenderWorker/Serverless.RenderWorker.csproj >/dev/null
  dotnet build -c "$config" -v quiet -nologo functions/StandaloneHost/Serverless.StandaloneHost.csproj >/dev/null
  dotnet build -c "$config" -v quiet -nologo tests/Serverless.DevBackend/Serverless.DevBackend.csproj >/dev/null
fi

rm -f "$stack_dir/ready"
start store azurite node_modules/.bin/azurite --silent --location "$stack_dir/azurite" --skipApiVersionCheck --disableTelemetry \
  --disableProductStyleUrl --blobHost 127.0.0.1 --blobPort "$azurite_blob" \
  --queueHost 127.0.0.1 --queuePort "$azurite_queue" --tableHost 127.0.0.1 --tablePort "$azurite_table"
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$azurite_queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$azurite_table/devstoreaccount1;"

# Input URLs may reach loopback only where this script itself serves inputs (s3rver, the dev backend): never
# Azurite (its published development key), the durable sidecar or other local services of a self-hosted box.
loopback_origins=(${ALLOWED_LOOPBACK_ORIGINS:+"$ALLOWED_LOOPBACK_ORIGINS"})
export S3_BUCKET="${S3_BUCKET:-talking-head}" S3_REGION="${S3_REGION:-us-east-1}"
if [ -z "${S3_ENDPOINT:-}" ] && [ -z "${AWS_ACCESS_KEY_ID:-}" ]; then
  start store s3rver node_modules/.bin/s3rver --directory "$stack_dir/s3" --address 127.0.0.1 --port "$s3_port" \
    --silent --allow-mismatched-signatures --no-vhost-buckets --configure-bucket "$S3_BUCKET"
  export S3_ENDPOINT="http://127.0.0.1:$s3_port" AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
  loopback_origins+=("127.0.0.1:$s3_port")
  wait_port s3rver "$s3_port"
fi
wait_port azurite "$azurite_queue"
wait_port azurite "$azurite_table"

dev_backend=""
if [ -z "${BACKEND_URL:-}" ] || [ -z "${WORKER_TOKEN:-}" ]; then
  export WORKER_TOKEN="${WORKER_TOKEN:-dev-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  export BACKEND_URL="http://127.0.0.1:$backend_port"
  loopback_origins+=("127.0.0.1:$backend_port")
  DEV_BACKEND_DATA_FILE="$stack_dir/dev-backend/jobs.json" \
    start app dev-backend dotnet "tests/Serverless.DevBackend/bin/$config/net10.0/dev-backend.dll" --urls "$BACKEND_URL"
  wait_port dev-backend "$backend_port"
  dev_backend=1
  dev_backend_note=" (dev backend: POST /api/dev/jobs, GET /api/dev/jobs/{id})"
fi

worker_pids=()
for i in $(seq 1 "$render_workers"); do
  name=render-worker; [ "$render_workers" -eq 1 ] || name="render-worker-$i"
  RENDER_QUEUE_CONNECTION="$storage" \
    start app "$name" dotnet "gpu-container/RenderWorker/bin/$config/net10.0/render-worker.dll" worker
  worker_pids+=("${pid_of[$name]}")
done

host_log_from=$(( $(stat -c %s "$stack_dir/logs/pipeline-host.log" 2>/dev/null || echo 0) + 1 ))
allowed_loopback_origins=$(IFS=,; echo "${loopback_origins[*]}")
AzureWebJobsStorage="$storage" ALLOW_LOOPBACK_URLS="${ALLOW_LOOPBACK_URLS:-false}" ALLOWED_LOOPBACK_ORIGINS="$allowed_loopback_origins" \
  start app pipeline-host dotnet "functions/StandaloneHost/bin/$config/net10.0/pipeline-host.dll"
wait_log pipeline-host "Application started" "$host_log_from"

cat <<INFO
Local stack is up (state in $stack_dir, logs in $stack_dir/logs):
  backend        $BACKEND_URL${dev_backend:+$dev_backend_note}
  S3             ${S3_ENDPOINT:-AWS} bucket $S3_BUCKET
  Azurite        queues http://127.0.0.1:$azurite_queue, blobs http://127.0.0.1:$azurite_blob, tables http://127.0.0.1:$azurite_table
  render worker  pid ${worker_pids[*]}
  pipeline host  pid ${pid_of[pipeline-host]} (durable worker id $DURABLE_WORKER_ID)
Press Ctrl-C to stop.
INFO
{
  printf 'BACKEND_URL=%s\nS3_ENDPOINT=%s\nS3_BUCKET=%s\n' "$BACKEND_URL" "${S3_ENDPOINT:-}" "$S3_BUCKET"
  printf 'ALLOWED_LOOPBACK_ORIGINS=%s\n' "$allowed_loopback_origins"
  printf 'PIPELINE_HOST_PID=%s\nRENDER_WORKER_PIDS="%s"\n' "${pid_of[pipeline-host]}" "${worker_pids[*]}"
  printf 'DEV_BACKEND_PID=%s\nAZURITE_PID=%s\nS3RVER_PID=%s\n' "${pid_of[dev-backend]:-}" "${pid_of[azurite]}" "${pid_of[s3rver]:-}"
} >"$stack_dir/ready.tmp"
mv "$stack_dir/ready.tmp" "$stack_dir/ready"

# Exit (and stop the rest) as soon as any component dies.
wait -n "${app_pids[@]}" "${store_pids[@]}" || true
echo "A component of the stack exited; see $stack_dir/logs." >&2
