#!/usr/bin/env bash
# The storage modes measured (issue: several instances, one truth), all on 127.0.0.1, bounded in time:
#  1. signed throughput with replay protection ON (every request its own nonce), 100,000 images,
#     16 connections: PostgreSQL mode (--database) vs in-memory mode, alternating rounds, median ratio;
#  2. the cost of one durable write with --data-dir in a 1,000,000-image catalog: sequential (after 3,000 to warm up)
#     control-plane POSTs of one image each, latency percentiles as a client sees them (HTTP included).
# Prints one line per target with the word "target" and whether it is met.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_SECONDS:-15}
WARMUP=${BENCH_WARMUP_SECONDS:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
WRITES=${BENCH_WRITES:-5000}
WORK=$(mktemp -d /tmp/ensemu-bench.XXXXXX)
chmod 755 "$WORK" # PostgreSQL runs as its own user inside it
PIDS=()
. examples/cluster/local-postgres.sh
cleanup() {
  for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done
  pg_stop "$WORK/pg"
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "$PG_BIN" ] || { echo "shared-state: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
[ -f server/target/ensemu-server.jar ] && [ -f benchmarks/target/benchmarks.jar ] || mvn -B -q -ntp -DskipTests package
SERVER_JAR=server/target/ensemu-server.jar
BENCH_CP=benchmarks/target/benchmarks.jar
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
start_server() { # flags...; sets URL and LAST_PID
  local log="$WORK/server-$RANDOM.log"
  java -Xmx2g -jar "$SERVER_JAR" --port 0 --admin-token bench --log-level warn "$@" >"$log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  for _ in $(seq 1 1200); do grep -q "listening on" "$log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^ ]*' "$log" | head -1)
  [ -n "$URL" ] || { echo "shared-state: the server did not start:" >&2; cat "$log" >&2; exit 1; }
}

echo "== preparing: catalogs, PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') (Debian), fsync on"
java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-100k.json" 100000
java -cp "$BENCH_CP" dev.ensemu.bench.CatalogGenerator "$WORK/seed-1m.json" 1000000
pg_start "$WORK/pg"

echo "== 1. signed throughput, replay protection on, 100,000 images, $CONNECTIONS connections"
start_server --seed "$WORK/seed-100k.json"; MEMORY=$URL
start_server --seed "$WORK/seed-100k.json" --database "$PG_URL"; SHARED=$URL
echo "warm-up: ${WARMUP}s each"
timeout $((WARMUP + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$MEMORY" "$CONNECTIONS" "$WARMUP" >/dev/null
timeout $((WARMUP + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$SHARED" "$CONNECTIONS" "$WARMUP" >/dev/null
printf "%-5s | %12s %8s %8s %7s | %12s %8s %8s %7s | %6s\n" round "memory rps" "p50 ms" "p99 ms" errors "postgres rps" "p50 ms" "p99 ms" errors ratio
RATIOS=""
for round in $(seq 1 "$ROUNDS"); do
  read -r m_rps m_p50 m_p99 m_err < <(timeout $((DURATION + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$MEMORY" "$CONNECTIONS" "$DURATION")
  read -r p_rps p_p50 p_p99 p_err < <(timeout $((DURATION + 30)) java -cp "$BENCH_CP" dev.ensemu.bench.SignedLoad "$SHARED" "$CONNECTIONS" "$DURATION")
  ratio=$(awk -v a="$p_rps" -v b="$m_rps" 'BEGIN { printf "%.2f", a / b }')
  RATIOS+="$ratio "
  printf "%-5s | %12s %8s %8s %7s | %12s %8s %8s %7s | %6s\n" "$round" "$m_rps" "$m_p50" "$m_p99" "$m_err" "$p_rps" "$p_p50" "$p_p99" "$p_err" "$ratio"
done
MEDIAN=$(echo $RATIOS | tr ' ' '\n' | median)
MET=$(awk -v r="$MEDIAN" 'BEGIN { print (r >= 0.5) ? "met" : "NOT met" }')
echo "target: median ratio PostgreSQL mode/in-memory mode, signed with replay protection, at $CONNECTIONS connections: $MEDIAN (>= 0.50) $MET"
NONCES=$(pg_psql ensemu -tAc "SELECT count(*) FROM ensemu_nonces")
echo "nonces remembered in PostgreSQL after the run: $NONCES (each request's own, kept 15 minutes)"
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; PIDS=()

echo "== 2. one durable write with --data-dir in a 1,000,000-image catalog ($WRITES sequential POSTs)"
start_server --seed "$WORK/seed-1m.json" --data-dir "$WORK/data"
timeout 600 java -cp "$BENCH_CP" dev.ensemu.bench.DataDirWrites "$URL" bench "$WRITES" | tee "$WORK/writes.txt"
P99=$(awk '/^p99 ms/ {print $3}' "$WORK/writes.txt")
MET=$(awk -v p="$P99" 'BEGIN { print (p <= 10) ? "met" : "NOT met" }')
echo "target: data-dir write p99 with 1,000,000 images: $P99 ms (<= 10 ms) $MET"
