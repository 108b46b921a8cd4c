#!/usr/bin/env bash
# The container image against the jar on the host, both as the README runs them (defaults, the
# bundled seed, --log-level warn; the host with its options file): image size; time from
# `podman run` / `java` to the first healthy answer (alternating rounds, medians); resident memory
# idle and after a load burst (signed DescribeExportImageInfo, wrk at 16 connections). Loopback
# only, bounded in time (about 2 minutes). Needs the image (container/build.sh) and the jars.
#   bash benchmarks/load/container.sh     BENCH_ROUNDS=5 BENCH_SECONDS=15
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_SECONDS:-15}
LINES_PER_SECOND=${BENCH_MAX_RPS:-25000}
IMAGE=${ENSEMU_IMAGE:-localhost/ensemu:latest}
export CONTAINERS_CONF="${CONTAINERS_CONF:-$PWD/container/containers.conf}"
WORK=$(mktemp -d)
PIDS=()
CONTAINERS=()
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  for c in "${CONTAINERS[@]:-}"; do [ -z "$c" ] || podman rm -f -v "$c" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f server/target/ensemu-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests install
podman image exists "$IMAGE" || { echo "container.sh: build the image first: container/build.sh" >&2; exit 2; }
BENCH_CP=benchmarks/target/benchmarks.jar
. benchmarks/load/lib.sh

start_host() { # sets URL, LAST_PID
  local port; port=$(free_port)
  java @server/target/ensemu.args -jar server/target/ensemu-server.jar --port "$port" --log-level warn >"$WORK/host.log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID"); URL="http://127.0.0.1:$port/"
}
start_container() { # sets URL, LAST_PID (the container's java, as the host sees it), CONTAINER
  local port; port=$(free_port)
  # (stderr: podman's complaint that it cannot schedule the HEALTHCHECK without systemd)
  CONTAINER=$(podman run -d -p "127.0.0.1:$port:8080" -e ENSEMU_LOG_LEVEL=warn "$IMAGE" 2>/dev/null)
  CONTAINERS+=("$CONTAINER"); URL="http://127.0.0.1:$port/"
  LAST_PID=$(podman inspect --format '{{.State.Pid}}' "$CONTAINER")
}
stop_host() { kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true; }
stop_container() { podman rm -f -v "$CONTAINER" >/dev/null; }

size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
echo "image: $IMAGE, $(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}') MB uncompressed; podman $(podman version --format '{{.Client.Version}}'); host java $(java -version 2>&1 | head -1)"

# Start-up: from the command to the first 200 of /_emulator/health, alternating.
host_ms=() container_ms=()
for round in $(seq 1 "$ROUNDS"); do
  started=$(date +%s%N); start_host; host_ms+=("$(ms_to_status "${URL}_emulator/health" 200 "$started")"); stop_host
  started=$(date +%s%N); start_container; container_ms+=("$(ms_to_status "${URL}_emulator/health" 200 "$started")"); stop_container
  echo "start-up round $round: host ${host_ms[-1]} ms, container ${container_ms[-1]} ms"
done
host_start=$(printf '%s\n' "${host_ms[@]}" | median)
container_start=$(printf '%s\n' "${container_ms[@]}" | median)

# Memory: idle 3 s after the first healthy answer, then after a burst of signed calls.
memory() { # start-function stop-function -> sets IDLE_MB LOADED_MB RPS
  local started; started=$(date +%s%N); "$1"; ms_to_status "${URL}_emulator/health" 200 "$started" >/dev/null
  sleep 3
  IDLE_MB=$(rss_mb "$LAST_PID")
  read -r RPS _ <<<"$(run_wrk "$URL" 16 "$DURATION")"
  LOADED_MB=$(rss_mb "$LAST_PID")
  "$2"
}
memory start_host stop_host; host_idle=$IDLE_MB host_loaded=$LOADED_MB host_rps=$RPS
memory start_container stop_container; container_idle=$IDLE_MB container_loaded=$LOADED_MB container_rps=$RPS

echo
echo "image size:                 $(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}') MB"
echo "start to healthy (median):  container $container_start ms, host $host_start ms: ratio $(ratio "$container_start" "$host_start")"
echo "resident memory idle:       container $container_idle MB, host $host_idle MB: ratio $(ratio "$container_idle" "$host_idle")"
echo "resident memory after load: container $container_loaded MB, host $host_loaded MB: ratio $(ratio "$container_loaded" "$host_loaded") (${DURATION}s at 16 connections: container $container_rps req/s, host $host_rps req/s)"
target "image size" "$(awk -v s="$size" 'BEGIN {printf "%.1f", s / 1e6}')" "<= 100" " MB"
target "start-up container/host" "$(ratio "$container_start" "$host_start")" "<= 1.3"
