#!/usr/bin/env bash
# Several fremdrift instances behind nginx on loopback, for tests and demos (issue 19):
# a throw-away PostgreSQL cluster, N `fremdrift serve` (default 3) and nginx with the shipped
# deploy/nginx/fremdrift.conf (TLS with a self-signed certificate made here), all on free
# ports, all as the current user, everything under one directory. No system service is used.
#
#   scripts/cluster.sh start [--demo] [--instances N] [--build DIR]   prints the URL
#   scripts/cluster.sh status                                         what runs, exit 1 if not all
#   scripts/cluster.sh stop                                           stops all, removes the dir
#   scripts/cluster.sh kill I | start-instance I                      kill -9 / start instance I
#   scripts/cluster.sh pg-restart                                     restart PostgreSQL (fast)
#   scripts/cluster.sh env                                            KEY=value lines (for tests)
#
# The directory is $FREMDRIFT_CLUSTER_DIR (default /tmp/fremdrift-cluster); it holds the
# logs (instance-I.log, nginx-access.log, nginx-error.log, pg/server.log) and cluster.env.
# --demo loads the demo municipality through the first instance before the others start
# (FREMDRIFT_DEMO_PASSWORD sets its password). FREMDRIFT_CLUSTER_DB_PARAMS: the PostgreSQL
# URL's parameters (default prepared_statements=on; empty for statements sent unnamed).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/pg-test-cluster.sh
source "$ROOT/scripts/pg-test-cluster.sh"
DIR=${FREMDRIFT_CLUSTER_DIR:-/tmp/fremdrift-cluster}
ENV_FILE="$DIR/cluster.env"

