#!/usr/bin/env bash
# ensemu beside WireMock standalone (org.wiremock:wiremock-standalone 3.13.2 from Maven Central):
# the same 10-image page (WireMock serves a stub of ensemu's own answer, its request journal and
# request logging off, Content-Length instead of chunked answers as ensemu sends), the same client (SignedLoad: every request freshly V1-signed; ensemu
# verifies it and remembers the nonce, replay protection ON; WireMock matches any query).
# Prints start-up to the first answer, requests/s at 16 and 64 connections (alternating rounds,
# medians), resident memory idle and after the load, and one "target" line per target.
# All on 127.0.0.1, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-60}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f server/target/ensemu-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests package
BENCH_CP=benchmarks/target/benchmarks.jar
mvn -B -q -ntp dependency:copy -Dartifact=org.wiremock:wiremock-standalone:3.13.2 -DoutputDirectory="$WORK"
WIREMOCK_JAR="$WORK/wiremock-standalone-3.13.2.jar"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
. examples/cluster/local-postgres.sh # for free_port
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
# Starts a command, waits for the first 200 at URL; sets LAST_PID and STARTUP_MS.
start_until_200() { # url command...
  local url=$1; shift
  local started; started=$(date +%s%N)
  "$@" >"$WORK/out-$RANDOM.log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  for _ in $(seq 1 3000); do
    curl -fs -o /dev/null "$url" 2>/dev/null && break
    sleep 0.01
  done
  STARTUP_MS=$(( ($(date +%s%N) - started) / 1000000 ))
}

ENSEMU_PORT=$(free_port); WM_PORT=$(free_port)
ENSEMU="http://127.0.0.1:$ENSEMU_PORT/"; WIREMOCK="http://127.0.0.1:$WM_PORT/"
PAGE="?Action=DescribeExportImageInfo&Version=2017-11-10&PageSize=10"

echo "== start-up to the first 200 (ensemu: the README's command with the CDS archive, --auth anonymous for the probe)"
start_until_200 "$ENSEMU$PAGE" java -XX:SharedArchiveFile=server/target/ensemu.jsa -jar server/target/ensemu-server.jar \
  --port "$ENSEMU_PORT" --auth anonymous --log-level warn --nonce-capacity 20000000
ENSEMU_PID=$LAST_PID; ENSEMU_START=$STARTUP_MS
mkdir -p "$WORK/wm/mappings"
curl -fs "$ENSEMU$PAGE" | python3 -c 'import json,sys; body=sys.stdin.read(); print(json.dumps({"request":{"method":"ANY","urlPath":"/"},"response":{"status":200,"headers":{"Content-Type":"application/json;charset=utf-8"},"body":body}}))' >"$WORK/wm/mappings/page.json"
start_until_200 "$WIREMOCK$PAGE" java -jar "$WIREMOCK_JAR" --port "$WM_PORT" --root-dir "$WORK/wm" \
  --no-request-journal --disable-request-logging --use-chunked-encoding never
WM_PID=$LAST_PID; WM_START=$STARTUP_MS
echo "ensemu ${ENSEMU_START} ms, WireMock ${WM_START} ms"
sleep 2
ENSEMU_IDLE=$(rss_mb "$ENSEMU_PID"); WM_IDLE=$(rss_mb "$WM_PID")

echo "== warm-up: ${WARMUP}s each under signed load"
timeout $((WARMUP + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$ENSEMU" 16 "$WARMUP" >/dev/null
timeout $((WARMUP + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$WIREMOCK" 16 "$WARMUP" >/dev/null
declare -A RATIOS
printf "%-5s %-5s | %12s %8s %8s %7s | %12s %8s %8s %7s | %6s\n" round conns "ensemu rps" "p50 ms" "p99 ms" errors "wiremock rps" "p50 ms" "p99 ms" errors ratio
for round in $(seq 1 "$ROUNDS"); do
  for conns in 16 64; do
    read -r e_rps e_p50 e_p99 e_err < <(timeout $((DURATION + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$ENSEMU" "$conns" "$DURATION")
    read -r w_rps w_p50 w_p99 w_err < <(timeout $((DURATION + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$WIREMOCK" "$conns" "$DURATION")
    ratio=$(awk -v a="$e_rps" -v b="$w_rps" 'BEGIN { printf "%.2f", a / b }')
    RATIOS[$conns]+="$ratio "
    printf "%-5s %-5s | %12s %8s %8s %7s | %12s %8s %8s %7s | %6s\n" "$round" "$conns" "$e_rps" "$e_p50" "$e_p99" "$e_err" "$w_rps" "$w_p50" "$w_p99" "$w_err" "$ratio"
  done
done
for conns in 16 64; do
  m=$(echo ${RATIOS[$conns]} | tr ' ' '\n' | median)
  echo "target: median ratio ensemu/WireMock at $conns connections, signed, replay protection on: $m (>= 3.00) $(awk -v r="$m" 'BEGIN { print (r >= 3) ? "met" : "NOT met" }')"
done
echo "target: start-up to the first 200, ensemu ${ENSEMU_START} ms vs WireMock ${WM_START} ms (faster than WireMock) $( [ "$ENSEMU_START" -lt "$WM_START" ] && echo met || echo "NOT met")"
echo "resident memory: ensemu idle ${ENSEMU_IDLE} MB, after the load $(rss_mb "$ENSEMU_PID") MB; WireMock idle ${WM_IDLE} MB, after the load $(rss_mb "$WM_PID") MB"
