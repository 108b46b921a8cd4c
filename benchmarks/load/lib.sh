# Shell helpers of the load benchmarks (run.sh, compare.sh): start servers, send wrk load, summarise.
# The caller sets WORK (a scratch folder), PIDS (an array, killed on exit), SERVER_JAR, BENCH_CP,
# ENSEMU_JVM, BASELINE_JVM and LINES_PER_SECOND, and is in the repository's root.
. examples/cluster/local-postgres.sh # free_port
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v goal="$2" 'BEGIN { split(goal, g, " "); ok = (g[1] == ">=") ? v >= g[2] : v <= g[2]; print ok ? "met" : "NOT met" }'; }
target() { # name value goal(">= X" | "<= X") [unit]
  echo "target $1: $2${4:-} ($3${4:-}) $(verdict "$2" "$3")"
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

# Starts ensemu (the README's command) in the background: sets URL, LAST_PID (not in $(...), so the pid reaches cleanup).
start_server() { # seed-file|"" [more flags]
  local seed=$1; shift
  local log="$WORK/server-$RANDOM.log" port; port=$(free_port)
  java $ENSEMU_JVM ${EXTRA_JVM:-} -jar "$SERVER_JAR" --port "$port" --no-admin --nonce-capacity 50000000 ${seed:+--seed "$seed"} "$@" >"$log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  for _ in $(seq 1 600); do grep -q "listening on" "$log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^ ]*' "$log" | head -1)
  HTTPS_URL=$(grep -o 'https://[^ ]*' "$log" | head -1 || true)
  CERT=$(grep -o '(certificate [^)]*' "$log" | head -1 | cut -d' ' -f2 || true)
}
start_baseline() { # main-class
  local log="$WORK/baseline-$RANDOM.log"
  java $BASELINE_JVM -Xmx1g -cp "$BENCH_CP" "$1" 0 >"$log" 2>&1 &
  LAST_PID=$!; PIDS+=("$LAST_PID")
  for _ in $(seq 1 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^ ]*' "$log" | head -1)
}
# Fresh pre-signed lines for one wrk run against ensemu: one file per wrk thread, a nonce per line.
presign() { # file seconds [page]; MIX=info|export|status|read90 (PresignedRequests)
  java -cp "$BENCH_CP" dev.ensemu.bench.PresignedRequests "$1" $(( $2 * LINES_PER_SECOND )) "${3:-1}" 2 "${MIX:-info}"
}
# wrk URL CONNECTIONS SECONDS [page] -> "rps p50ms p99ms errors", and with CPU_PID set " cpu-us-per-request" of
# that process (user + system time over requests answered: steadier than req/s on a machine whose speed drifts).
# ensemu (ONCE=1) gets fresh lines; others replay a pool.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run_wrk() {
  local targets="$WORK/replay-${4:-1}.txt" once=0
  if [ "${ONCE:-1}" = 1 ]; then targets="$WORK/once.txt"; once=1; presign "$targets" "$3" "${4:-1}"; fi
  local out ticks=0
  [ -z "${CPU_PID:-}" ] || ticks=$(cpu_ticks "$CPU_PID")
  out=$(ONCE=$once TARGETS="$targets" timeout $(( $3 + 120 )) wrk -t2 -c"$2" -d"$3"s --latency -s benchmarks/load/presigned.lua "$1")
  local rps p50 p99 non2xx sock
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}'); non2xx=${non2xx:-0}
  sock=$(echo "$out" | awk -F'[ ,]+' '/Socket errors/ {s=0; for(i=1;i<=NF;i++) if ($i ~ /^[0-9]+$/) s+=$i; print s}'); sock=${sock:-0}
  echo -n "$rps $(to_ms "$p50") $(to_ms "$p99") $((non2xx + sock))"
  if [ -n "${CPU_PID:-}" ]; then
    echo "$out" | awk -v t=$(( $(cpu_ticks "$CPU_PID") - ticks )) -v hz="$(getconf CLK_TCK)" \
      '/requests in/ {printf " %.1f", t * 1e6 / hz / $1}'
  fi
  echo
}
to_ms() { awk -v v="$1" 'BEGIN { n=v; sub(/[a-z]+$/,"",n); if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'; }
# Waits for the first answer with the given status at URL; prints the milliseconds since STARTED (ns).
ms_to_status() { # url status started-ns
  for _ in $(seq 1 6000); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" 2>/dev/null)" = "$2" ] && break
    sleep 0.01
  done
  echo $(( ($(date +%s%N) - $3) / 1000000 ))
}
