#!/usr/bin/env bash
# Starts the whole local stack as separate processes: Azurite, the S3 server with a bucket, the dev backend
# (unless BACKEND_URL and WORKER_TOKEN are given), the render worker and the standalone pipeline host.
# Prints the endpoints, and stops everything it started on Ctrl-C or SIGTERM.
# Environment overrides (S3_*, ELEVENLABS_*, SADTALKER_*, FORCE_SADTALKER, MAX_AUDIO_SECONDS, ...) pass through.
# RENDER_WORKERS=K (default 1) starts K render-worker processes, each one consumer like one GPU container
# (each still honours RENDER_CONCURRENCY). $STACK_DIR/ready holds the endpoints and the components' pids.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

stack_dir="${STACK_DIR:-$root/.stack}"
mkdir -p "$stack_dir/logs"
config="${BUILD_CONFIGURATION:-Release}"

azurite_blob="${AZURITE_BLOB_PORT:-10000}" azurite_queue="${AZURITE_QUEUE_PORT:-10001}" azurite_table="${AZURITE_TABLE_PORT:-10002}"
s3_port="${S3_PORT:-4568}"
backend_port="${DEV_BACKEND_PORT:-8080}"
render_workers="${RENDER_WORKERS:-1}"
[[ "$render_workers" =~ ^[1-9][0-9]*$ ]] || { echo "RENDER_WORKERS must be a positive number" >&2; exit 1; }

pids=()
declare -A pid_of=()
stop() {
  trap - INT TERM EXIT
  echo "Stopping the local stack..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$stack_dir/ready"
}
trap stop INT TERM EXIT

start() { # name, command...
  local name=$1; shift
  "$@" >"$stack_dir/logs/$name.log" 2>&1 &
  pids+=($!)
  pid_of[$name]=$!
}

wait_port() { # name, port
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "$1 did not start on port $2; see $stack_dir/logs/$1.log" >&2
  exit 1
}

if [ "${SKIP_BUILD:-}" != "1" ]; then
  dotnet build -c "$config" -v quiet -nologo gpu-container/RenderWorker/Serverless.RenderWorker.csproj >/dev/null
  dotnet build -c "$config" -v quiet -nologo functions/StandaloneHost/Serverless.StandaloneHost.csproj >/dev/null
  dotnet build -c "$config" -v quiet -nologo tests/Serverless.DevBackend/Serverless.DevBackend.csproj >/dev/null
fi

rm -f "$stack_dir/ready"
start azurite node_modules/.bin/azurite --silent --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --disableProductStyleUrl \
  --blobHost 127.0.0.1 --blobPort "$azurite_blob" \
  --queueHost 127.0.0.1 --queuePort "$azurite_queue" --tableHost 127.0.0.1 --tablePort "$azurite_table"
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$azurite_blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$azurite_queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$azurite_table/devstoreaccount1;"

export S3_BUCKET="${S3_BUCKET:-talking-head}" S3_REGION="${S3_REGION:-us-east-1}"
if [ -z "${S3_ENDPOINT:-}" ] && [ -z "${AWS_ACCESS_KEY_ID:-}" ]; then
  rm -rf "$stack_dir/s3" && mkdir -p "$stack_dir/s3"
  start s3rver node_modules/.bin/s3rver --directory "$stack_dir/s3" --address 127.0.0.1 --port "$s3_port" \
    --silent --allow-mismatched-signatures --no-vhost-buckets --configure-bucket "$S3_BUCKET"
  export S3_ENDPOINT="http://127.0.0.1:$s3_port" AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER
  wait_port s3rver "$s3_port"
fi
wait_port azurite "$azurite_queue"

if [ -z "${BACKEND_URL:-}" ] || [ -z "${WORKER_TOKEN:-}" ]; then
  export WORKER_TOKEN="${WORKER_TOKEN:-dev-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  export BACKEND_URL="http://127.0.0.1:$backend_port"
  start dev-backend dotnet "tests/Serverless.DevBackend/bin/$config/net10.0/dev-backend.dll" --urls "$BACKEND_URL"
  wait_port dev-backend "$backend_port"
  dev_backend=1
fi

worker_pids=()
for i in $(seq 1 "$render_workers"); do
  name=render-worker; [ "$render_workers" -eq 1 ] || name="render-worker-$i"
  RENDER_QUEUE_CONNECTION="$storage" \
    start "$name" dotnet "gpu-container/RenderWorker/bin/$config/net10.0/render-worker.dll" worker
  worker_pids+=("${pid_of[$name]}")
done

AzureWebJobsStorage="$storage" ALLOW_LOOPBACK_URLS="${ALLOW_LOOPBACK_URLS:-true}" \
  start pipeline-host dotnet "functions/StandaloneHost/bin/$config/net10.0/pipeline-host.dll"

cat <<INFO
Local stack is up (logs in $stack_dir/logs):
  backend        $BACKEND_URL${dev_backend:+ (dev backend: POST /api/dev/jobs, GET /api/dev/jobs/{id})}
  S3             ${S3_ENDPOINT:-AWS} bucket $S3_BUCKET
  Azurite        queues http://127.0.0.1:$azurite_queue, blobs http://127.0.0.1:$azurite_blob
  render worker  pid ${worker_pids[*]}
  pipeline host  pid ${pid_of[pipeline-host]}
Press Ctrl-C to stop.
INFO
{
  printf 'BACKEND_URL=%s\nS3_ENDPOINT=%s\nS3_BUCKET=%s\n' "$BACKEND_URL" "${S3_ENDPOINT:-}" "$S3_BUCKET"
  printf 'PIPELINE_HOST_PID=%s\nRENDER_WORKER_PIDS="%s"\n' "${pid_of[pipeline-host]}" "${worker_pids[*]}"
  printf 'DEV_BACKEND_PID=%s\nAZURITE_PID=%s\nS3RVER_PID=%s\n' "${pid_of[dev-backend]:-}" "${pid_of[azurite]}" "${pid_of[s3rver]:-}"
} >"$stack_dir/ready.tmp"
mv "$stack_dir/ready.tmp" "$stack_dir/ready"

# Exit (and stop the rest) as soon as any component dies.
wait -n "${pids[@]}" || true
echo "A component of the stack exited; see $stack_dir/logs." >&2
