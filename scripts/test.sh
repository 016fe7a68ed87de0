#!/usr/bin/env bash
# `make test`: every test tier, on SQLite and on a throw-away PostgreSQL cluster,
# then the browser tests; ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
source scripts/pg-test-cluster.sh

SERVER_PID=""
BROWSER_DIR=""
LINT_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [ -n "$LINT_PID" ] && kill -- -"$LINT_PID" 2>/dev/null
  [ -n "$BROWSER_DIR" ] && rm -rf "$BROWSER_DIR"
  pg_cluster_stop
}
trap cleanup EXIT

pg_cluster_start || { echo "SUMMARY: FAILED — could not start PostgreSQL"; exit 1; }
# The HTTP suite runs on PostgreSQL with its statements kept prepared (D62), the storage suite
# sends them unnamed (the default): between them every store runs both ways.
export FREMDRIFT_TEST_PG_HTTP="$FREMDRIFT_TEST_PG_HTTP?prepared_statements=on"

# The lint (mostly clang-tidy) needs only the sources and compile_commands.json; at nice 19 it
# takes the CPU the test stages leave idle (servers waiting, browsers, sleeps) instead of
# running after them. Its own process group, so the cleanup can stop all of it.
echo "== Style and static checks (clang-format, clang-tidy), beside the tests at nice 19 ($(date +%T)) =="
set -m
nice -n 19 bash scripts/lint.sh "$BUILD_DIR" >"$BUILD_DIR/lint.log" 2>&1 &
LINT_PID=$!
set +m

echo "== C++ tests (unit, storage on SQLite + PostgreSQL, HTTP against the binary) ($(date +%T)) =="
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 | tee "$BUILD_DIR/ctest.log"
ctest_status=${PIPESTATUS[0]}
ctest_line=$(grep -E "tests passed|tests failed" "$BUILD_DIR/ctest.log" | tail -n 1)

echo "== Browser tests (Playwright + axe-core in Chromium) ($(date +%T)) =="
browser_status=0
browser_line="no browser tests"
if ls tests/browser/*.test.mjs >/dev/null 2>&1; then
  BROWSER_DIR=$(mktemp -d /tmp/fremdrift-browser.XXXXXX)
  port=$(free_port)
  export FREMDRIFT_DEMO_PASSWORD="browser-$RANDOM-$RANDOM-pw"
  export FREMDRIFT_BASE_URL="http://127.0.0.1:$port"
  # The database is fresh for this run, so the failed-login test cannot lock anyone out.
  export FREMDRIFT_BROWSER_FAILED_LOGIN=1
  "./$BUILD_DIR/fremdrift" --db "sqlite:$BROWSER_DIR/browser.db" serve --listen "127.0.0.1:$port" --demo \
    >"$BROWSER_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -sf "$FREMDRIFT_BASE_URL/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  node --test --test-reporter=spec tests/browser/ 2>&1 | tee "$BROWSER_DIR/node.log"
  browser_status=${PIPESTATUS[0]}
  pass=$(grep -E "^ℹ pass " "$BROWSER_DIR/node.log" | awk '{print $3}')
  fail=$(grep -E "^ℹ fail " "$BROWSER_DIR/node.log" | awk '{print $3}')
  browser_line="browser: ${pass:-0} passed, ${fail:-?} failed"
fi

echo "== Debian package (make deb, dpkg -i, the service, dpkg --purge) ($(date +%T)) =="
bash tests/deploy/deb_test.sh "$BUILD_DIR" | tee "$BUILD_DIR/deb.log"
deb_status=${PIPESTATUS[0]}
deb_line=$(grep -E "^deb: (installed|skipped|FAILED)" "$BUILD_DIR/deb.log" | tail -n 1)
[ "$deb_status" -eq 0 ] || deb_line="deb: FAILED"

echo "== Faults (3 instances behind nginx, kill -9, PostgreSQL restarted; SQLite killed) ($(date +%T)) =="
bash tests/deploy/faults_test.sh "$BUILD_DIR" | tee "$BUILD_DIR/faults.log"
faults_status=${PIPESTATUS[0]}
faults_line=$(grep -E "^faults: (passed|skipped|FAILED)" "$BUILD_DIR/faults.log" | tail -n 1)
[ "$faults_status" -eq 0 ] || faults_line="faults: FAILED"

echo "== Style and static checks: waiting for the lint started beside the tests ($(date +%T)) =="
wait "$LINT_PID"
lint_status=$?
LINT_PID=""
cat "$BUILD_DIR/lint.log"
lint_line=$([ "$lint_status" -eq 0 ] && echo "lint clean" || echo "lint FAILED")
echo "== lint done ($(date +%T)) =="

if [ "$ctest_status" -eq 0 ] && [ "$browser_status" -eq 0 ] && [ "$lint_status" -eq 0 ] &&
    [ "$deb_status" -eq 0 ] && [ "$faults_status" -eq 0 ]; then
  echo "SUMMARY: OK — ctest: $ctest_line; $browser_line; $lint_line; ${deb_line%% (*}; ${faults_line%% (*}"
  exit 0
fi
echo "SUMMARY: FAILED — ctest: ${ctest_line:-did not run}; $browser_line; $lint_line; ${deb_line%% (*}; ${faults_line%% (*}"
exit 1
