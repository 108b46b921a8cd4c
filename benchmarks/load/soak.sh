#!/usr/bin/env bash
# Soak test on loopback: the packaged server under a mixed load (valid, invalid, signed) at 64
# connections for SOAK_SECONDS (default 300), bounded in time. Prints throughput, latency, status
# counts, and heap-after-GC, threads and file descriptors of the server before and after.
# Fails (exit 1) on any 5xx, any connection error, heap growth over 10%, or thread/FD growth.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_TO_RUN=${SOAK_SECONDS:-300}
CONNECTIONS=${SOAK_CONNECTIONS:-64}
JAR=server/target/ensemu-server.jar
[ -f "$JAR" ] || mvn -B -q -ntp -DskipTests package

LOG=$(mktemp)
java -Xmx512m -jar "$JAR" --port 0 --auth anonymous --no-admin --nonce-capacity 200000 >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do grep -q "listening on" "$LOG" && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$LOG" | head -1)

heap_after_gc() { jcmd "$PID" GC.run >/dev/null; sleep 1; jcmd "$PID" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'; }
threads() { grep -E '^Threads:' /proc/"$PID"/status | awk '{print $2}'; }
fds() { ls /proc/"$PID"/fd | wc -l; }

echo "server $URL (pid $PID); warming up 20 s"
timeout 60 java benchmarks/load/LoadGenerator.java "$URL" "$CONNECTIONS" 20 >/dev/null
sleep 2
HEAP0=$(heap_after_gc); THREADS0=$(threads); FDS0=$(fds)
echo "start: heap after GC ${HEAP0} KB, threads ${THREADS0}, fds ${FDS0}"

OUT=$(timeout $((SECONDS_TO_RUN + 120)) java benchmarks/load/LoadGenerator.java "$URL" "$CONNECTIONS" "$SECONDS_TO_RUN")
echo "$OUT"
sleep 3
HEAP1=$(heap_after_gc); THREADS1=$(threads); FDS1=$(fds)
echo "end:   heap after GC ${HEAP1} KB, threads ${THREADS1}, fds ${FDS1}"
GROWTH=$(awk -v a="$HEAP0" -v b="$HEAP1" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
echo "heap growth: ${GROWTH}%"

FAIL=0
echo "$OUT" | grep -q '^5xx: 0$' || { echo "FAIL: 5xx answers"; FAIL=1; }
echo "$OUT" | grep -q '^connection errors: 0$' || { echo "FAIL: connection errors"; FAIL=1; }
awk -v g="$GROWTH" 'BEGIN { exit !(g <= 10) }' || { echo "FAIL: heap grew more than 10%"; FAIL=1; }
[ "$THREADS1" -le "$THREADS0" ] || { echo "FAIL: threads grew"; FAIL=1; }
[ "$FDS1" -le "$FDS0" ] || { echo "FAIL: file descriptors grew"; FAIL=1; }
[ $FAIL -eq 0 ] && echo "SOAK PASSED"
exit $FAIL
