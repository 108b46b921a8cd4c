#!/usr/bin/env bash
# The image-export figures (issue 24) in one run, loopback only, bounded in time (about 12 minutes on
# 2 cores). Every server runs as the README's command (java @server/target/ensemu.args) on 100,000
# images; wrk sends pre-signed V1 requests, each with its own nonce (replay protection on), at 16
# connections, in alternating rounds after warming each server:
#  1. memory mode: ExportImage and DescribeExportImageStatus requests/s (and server CPU per request)
#     relative to DescribeExportImageInfo (page 1 of 10), one server;
#  2. a 90% DescribeExportImageInfo / 10% ExportImage mix: PostgreSQL mode (Debian's PostgreSQL, fsync
#     on) relative to memory mode.
# Exports take the default 2 s; each ExportImage line names another image of the catalog, so none is
# refused as Exporting. DescribeExportImageInfo's CPU per request before and after a change is
# compare.sh's figure: bash benchmarks/load/compare.sh <ref before the change>.
#   bash benchmarks/load/export-flow.sh      BENCH_ROUNDS=3 BENCH_SECONDS=15 BENCH_WARMUP_SECONDS=30
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-30}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
LINES_PER_SECOND=${BENCH_MAX_RPS:-25000}
WORK=$(mktemp -d /tmp/ensemu-bench.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as its own user inside it
PIDS=()
. benchmarks/load/lib.sh
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  pg_stop "$WORK/pg" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -n "$PG_BIN" ] || { echo "export-flow: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
[ -f server/target/ensemu-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests install
SERVER_JAR=server/target/ensemu-server.jar
BENCH_CP=benchmarks/target/benchmarks.jar
# Load wants the JIT's top tier: the options file alone runs C1 only, for test suites (docs/performance.md).
ENSEMU_JVM="@server/target/ensemu.args -XX:TieredStopAtLevel=4"

java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-100k.json" 100000
pg_start "$WORK/pg"
start_server "$WORK/seed-100k.json"; MEMORY=$URL; MEMORY_PID=$LAST_PID
start_server "$WORK/seed-100k.json" --database "$PG_URL"; SHARED=$URL; SHARED_PID=$LAST_PID
[ -n "$MEMORY" ] && [ -n "$SHARED" ] || { echo "export-flow: a server did not start" >&2; exit 1; }
echo "memory: $MEMORY; PostgreSQL: $SHARED ($PG_URL); $ROUNDS rounds of ${DURATION}s at $CONNECTIONS connections"
for mix in info export status; do MIX=$mix run_wrk "$MEMORY" 64 "$WARMUP" >/dev/null; done
MIX=read90 run_wrk "$SHARED" 64 "$WARMUP" >/dev/null

echo "== 1. memory mode, per operation"
printf "%-5s | %10s %7s | %10s %7s %6s | %10s %7s %6s\n" round "info/s" "us/req" "export/s" "us/req" errors "status/s" "us/req" errors
EXPORT_RATIOS=""; STATUS_RATIOS=""; EXPORT_CPU=""; STATUS_CPU=""; ERRORS=0
for round in $(seq 1 "$ROUNDS"); do
  read -r i_rps _ _ i_err i_cpu <<<"$(MIX=info CPU_PID=$MEMORY_PID run_wrk "$MEMORY" "$CONNECTIONS" "$DURATION")"
  read -r e_rps _ _ e_err e_cpu <<<"$(MIX=export CPU_PID=$MEMORY_PID run_wrk "$MEMORY" "$CONNECTIONS" "$DURATION")"
  read -r s_rps _ _ s_err s_cpu <<<"$(MIX=status CPU_PID=$MEMORY_PID run_wrk "$MEMORY" "$CONNECTIONS" "$DURATION")"
  EXPORT_RATIOS+="$(ratio "$e_rps" "$i_rps") "; STATUS_RATIOS+="$(ratio "$s_rps" "$i_rps") "
  EXPORT_CPU+="$(ratio "$e_cpu" "$i_cpu") "; STATUS_CPU+="$(ratio "$s_cpu" "$i_cpu") "
  ERRORS=$((ERRORS + i_err + e_err + s_err))
  printf "%-5s | %10s %7s | %10s %7s %6s | %10s %7s %6s\n" "$round" "$i_rps" "$i_cpu" "$e_rps" "$e_cpu" "$e_err" "$s_rps" "$s_cpu" "$s_err"
done

echo "== 2. 90% DescribeExportImageInfo / 10% ExportImage, PostgreSQL mode against memory mode"
printf "%-5s | %12s %8s %7s | %12s %8s %7s | %6s\n" round "memory rps" "p99 ms" errors "postgres rps" "p99 ms" errors ratio
MIX_RATIOS=""
for round in $(seq 1 "$ROUNDS"); do
  read -r m_rps _ m_p99 m_err <<<"$(MIX=read90 run_wrk "$MEMORY" "$CONNECTIONS" "$DURATION")"
  read -r p_rps _ p_p99 p_err <<<"$(MIX=read90 run_wrk "$SHARED" "$CONNECTIONS" "$DURATION")"
  MIX_RATIOS+="$(ratio "$p_rps" "$m_rps") "; ERRORS=$((ERRORS + m_err + p_err))
  printf "%-5s | %12s %8s %7s | %12s %8s %7s | %6s\n" "$round" "$m_rps" "$m_p99" "$m_err" "$p_rps" "$p_p99" "$p_err" "$(ratio "$p_rps" "$m_rps")"
done

echo
echo "ExportImage requests/s relative to DescribeExportImageInfo, memory mode: $(echo $EXPORT_RATIOS | tr ' ' '\n' | median) (rounds: $EXPORT_RATIOS; server CPU per request: $(echo $EXPORT_CPU | tr ' ' '\n' | median))"
echo "DescribeExportImageStatus requests/s relative to DescribeExportImageInfo, memory mode: $(echo $STATUS_RATIOS | tr ' ' '\n' | median) (rounds: $STATUS_RATIOS; server CPU per request: $(echo $STATUS_CPU | tr ' ' '\n' | median))"
echo "90/10 read/ExportImage mix, PostgreSQL mode relative to memory mode: $(echo $MIX_RATIOS | tr ' ' '\n' | median) (rounds: $MIX_RATIOS)"
echo "non-200 answers in all measured rounds: $ERRORS"
