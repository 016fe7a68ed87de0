#!/usr/bin/env bash
# Sourced by scripts/test.sh: starts a throw-away PostgreSQL cluster on a free
# loopback port in a temp dir, and removes it again on exit.
# initdb refuses to run as root, so as root the cluster runs as Debian's postgres user.

pg_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

pg_cluster_start() {
  local bin
  bin=$(pg_bin_dir)
  if [ -z "$bin" ]; then
    echo "PostgreSQL server binaries not found (install the postgresql package)" >&2
    return 1
  fi
  PG_TEST_DIR=$(mktemp -d /tmp/fremdrift-pg.XXXXXX)
  PG_TEST_PORT=$(free_port)
  PG_RUN=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_TEST_DIR"
    PG_RUN=(runuser -u postgres --)
  fi
  "${PG_RUN[@]}" "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  # Durability is pointless for a cluster that lives for one test run.
  "${PG_RUN[@]}" "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w \
    -o "-p $PG_TEST_PORT -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  for db in fremdrift_dbtest fremdrift_httptest; do
    psql -q -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -d postgres -c "CREATE DATABASE $db" >/dev/null
  done
  export FREMDRIFT_TEST_PG="postgresql://postgres@127.0.0.1:$PG_TEST_PORT/fremdrift_dbtest"
  export FREMDRIFT_TEST_PG_HTTP="postgresql://postgres@127.0.0.1:$PG_TEST_PORT/fremdrift_httptest"
  export FREMDRIFT_REQUIRE_PG=1
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') test cluster on 127.0.0.1:$PG_TEST_PORT"
}

pg_cluster_stop() {
  [ -n "${PG_TEST_DIR:-}" ] || return 0
  "${PG_RUN[@]}" "$(pg_bin_dir)/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
  PG_TEST_DIR=""
}