die() { echo "cluster: $*" >&2; exit 1; }
load() {
  [ -f "$ENV_FILE" ] || die "no cluster in $DIR (scripts/cluster.sh start)"
  # shellcheck disable=SC1090
  source "$ENV_FILE"
}
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
wait_http() {  # URL [seconds] [curl options…]
  local url=$1 tries=$((${2:-30} * 10))
  shift 2 || shift $#
  for _ in $(seq 1 "$tries"); do
    curl -sf -o /dev/null "$@" "$url" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start_instance() {  # I [extra serve options…]
  local i=$1 port pid
  shift
  load
  port=$(eval echo "\$INSTANCE_${i}_PORT")
  [ -n "$port" ] || die "no instance $i"
  # The jobs worker runs in every instance (jobs are claimed in the database); each polls
  # less often than alone would, which is plenty for mail and reminders.
  FREMDRIFT_TRUST_PROXY=1 nohup "$BIN" --db "$DB_URL" serve --listen "127.0.0.1:$port" \
    --threads "${FREMDRIFT_CLUSTER_THREADS:-4}" --jobs-poll-ms 3000 "$@" \
    >>"$DIR/instance-$i.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$DIR/instance-$i.pid"
  wait_http "http://127.0.0.1:$port/healthz" "${FREMDRIFT_CLUSTER_WAIT:-120}" ||
    die "instance $i did not answer on port $port (see $DIR/instance-$i.log)"
}

cmd_start() {
  local demo=0 n=3 build="$ROOT/build"
  while [ $# -gt 0 ]; do
    case $1 in
      --demo) demo=1 ;;
      --instances) n=$2; shift ;;
      --build) build=$2; shift ;;
      *) die "unknown option $1" ;;
    esac
    shift
  done
  [ -x "$build/fremdrift" ] || die "no $build/fremdrift (build it first)"
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "nginx is not installed (apt-get install nginx)"
  [ -e "$ENV_FILE" ] && die "a cluster already runs in $DIR (stop it first)"
  mkdir -p "$DIR"
  # nginx's workers run as the current user (as root: root) and must reach their files.
  chmod 755 "$DIR"

  # PostgreSQL 15, through the test suite's own helper; its directory moves under ours.
  pg_cluster_start >/dev/null || die "PostgreSQL did not start"
  local pg_dir=$PG_TEST_DIR
  local params=${FREMDRIFT_CLUSTER_DB_PARAMS-prepared_statements=on}
  psql -q -h 127.0.0.1 -p "$PG_TEST_PORT" -U postgres -d postgres -c "CREATE DATABASE fremdrift" >/dev/null
  {
    echo "BIN=$build/fremdrift"
    echo "PG_DIR=$pg_dir"
    echo "PG_BIN=$(pg_bin_dir)"
    echo "PG_PORT=$PG_TEST_PORT"
    # The instances reach PostgreSQL directly, so they keep statements prepared, as
    # deploy/README.md advises (D62); a restart of PostgreSQL then makes them prepare again.
    echo "DB_URL=postgresql://postgres@127.0.0.1:$PG_TEST_PORT/fremdrift${params:+?$params}"
    echo "INSTANCES=$n"
    for i in $(seq 1 "$n"); do echo "INSTANCE_${i}_PORT=$(free_port)"; done
    echo "HTTPS_PORT=$(free_port)"
    echo "HTTP_PORT=$(free_port)"
  } >"$ENV_FILE"
  load
  echo "URL=https://127.0.0.1:$HTTPS_PORT" >>"$ENV_FILE"
  echo "CA_FILE=$DIR/tls/cert.pem" >>"$ENV_FILE"
  load

  "$BIN" --db "$DB_URL" migrate >"$DIR/migrate.log" 2>&1 || die "migrate failed (see $DIR/migrate.log)"
  if [ "$demo" -eq 1 ]; then start_instance 1 --demo; else start_instance 1; fi
  for i in $(seq 2 "$n"); do start_instance "$i"; done

  # TLS: a self-signed certificate for 127.0.0.1 and localhost, good for two days.
  mkdir -p "$DIR/tls" "$DIR/nginx/cache" "$DIR/nginx/tmp"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=localhost" -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$DIR/tls/key.pem" -out "$DIR/tls/cert.pem" >/dev/null 2>&1 || die "openssl failed"

  # The shipped site file, with only its "cluster.sh:" lines rewritten for loopback.
  local upstreams="" backups=""
  for i in $(seq 1 "$n"); do
    upstreams+="    server 127.0.0.1:$(eval echo "\$INSTANCE_${i}_PORT") max_fails=2 fail_timeout=5s;\\n"
    backups+="    server 127.0.0.1:$(eval echo "\$INSTANCE_${i}_PORT") backup max_fails=0;\\n"
  done
  sed -E \
    -e "/# cluster.sh: instance 1$/i\\
__UPSTREAMS__" \
    -e "/# cluster.sh: instance [0-9]+$/d" \
    -e "/# cluster.sh: backup 1$/i\\
