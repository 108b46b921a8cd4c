#!/usr/bin/env bash
# A local ensemu cluster: a throwaway PostgreSQL (Debian's package), three instances of the
# packaged jar on it, and HAProxy in front with haproxy.cfg (ports moved to free ones). Runs the
# given command with ENSEMU_ENDPOINT set to the balancer, then tears everything down.
#   examples/cluster/run-local.sh sh -c 'curl -s "$ENSEMU_ENDPOINT"_emulator/health'
# The control plane token is ENSEMU_CLUSTER_TOKEN (default "cluster").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../../server/target/ensemu-server.jar"
[ -f "$jar" ] || { echo "run-local: build first (mvn -DskipTests package): $jar is missing" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: run-local.sh COMMAND [ARGS...]" >&2; exit 2; }
. "$here/local-postgres.sh"
[ -n "$PG_BIN" ] || { echo "run-local: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 2; }
command -v haproxy >/dev/null || { echo "run-local: HAProxy is not installed (apt-get install haproxy)" >&2; exit 2; }
token="${ENSEMU_CLUSTER_TOKEN:-cluster}"

work=$(mktemp -d /tmp/ensemu-cluster.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$work"
  rm -rf "$work"
}
trap cleanup EXIT

pg_start "$work"
database=$PG_URL

config="$work/haproxy.cfg"
cp "$here/haproxy.cfg" "$config"
for n in 1 2 3; do
  port=$(free_port)
  sed -i "s/127.0.0.1:808$n\b/127.0.0.1:$port/" "$config"
  java -jar "$jar" --port "$port" --database "$database" --admin-token "$token" --log-level warn \
    >"$work/ensemu$n.out" 2>"$work/ensemu$n.err" &
  pids+=($!)
  for _ in $(seq 1 200); do grep -q "listening on" "$work/ensemu$n.out" && break; sleep 0.1; done
  grep -q "listening on" "$work/ensemu$n.out" || { echo "run-local: instance $n did not start:" >&2; cat "$work/ensemu$n.err" >&2; exit 1; }
done
front=$(free_port)
sed -i "s/127.0.0.1:8080\b/127.0.0.1:$front/; s/127.0.0.1:8404\b/127.0.0.1:$(free_port)/" "$config"
haproxy -db -f "$config" >"$work/haproxy.log" 2>&1 &
pids+=($!)
endpoint="http://127.0.0.1:$front/"
for _ in $(seq 1 100); do curl -fs "${endpoint}_emulator/health" >/dev/null 2>&1 && break; sleep 0.2; done
echo "run-local: 3 instances on PostgreSQL behind HAProxy at $endpoint" >&2
ENSEMU_ENDPOINT="$endpoint" ENSEMU_CLUSTER_TOKEN="$token" "$@"
