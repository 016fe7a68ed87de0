#!/usr/bin/env bash
# Several instances behind nginx, proven under faults — the short form (issue 19, point 3):
#   tests/deploy/faults_test.sh [BUILD_DIR]
# Brings up PostgreSQL + three `fremdrift serve` + nginx on loopback (scripts/cluster.sh),
# drives reads and writes through nginx over TLS while instances are killed with kill -9 and
# restarted (5 times) and PostgreSQL is restarted once; then one instance on SQLite is killed
# during writes 10 times. bench/faults/fault_load.py checks the rules (docs/reliability.md).
# The long form: bench/faults/run. Prints one "faults: …" line for make test's summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${1:-build}
KILLS=${FREMDRIFT_FAULT_KILLS:-5}
SQLITE_KILLS=${FREMDRIFT_FAULT_SQLITE_KILLS:-10}

skip() { echo "faults: skipped — $1"; exit 0; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || skip "nginx is not installed"
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || skip "no PostgreSQL server binaries"

WORK=$(mktemp -d /tmp/fremdrift-faults.XXXXXX)
export FREMDRIFT_CLUSTER_DIR="$WORK/cluster"
cleanup() {
  scripts/cluster.sh stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "faults: FAILED — $1"
  for f in "$FREMDRIFT_CLUSTER_DIR"/instance-*.log "$FREMDRIFT_CLUSTER_DIR"/nginx-error.log; do
    [ -f "$f" ] && { echo "--- $f"; grep -v '"level":"info"' "$f" | tail -5; }
  done
  exit 1
}

started=$(date +%s)
scripts/cluster.sh start --build "$BUILD_DIR" || fail "the cluster did not start"
python3 bench/faults/fault_load.py cluster --kills "$KILLS" --pg-restarts 1 --connections 6 \
  --tail 1 >"$WORK/cluster.json" || { cat "$WORK/cluster.json"; fail "through nginx"; }
cat "$WORK/cluster.json"
python3 bench/faults/fault_load.py sqlite --kills "$SQLITE_KILLS" --connections 3 \
  --binary "$BUILD_DIR/fremdrift" >"$WORK/sqlite.json" || { cat "$WORK/sqlite.json"; fail "SQLite"; }
cat "$WORK/sqlite.json"
summary=$(python3 - "$WORK/cluster.json" "$WORK/sqlite.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
print(f"{c['kills']} instances killed under load and PostgreSQL restarted (back in "
      f"{max(c['reconnect_s'])} s), SQLite killed {s['kills']} times (integrity "
      f"{s['integrity_check']}): no acknowledged write lost or doubled, no read failed "
      f"({c['requests']} requests through nginx, {c['writes'].get('ack', 0)} writes")
PY
)
echo "faults: passed — $summary, $(($(date +%s) - started)) s)"
