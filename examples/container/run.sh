#!/usr/bin/env bash
# Starts compose.yaml with podman-compose on free ports, waits until the balancer has all three
# instances up, runs the given command with ENSEMU_ENDPOINT and ENSEMU_CLUSTER_TOKEN set, then
# tears everything down (volumes included). Needs the images (container/build.sh, companions.sh).
#   examples/container/run.sh sh -c 'curl -s "$ENSEMU_ENDPOINT"_emulator/health'
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -gt 0 ] || { echo "usage: run.sh COMMAND [ARGS...]" >&2; exit 2; }
command -v podman-compose >/dev/null || { echo "run.sh: podman-compose is missing (apt-get install podman-compose)" >&2; exit 2; }
export CONTAINERS_CONF="${CONTAINERS_CONF:-$here/../../container/containers.conf}"
export ENSEMU_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ENSEMU_TOKEN="${ENSEMU_CLUSTER_TOKEN:-cluster}"
project="ensemu-example-$$"
compose() { podman-compose --project-name "$project" --file "$here/compose.yaml" "$@"; }
cleanup() {
  # down --volumes removes the named volumes; the anonymous ones of the images' VOLUMEs go by name.
  local anonymous
  anonymous=$(podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.ID}}' \
    | xargs -r podman inspect --format '{{range .Mounts}}{{.Name}} {{end}}' 2>/dev/null || true)
  compose down --volumes >/dev/null 2>&1 || true
  [ -z "$anonymous" ] || podman volume rm -f $anonymous >/dev/null 2>&1 || true
  podman network rm -f "${project}_default" >/dev/null 2>&1 || true   # podman-compose 1.0.3 leaves it
}
trap cleanup EXIT

compose up -d >/dev/null 2>&1
endpoint="http://127.0.0.1:$ENSEMU_PORT/"
up=0
for _ in $(seq 1 120); do   # all three instances answering through the balancer, 60 s at most
  up=$(for _ in 1 2 3 4 5 6; do curl -fs "${endpoint}_emulator/health" >/dev/null 2>&1 && echo ok; done | wc -l)
  [ "$up" -eq 6 ] && break
  sleep 0.5
done
if [ "$up" -ne 6 ]; then
  echo "run.sh: the cluster did not come up at $endpoint:" >&2
  for service in db ensemu1 ensemu2 ensemu3 lb; do echo "--- $service" >&2; podman logs --tail 5 "${project}_${service}_1" >&2 || true; done
  exit 1
fi
echo "run.sh: 3 instances on PostgreSQL behind HAProxy in containers at $endpoint" >&2
ENSEMU_ENDPOINT="$endpoint" ENSEMU_CLUSTER_TOKEN="$ENSEMU_TOKEN" "$@"
