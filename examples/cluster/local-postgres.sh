# Sourced by run-local.sh and the benchmark scripts: a free loopback port, and a throwaway
# PostgreSQL (Debian's package) with a user and database "ensemu" (password "ensemu").
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_AS_OWNER=()
[ "$(id -u)" -ne 0 ] || PG_AS_OWNER=(runuser -u postgres --)

# pg_start DIR: a new cluster in DIR/data on a free port; sets PG_PORT and PG_URL. As root, the
# postgres user must be able to reach DIR (its parents world-traversable, as /tmp and mktemp -d + chmod 755).
pg_start() {
  [ -n "$PG_BIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 2; }
  local dir=$1
  mkdir -p "$dir/data"
  chmod 755 "$dir"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir" "$dir/data"
  PG_PORT=$(free_port)
  "${PG_AS_OWNER[@]}" "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 >"$dir/initdb.log"
  "${PG_AS_OWNER[@]}" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  pg_psql postgres -c "CREATE USER ensemu PASSWORD 'ensemu'" -c "CREATE DATABASE ensemu OWNER ensemu"
  PG_URL="postgresql://ensemu:ensemu@127.0.0.1:$PG_PORT/ensemu"
}

# pg_psql DATABASE ARGS...: psql as the superuser on the cluster pg_start made.
pg_psql() {
  local database=$1; shift
  "${PG_AS_OWNER[@]}" "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$database" -q "$@"
}

# pg_stop DIR: stops the cluster at once (its files go with DIR).
pg_stop() {
  [ -d "$1/data" ] && "${PG_AS_OWNER[@]}" "$PG_BIN/pg_ctl" -D "$1/data" -m immediate stop >/dev/null 2>&1 || true
}
