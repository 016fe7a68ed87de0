#!/usr/bin/env bash
# The Debian package installed, run and removed on this machine (issue 19, point 1):
#   tests/deploy/deb_test.sh [BUILD_DIR]
# Builds build/fremdrift_<version>_amd64.deb with CPack, installs it with dpkg -i, checks the
# user, files and migrated database, runs the service — under systemd when this machine runs
# it, else the unit's own ExecStart line as its user with its EnvironmentFile — logs in over
# HTTP, installs it again as an upgrade, then purges it and checks what is left.
# Needs root (dpkg); prints "skipped" and exits 0 without it, or when a fremdrift package is
# already installed here (it is never replaced by a test).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${1:-build}

skip() { echo "deb: skipped — $1"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip "needs root for dpkg -i"
command -v dpkg >/dev/null || skip "no dpkg"
if dpkg-query -W -f='${Status}' fremdrift 2>/dev/null | grep -q "installed"; then
  skip "a fremdrift package is already installed on this machine"
fi

fail() { echo "deb: FAILED — $1" >&2; [ -f "$LOG" ] && tail -20 "$LOG" >&2; exit 1; }
user_existed=0
getent passwd fremdrift >/dev/null && user_existed=1
data_existed=0
[ -e /var/lib/fremdrift ] && data_existed=1
TMP=$(mktemp -d /tmp/fremdrift-deb.XXXXXX)
LOG="$TMP/server.log"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  dpkg --purge fremdrift >/dev/null 2>&1 || true
  [ "$data_existed" -eq 0 ] && rm -rf /var/lib/fremdrift
  [ "$user_existed" -eq 0 ] && getent passwd fremdrift >/dev/null && deluser --system fremdrift >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT

(cd "$BUILD_DIR" && cpack -G DEB >"$TMP/cpack.log" 2>&1) || { cat "$TMP/cpack.log"; fail "cpack"; }
deb=$(ls "$BUILD_DIR"/fremdrift_*_amd64.deb | head -1)
[ -f "$deb" ] || fail "no $BUILD_DIR/fremdrift_*_amd64.deb"
echo "deb: built $(basename "$deb") ($(du -k "$deb" | cut -f1) kB)"
dpkg-deb --field "$deb" Depends >"$TMP/depends"
dpkg-deb --contents "$deb" >"$TMP/contents"
dpkg-deb --info "$deb" >"$TMP/info"
grep -q "libsoci" "$TMP/depends" || fail "Depends lacks the shared libraries"
grep -q "./usr/lib/systemd/system/fremdrift.service" "$TMP/contents" || fail "no unit"
grep -q "./etc/fremdrift/fremdrift.env" "$TMP/contents" || fail "no settings file"
grep -q "conffiles" "$TMP/info" || fail "the settings file is not a conffile"
grep -q "./usr/share/doc/fremdrift/sso.md" "$TMP/contents" || fail "no single sign-on guide"

dpkg -i "$deb" >"$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "dpkg -i"; }
getent passwd fremdrift >/dev/null || fail "no fremdrift user"
[ -x /usr/bin/fremdrift ] || fail "no /usr/bin/fremdrift"
[ "$(stat -c %U:%a /var/lib/fremdrift)" = "fremdrift:750" ] || fail "/var/lib/fremdrift not fremdrift's, 0750"
[ "$(stat -c %G:%a /etc/fremdrift/fremdrift.env)" = "fremdrift:640" ] || fail "settings not root:fremdrift 0640"
db=/var/lib/fremdrift/fremdrift.db
[ "$(stat -c %U "$db" 2>/dev/null)" = "fremdrift" ] || fail "postinst did not migrate $db as fremdrift"
migrations=$(ls src/db/migrations/*.sql | sed -E 's#.*/([0-9]+)_.*#\1#' | sort -u | wc -l)
applied=$(sqlite3 "$db" "SELECT COUNT(*) FROM schema_migrations")
[ "$applied" -eq "$migrations" ] || fail "$applied of $migrations migrations applied"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
sed -i "s#^FREMDRIFT_LISTEN=.*#FREMDRIFT_LISTEN=127.0.0.1:$port#" /etc/fremdrift/fremdrift.env
as_service() {  # the unit's user, settings and working directory
  (cd /var/lib/fremdrift && set -a && . /etc/fremdrift/fremdrift.env && set +a &&
   exec setpriv --reuid=fremdrift --regid=fremdrift --init-groups "$@")
}
if [ -d /run/systemd/system ]; then
  systemctl restart fremdrift.service
  how="systemd"
else
  exec_start=$(sed -n 's/^ExecStart=//p' /usr/lib/systemd/system/fremdrift.service)
  # One subshell that becomes the server (exec), so that $! is the server's own pid.
  # shellcheck disable=SC1091,SC2086
  (cd /var/lib/fremdrift && set -a && . /etc/fremdrift/fremdrift.env && set +a &&
   exec setpriv --reuid=fremdrift --regid=fremdrift --init-groups $exec_start) >"$LOG" 2>&1 &
  SERVER_PID=$!
  how="the unit's ExecStart ($exec_start) as fremdrift"
fi
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "$base/healthz" >/dev/null || fail "no answer on $base/healthz under $how"
echo "deb: serving under $how"

password="deb-test-$RANDOM-$RANDOM-pw"
as_service /usr/bin/fremdrift admin create-tenant --slug debtest --name "Deb Test Kommune" >/dev/null
as_service /usr/bin/fremdrift admin create-user --tenant debtest --email it@debtest.example \
  --name "IT" --password "$password" --role admin >/dev/null
status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"email\":\"it@debtest.example\",\"password\":\"$password\"}" "$base/api/v1/session")
[ "$status" = "200" ] || fail "login answered $status"

# Reinstalled over itself as an upgrade: the settings kept, migrate runs again harmlessly.
if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
pgrep -u fremdrift >/dev/null 2>&1 && fail "the server outlived its stop"
dpkg -i "$deb" >"$TMP/upgrade.log" 2>&1 || { cat "$TMP/upgrade.log"; fail "dpkg -i as an upgrade"; }
grep -q "^FREMDRIFT_LISTEN=127.0.0.1:$port" /etc/fremdrift/fremdrift.env || fail "upgrade replaced the settings"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM tenants WHERE slug = 'debtest'")" = "1" ] || fail "data lost on upgrade"

[ -d /run/systemd/system ] && systemctl stop fremdrift.service
dpkg --purge fremdrift >"$TMP/purge.log" 2>&1 || { cat "$TMP/purge.log"; fail "dpkg --purge"; }
for f in /usr/bin/fremdrift /usr/lib/systemd/system/fremdrift.service /etc/fremdrift; do
  [ ! -e "$f" ] || fail "$f left after purge"
done
[ -f "$db" ] || fail "purge deleted the data (it must stay)"
pgrep -u fremdrift >/dev/null 2>&1 && fail "a fremdrift process outlived the purge"
echo "deb: installed, served, upgraded and purged cleanly (the data in /var/lib/fremdrift kept)"
