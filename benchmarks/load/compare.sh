#!/usr/bin/env bash
# Before/after of a change on the warm figure: the server jar built at a git ref (default: the
# last commit of main's first parent that is not HEAD, i.e. HEAD~1) against the working tree's,
# both as the README runs them for load (options file and the JIT's top tier, 100,000 images, signed
# V1 DescribeExportImageInfo, replay protection on, a fresh nonce per request), wrk at 16 connections, alternating rounds
# after warming both. Loopback only, bounded in time (about 4 + ROUNDS minutes). Prints req/s,
# p99 and server CPU microseconds per request of each round, then the median ratios after/before.
#   bash benchmarks/load/compare.sh [git-ref]     BENCH_ROUNDS=5 BENCH_SECONDS=15 BENCH_WARMUP_SECONDS=45
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE_REF=${1:-HEAD~1}
ROUNDS=${BENCH_ROUNDS:-5}
DURATION=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-45}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
LINES_PER_SECOND=${BENCH_MAX_RPS:-25000}
WORK=$(mktemp -d)
PIDS=()
BASE_TREE="$WORK/base"
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  git worktree remove --force "$BASE_TREE" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f server/target/ensemu-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests install
BENCH_CP=benchmarks/target/benchmarks.jar
BASELINE_JVM="-XX:+UseSerialGC"
. benchmarks/load/lib.sh

echo "== building $BASE_REF ($(git rev-parse --short "$BASE_REF")) beside the working tree"
git worktree add --detach "$BASE_TREE" "$BASE_REF" >/dev/null 2>&1
(cd "$BASE_TREE" && mvn -B -q -ntp -o -DskipTests -pl server -am package >/dev/null 2>&1 || mvn -B -q -ntp -DskipTests -pl server -am package)

java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-100k.json" 100000
SERVER_JAR="$BASE_TREE/server/target/ensemu-server.jar" ENSEMU_JVM="@$BASE_TREE/server/target/ensemu.args -XX:TieredStopAtLevel=4" \
  start_server "$WORK/seed-100k.json"; BEFORE=$URL; BEFORE_PID=$LAST_PID
SERVER_JAR=server/target/ensemu-server.jar ENSEMU_JVM="@server/target/ensemu.args -XX:TieredStopAtLevel=4" \
  start_server "$WORK/seed-100k.json"; AFTER=$URL; AFTER_PID=$LAST_PID
echo "before: $BASE_REF at $BEFORE; after: working tree at $AFTER; $ROUNDS rounds of ${DURATION}s at $CONNECTIONS connections"
run_wrk "$BEFORE" 64 "$WARMUP" >/dev/null
run_wrk "$AFTER" 64 "$WARMUP" >/dev/null

printf "%-5s | %10s %8s %7s | %10s %8s %7s | %6s %6s\n" round "before/s" "p99 ms" "us/req" "after/s" "p99 ms" "us/req" "rps" "cpu"
RPS=""; CPU=""; ERRORS=0
for round in $(seq 1 "$ROUNDS"); do
  read -r b_rps _ b_p99 b_err b_cpu <<<"$(CPU_PID=$BEFORE_PID run_wrk "$BEFORE" "$CONNECTIONS" "$DURATION")"
  read -r a_rps _ a_p99 a_err a_cpu <<<"$(CPU_PID=$AFTER_PID run_wrk "$AFTER" "$CONNECTIONS" "$DURATION")"
  RPS+="$(ratio "$a_rps" "$b_rps") "; CPU+="$(ratio "$a_cpu" "$b_cpu") "; ERRORS=$((ERRORS + b_err + a_err))
  printf "%-5s | %10s %8s %7s | %10s %8s %7s | %6s %6s\n" "$round" "$b_rps" "$b_p99" "$b_cpu" "$a_rps" "$a_p99" "$a_cpu" \
    "$(ratio "$a_rps" "$b_rps")" "$(ratio "$a_cpu" "$b_cpu")"
done
echo "median ratio after/before, requests per second: $(echo $RPS | tr ' ' '\n' | median) (rounds: $RPS)"
echo "median ratio after/before, server CPU per request: $(echo $CPU | tr ' ' '\n' | median) (rounds: $CPU)"
echo "errors (non-2xx and socket), both servers: $ERRORS"
