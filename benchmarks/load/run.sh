#!/usr/bin/env bash
# Performance benchmark, loopback only, bounded in time. In one run, alternating: ensemu (signed
# V1 DescribeExportImageInfo, PageSize 10, 100,000 images in one account) against a raw Grizzly
# handler returning a fixed 10-image page, at 16 and 64 connections, after warming each JVM.
# A third contender, a plain Jersey resource building the same page with Jackson (no filters, no
# signature, no catalog), shows the framework's own ceiling and what ensemu's real work costs on top.
# Then: deep page vs first page, start-up to first 200, heap with 1,000,000 images, and the cost
# per request at 1k, 100k and 1M images; HTTPS beside HTTP on the same server (keep-alive) and the
# cost of a fresh TLS handshake. Prints every figure and the ratios.
#
# Replay protection is switched off for the wrk runs (--no-replay-protection): wrk replays a pool
# of pre-signed requests, and a real nonce check would refuse the second use of each. Every
# request is still fully verified (key, timestamp, HMAC). The JMH benchmark
# SignatureVerificationBenchmark measures verification with the nonce check on.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-60}
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f server/target/ensemu-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests package
SERVER_JAR=server/target/ensemu-server.jar
BENCH_CP=benchmarks/target/benchmarks.jar

# Both set URL and LAST_PID (called directly, not in $(...), so the pids reach the cleanup).
start_server() { # seed-file [more flags]
  local log="$WORK/server-$RANDOM.log"
  java -Xmx4g -jar "$SERVER_JAR" --port 0 --no-admin --no-replay-protection --seed "$@" >"$log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  for _ in $(seq 1 600); do grep -q "listening on" "$log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^ ]*' "$log" | head -1)
  HTTPS_URL=$(grep -o 'https://[^ ]*' "$log" | head -1 || true)
  CERT=$(grep -o '(certificate [^)]*' "$log" | head -1 | cut -d' ' -f2 || true)
}
start_baseline() { # main-class
  local log="$WORK/baseline-$RANDOM.log"
  java -Xmx1g -cp "$BENCH_CP" "$1" 0 >"$log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  for _ in $(seq 1 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^ ]*' "$log" | head -1)
}
# wrk URL CONNECTIONS SECONDS TARGETS -> "rps p50ms p99ms errors"
run_wrk() {
  local out
  out=$(TARGETS="$4" timeout $(( $3 + 30 )) wrk -t2 -c"$2" -d"$3"s --latency -s benchmarks/load/presigned.lua "$1")
  local rps p50 p99 non2xx sock
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  sock=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {s=0; for(i=1;i<=NF;i++) if ($i ~ /^[0-9]+$/) s+=$i; print s}'); sock=${sock:-0}
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") $((non2xx + sock))"
}
to_ms() { awk -v v="$1" 'BEGIN { n=v; sub(/[a-z]+$/,"",n); if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "== preparing: catalogs and pre-signed requests"
java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-1k.json" 1000
java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-100k.json" 100000
java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-1m.json" 1000000
java -cp "$BENCH_CP" dev.ensemu.bench.PresignedRequests "$WORK/page1.txt" 20000 1
java -cp "$BENCH_CP" dev.ensemu.bench.PresignedRequests "$WORK/page9000.txt" 20000 9000

start_server "$WORK/seed-100k.json" --tls-port 0; SERVER=$URL; SERVER_PID=$LAST_PID; SERVER_HTTPS=$HTTPS_URL; SERVER_CERT=$CERT
start_baseline dev.ensemu.bench.RawGrizzlyBaseline; BASELINE=$URL; BASELINE_PID=$LAST_PID
start_baseline dev.ensemu.bench.PlainJerseyBaseline; JERSEY=$URL; JERSEY_PID=$LAST_PID
echo "ensemu $SERVER (100,000 images, access log on, as by default), raw Grizzly $BASELINE, plain Jersey $JERSEY"
echo "== warming each JVM under load for ${WARMUP}s"
run_wrk "$SERVER" 64 "$WARMUP" "$WORK/page1.txt" >/dev/null
run_wrk "$BASELINE" 64 "$WARMUP" "$WORK/page1.txt" >/dev/null
run_wrk "$JERSEY" 64 "$WARMUP" "$WORK/page1.txt" >/dev/null

echo "== throughput, alternating, ${ROUNDS} rounds of ${DURATION}s"
printf "%-5s %-5s %12s %8s %8s %7s | %12s %8s %8s | %6s | %12s %6s\n" round conns "ensemu rps" "p50 ms" "p99 ms" errors "grizzly rps" "p50 ms" "p99 ms" ratio "jersey rps" ratio
declare -A RATIOS P99S JRATIOS
ERRORS=0
for round in $(seq 1 "$ROUNDS"); do
  for conns in 16 64; do
    read -r s_rps s_p50 s_p99 s_err <<<"$(run_wrk "$SERVER" "$conns" "$DURATION" "$WORK/page1.txt")"
    read -r b_rps b_p50 b_p99 b_err <<<"$(run_wrk "$BASELINE" "$conns" "$DURATION" "$WORK/page1.txt")"
    read -r j_rps _ _ _ <<<"$(run_wrk "$JERSEY" "$conns" "$DURATION" "$WORK/page1.txt")"
    ratio=$(awk -v a="$s_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')
    jratio=$(awk -v a="$s_rps" -v b="$j_rps" 'BEGIN { printf "%.2f", a / b }')
    RATIOS[$conns]+="$ratio "; JRATIOS[$conns]+="$jratio "; P99S[$conns]+="$s_p99 "; ERRORS=$((ERRORS + s_err))
    printf "%-5s %-5s %12s %8s %8s %7s | %12s %8s %8s | %6s | %12s %6s\n" "$round" "$conns" "$s_rps" "$s_p50" "$s_p99" "$s_err" "$b_rps" "$b_p50" "$b_p99" "$ratio" "$j_rps" "$jratio"
  done
done
for conns in 16 64; do
  echo "median ratio ensemu/raw Grizzly at $conns connections: $(echo ${RATIOS[$conns]} | tr ' ' '\n' | median)  (target >= 0.50)"
  echo "median ratio ensemu/plain Jersey at $conns connections: $(echo ${JRATIOS[$conns]} | tr ' ' '\n' | median)  (the framework's own ceiling is 1.00)"
  echo "median p99 at $conns connections: $(echo ${P99S[$conns]} | tr ' ' '\n' | median) ms"
done
echo "errors (non-2xx and socket) on ensemu: $ERRORS (target 0)"

echo "== HTTPS vs HTTP on the same server, keep-alive, 16 connections, alternating, ${ROUNDS} rounds of ${DURATION}s"
run_wrk "$SERVER_HTTPS" 16 "$DURATION" "$WORK/page1.txt" >/dev/null # warms the TLS code paths
TLS_RATIOS=""
for round in $(seq 1 "$ROUNDS"); do
  read -r h_rps _ h_p99 _ <<<"$(run_wrk "$SERVER" 16 "$DURATION" "$WORK/page1.txt")"
  read -r t_rps _ t_p99 t_err <<<"$(run_wrk "$SERVER_HTTPS" 16 "$DURATION" "$WORK/page1.txt")"
  ratio=$(awk -v a="$t_rps" -v b="$h_rps" 'BEGIN { printf "%.2f", a / b }')
  TLS_RATIOS+="$ratio "
  echo "round $round: HTTP $h_rps rps (p99 $h_p99 ms), HTTPS $t_rps rps (p99 $t_p99 ms, errors $t_err), ratio $ratio"
done
echo "median ratio HTTPS/HTTP at 16 connections: $(echo $TLS_RATIOS | tr ' ' '\n' | median)"
echo "== a fresh connection per request: TLS handshake cost (500 connections one after another)"
timeout 300 java benchmarks/load/FreshConnections.java "$SERVER" "$SERVER_HTTPS" "$SERVER_CERT" "$(head -1 "$WORK/page1.txt")" 500

echo "== deep page (9,000 of 10,000) vs page 1, 16 connections, alternating, ${ROUNDS} rounds"
DEEP=""
for round in $(seq 1 "$ROUNDS"); do
  read -r p1 _ _ _ <<<"$(run_wrk "$SERVER" 16 "$DURATION" "$WORK/page1.txt")"
  read -r p9000 _ _ _ <<<"$(run_wrk "$SERVER" 16 "$DURATION" "$WORK/page9000.txt")"
  ratio=$(awk -v a="$p1" -v b="$p9000" 'BEGIN { printf "%.2f", a / b }')
  DEEP+="$ratio "
  echo "round $round: page 1 $p1 rps, page 9000 $p9000 rps, cost ratio $ratio"
done
echo "median cost ratio page 9000 / page 1: $(echo $DEEP | tr ' ' '\n' | median) (target <= 1.10)"
kill "$SERVER_PID" "$BASELINE_PID" "$JERSEY_PID"; wait "$SERVER_PID" "$BASELINE_PID" "$JERSEY_PID" 2>/dev/null || true

echo "== cost per request by catalog size (16 connections, ${DURATION}s after ${WARMUP}s warm-up)"
for size in 1k 100k 1m; do
  start_server "$WORK/seed-$size.json"
  run_wrk "$URL" 16 "$WARMUP" "$WORK/page1.txt" >/dev/null
  read -r rps _ p99 _ <<<"$(run_wrk "$URL" 16 "$DURATION" "$WORK/page1.txt")"
  echo "$size images: $rps rps, p99 $p99 ms, $(awk -v r="$rps" 'BEGIN { printf "%.1f", 1e6 / r }') us per request"
  kill "$LAST_PID"; wait "$LAST_PID" 2>/dev/null || true
done

echo "== start-up to the first 200 (bundled seed, median of 5), with and without the build's CDS archive"
for jvm_options in "-XX:SharedArchiveFile=server/target/ensemu.jsa" "-Xshare:auto"; do
  STARTS=""
  for _ in 1 2 3 4 5; do
    port=$(( 20000 + RANDOM % 20000 ))
    t0=$(date +%s%N)
    java $jvm_options -jar "$SERVER_JAR" --port "$port" --auth anonymous --no-admin >/dev/null 2>&1 &
    pid=$!; PIDS+=("$pid")
    for _ in $(seq 1 3000); do
      curl -sf -o /dev/null "http://127.0.0.1:$port/?Action=DescribeExportImageInfo&Version=2017-11-10" && break; sleep 0.01
    done
    STARTS+="$(( ($(date +%s%N) - t0) / 1000000 )) "
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  echo "start-up with $jvm_options: ${STARTS}ms; median $(echo $STARTS | tr ' ' '\n' | median) ms (target <= 1000)"
done

echo "== heap with 1,000,000 images"
java -Xmx4g -cp "$BENCH_CP" dev.ensemu.bench.HeapFootprint 1000000 | sed 's/^/  /'
echo "(target: <= 400 MB)"
