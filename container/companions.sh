#!/usr/bin/env bash
# Builds the images the compose example and the Testcontainers tests run beside ensemu, from this
# machine's Debian packages (no registry serves the official ones here):
#   localhost/debian-postgres:15   PostgreSQL (apt-get install postgresql), official image's variables
#   localhost/debian-haproxy:latest HAProxy (apt-get install haproxy)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/container/rootfs.sh"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$repo/container/containers.conf}"
pg=/usr/lib/postgresql/15
[ -x "$pg/bin/postgres" ] || { echo "companions.sh: PostgreSQL 15 is missing (apt-get install postgresql)" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "companions.sh: HAProxy is missing (apt-get install haproxy)" >&2; exit 1; }
work="$repo/container/target/companions"
rm -rf "$work"

context="$work/postgres"; root="$context/rootfs"
mkdir -p "$context/data" "$root/tmp" && chmod 1777 "$root/tmp"
cp -r "$repo/container/companions/postgres/Containerfile" "$context/"
copy_files "$root" "$pg/bin/postgres" "$pg/bin/initdb" /bin/sh
cp -r "$pg/lib" "$root$pg/"
rm -rf "$root$pg/lib/bitcode" "$root$pg/lib"/llvmjit*   # JIT: it would pull in LLVM (100 MB)
mkdir -p "$root/usr/share/postgresql" && cp -r /usr/share/postgresql/15 "$root/usr/share/postgresql/"
cp -r /usr/share/zoneinfo "$root/usr/share/"     # Debian's PostgreSQL reads the system's time zones
cp "$repo/container/companions/postgres/entrypoint.sh" "$root/entrypoint.sh"
add_shared_libraries "$root"
add_user "$root" postgres 999 /var/lib/postgresql
podman build --format docker --tag localhost/debian-postgres:15 "$context" >&2

context="$work/haproxy"; root="$context/rootfs"
mkdir -p "$root/usr/local/etc/haproxy"
cp "$repo/container/companions/haproxy/Containerfile" "$context/"
copy_files "$root" "$(command -v haproxy)"
add_shared_libraries "$root"
add_user "$root" haproxy 99 /var/lib/haproxy
podman build --format docker --tag localhost/debian-haproxy:latest "$context" >&2
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep debian- >&2
