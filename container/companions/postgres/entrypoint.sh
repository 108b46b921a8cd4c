#!/bin/sh
# Debian's PostgreSQL in a container, started as the official image is: on first start the data
# directory is created with POSTGRES_USER (default postgres), POSTGRES_PASSWORD (required) and
# POSTGRES_DB (default: the user's name); then PostgreSQL runs in the foreground, reachable by
# password from any address.
set -eu
bin=/usr/lib/postgresql/15/bin
user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  [ -n "${POSTGRES_PASSWORD:-}" ] || { echo "postgres: set POSTGRES_PASSWORD" >&2; exit 1; }
  printf '%s\n' "$POSTGRES_PASSWORD" | "$bin/initdb" --pgdata="$PGDATA" --username="$user" --pwfile=/dev/stdin \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C >/dev/null 2>&1
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    echo "CREATE DATABASE \"$database\" OWNER \"$user\"" | "$bin/postgres" --single -D "$PGDATA" -j postgres >/dev/null
  fi
  echo "postgres: created $PGDATA (user $user, database $database)" >&2
fi
exec "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