__BACKUPS__" \
    -e "/# cluster.sh: backup [0-9]+$/d" \
    -e "s#^( *)listen 80; .*#\\1listen 127.0.0.1:$HTTP_PORT;#" \
    -e "/# cluster.sh: http6$/d" \
    -e "s#^( *)listen 443 ssl http2; .*#\\1listen 127.0.0.1:$HTTPS_PORT ssl http2;#" \
    -e "/# cluster.sh: https6$/d" \
    -e "s#^( *)server_name .*#\\1server_name localhost 127.0.0.1;#" \
    -e "s#/etc/ssl/certs/fremdrift.pem#$DIR/tls/cert.pem#" \
    -e "s#/etc/ssl/private/fremdrift.key#$DIR/tls/key.pem#" \
    -e "s#/var/cache/nginx/fremdrift#$DIR/nginx/cache#" \
    -e "s#/var/log/nginx/fremdrift.access.log#$DIR/nginx-access.log#" \
    -e "s#/var/log/nginx/fremdrift.error.log#$DIR/nginx-error.log#" \
    "$ROOT/deploy/nginx/fremdrift.conf" |
    sed -e "s#__UPSTREAMS__#${upstreams%\\n}#" -e "s#__BACKUPS__#${backups%\\n}#" >"$DIR/nginx/fremdrift.conf"
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  cat >"$DIR/nginx/nginx.conf" <<CONF
# Generated by scripts/cluster.sh: nginx as the current user, all paths under $DIR.
$user_line
worker_processes 2;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx-error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $DIR/nginx/tmp/body;
    proxy_temp_path $DIR/nginx/tmp/proxy;
    fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
    uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
    scgi_temp_path $DIR/nginx/tmp/scgi;
    access_log off;
    include $DIR/nginx/fremdrift.conf;
}
CONF
  local nginx_bin
  nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
  "$nginx_bin" -t -q -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx-error.log" ||
    die "nginx -t refused the configuration ($DIR/nginx/fremdrift.conf)"
  "$nginx_bin" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -e "$DIR/nginx-error.log"
  echo "NGINX=$nginx_bin" >>"$ENV_FILE"
  wait_http "$URL/healthz" 10 --cacert "$CA_FILE" || die "nginx does not answer on $URL"
  echo "fremdrift: $URL ($n instances on PostgreSQL, nginx with TLS; CA: $CA_FILE)"
  [ "$demo" -eq 1 ] && grep -m1 "Demo login:" "$DIR/instance-1.log" | sed 's/^ *//'
  true
  echo "stop with: FREMDRIFT_CLUSTER_DIR=$DIR scripts/cluster.sh stop"
}

cmd_status() {
  load
  local ok=0 pid port i
  for i in $(seq 1 "$INSTANCES"); do
    pid=$(cat "$DIR/instance-$i.pid" 2>/dev/null || true)
    port=$(eval echo "\$INSTANCE_${i}_PORT")
    if alive "$pid" && curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; then
      echo "instance $i: up (pid $pid, 127.0.0.1:$port)"
    else
      echo "instance $i: DOWN (127.0.0.1:$port)"; ok=1
    fi
  done
  pid=$(cat "$DIR/nginx/nginx.pid" 2>/dev/null || true)
  if alive "$pid"; then echo "nginx: up (pid $pid, $URL)"; else echo "nginx: DOWN"; ok=1; fi
  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    echo "postgresql: up (127.0.0.1:$PG_PORT)"
  else
    echo "postgresql: DOWN"; ok=1
  fi
  return $ok
}

cmd_kill() {
  load
  local pid
  pid=$(cat "$DIR/instance-$1.pid" 2>/dev/null || true)
  alive "$pid" || die "instance $1 is not running"
  kill -9 "$pid"
  # Reaped by nothing here (its parent was an earlier shell): wait until the pid is gone.
  for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.02; done
}

cmd_pg_restart() {
  load
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w restart \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    -l "$PG_DIR/server.log" >/dev/null
}

cmd_stop() {
  [ -f "$ENV_FILE" ] || { echo "cluster: nothing runs in $DIR"; return 0; }
  load
  local pid i
  pid=$(cat "$DIR/nginx/nginx.pid" 2>/dev/null || true)
  if alive "$pid"; then
    kill -QUIT "$pid"
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
  fi
  for i in $(seq 1 "$INSTANCES"); do
    pid=$(cat "$DIR/instance-$i.pid" 2>/dev/null || true)
    alive "$pid" && kill -TERM "$pid"
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    alive "$pid" && kill -9 "$pid"
  done
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR" "$DIR"
  echo "cluster: stopped"
}

case ${1:-} in
  start) shift; cmd_start "$@" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  kill) cmd_kill "${2:?instance number}" ;;
  start-instance) start_instance "${2:?instance number}" ;;
  pg-restart) cmd_pg_restart ;;
  env) load; cat "$ENV_FILE" ;;
  *) sed -n '2,17p' "$0"; exit 2 ;;
esac
