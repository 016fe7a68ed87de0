#!/usr/bin/env python3
"""fremdrift under faults (issue 19): a mixed load of reads and writes while instances die.

  fault_load.py cluster --kills N --seconds S [--pg-restarts K]   through nginx (scripts/cluster.sh)
  fault_load.py sqlite --kills N                                   one instance on SQLite
  fault_load.py soak --seconds S --connections C                   steady load, RSS sampled

Every write adds an action with a unique task (its marker) to one project. A write's outcome
is one of: acknowledged (2xx: it must be in the database exactly once), refused (4xx: it must
not be there; none is expected) or ambiguous (502/503/504, or the connection broke: the
client cannot know, so it may be there once or not at all — never twice). Afterwards the
database is read directly (psql, sqlite3) and every rule checked; the exit status is 1 when
one is broken. docs/reliability.md defines the rules; the figures go to stdout as JSON.
"""
import argparse
import http.client
import json
import os
import random
import re
import ssl
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLUSTER = os.path.join(ROOT, "scripts", "cluster.sh")
PASSWORD = "fault-test-passphrase-9f3k"
AMBIGUOUS = {502, 503, 504}


def cluster(*args):
    return subprocess.run([CLUSTER, *args], check=True, capture_output=True, text=True).stdout


def cluster_env():
    env = {}
    for line in cluster("env").splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    return env


class Client:
    """One keep-alive connection with one session cookie, as a browser tab would hold."""

    def __init__(self, host, port, ca_file=None):
        self.host, self.port, self.ca_file = host, port, ca_file
        self.cookie = None
        self.csrf = None
        self.conn = None
        self.last_error = ""  # why the last request answered 0 or -1

    def connect(self):
        if self.ca_file:
            ctx = ssl.create_default_context(cafile=self.ca_file)
            self.conn = http.client.HTTPSConnection(self.host, self.port, context=ctx, timeout=30)
        else:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method, path, body=None):
        """(status, parsed body or None); status 0 when the connection broke, -1 when it
        could not be opened (nothing was sent)."""
        if self.conn is None:
            self.connect()
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if self.cookie:
            headers["Cookie"] = self.cookie
        if self.csrf and method != "GET":
            headers["X-CSRF-Token"] = self.csrf
        try:
            self.conn.request(method, path, body=data, headers=headers)
            res = self.conn.getresponse()
            raw = res.read()
            cookie = res.getheader("Set-Cookie")
            if cookie and cookie.startswith("fremdrift_session="):
                self.cookie = cookie.split(";", 1)[0]
            if res.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            try:
                parsed = json.loads(raw) if raw else None
            except ValueError:
                parsed = None
            return res.status, parsed
        except ConnectionRefusedError as e:
            self.last_error = f"{type(e).__name__}: {e}"
            self.conn.close()
            self.conn = None
            return -1, None  # nothing was sent
        except (OSError, http.client.HTTPException) as e:
            self.last_error = f"{type(e).__name__}: {e}"
            self.conn.close()
            self.conn = None
            return 0, None

    def login(self, email):
        # A login is a write too: one whose instance died under it is simply made again.
        for _ in range(10):
            status, me = self.request("POST", "/api/v1/session",
                                      {"email": email, "password": PASSWORD})
            if status not in AMBIGUOUS and status > 0:
                break
            time.sleep(0.2)
        if status != 200:
            raise SystemExit(f"login failed: {status} {me}")
        self.csrf = me["csrf_token"]


class Load:
    """Worker threads, each with its own client; the outcome of every request kept."""

    def __init__(self, make_client, email, project_id, run_id, write_share):
        self.make_client, self.email, self.project_id = make_client, email, project_id
        self.run_id, self.write_share = run_id, write_share
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.writes = {}  # marker -> "ack" | "ambiguous" | "refused:<status>"
        self.reads = []  # (time, status, path)
        self.read_failures = []  # the first few broken reads: when, what, the client's reason
        self.lost_sessions = 0
        self.lost_how = []  # (time, what) of the first few
        self.logged_in = 0
        self.ambiguous_by = {}  # "502", "503 connection_lost", "broken" -> how many
        self.threads = []

    def worker(self, n):
        client = self.make_client()
        try:
            client.login(self.email)
        except SystemExit as e:
            self.lose(f"worker {n}: {e}")  # counted as a failure: the worker never ran
            return
        cookie = client.cookie  # the one cookie this worker keeps all along
        with self.lock:
            self.logged_in += 1
        plan = f"/api/v1/projects/{self.project_id}/actions"
        reads = ["/api/v1/me", plan + "?limit=20", f"/projects/{self.project_id}", "/healthz"]
        seq = 0
        rng = random.Random(n)
        while not self.stop.is_set():
            if rng.random() < self.write_share:
                seq += 1
                marker = f"fault-{self.run_id}-{n}-{seq}"
                status, body = client.request("POST", plan, {"task": marker})
                if 200 <= status < 300:
                    outcome = "ack"
                    if not body or body.get("task") != marker:
                        outcome = "ack-wrong-body"
                elif status == 0 or status in AMBIGUOUS:
                    outcome = "ambiguous"
                    code = (body or {}).get("error", {}).get("code", "") if status == 503 else ""
                    key = f"{status or 'broken'}{' ' + code if code else ''}"
                    with self.lock:
                        self.ambiguous_by[key] = self.ambiguous_by.get(key, 0) + 1
                elif status == -1:
                    outcome = "unsent"
                else:
                    outcome = f"refused:{status}"
                    if status == 401:
                        self.lose("POST answered 401")
                with self.lock:
                    self.writes[marker] = outcome
                if status == -1:
                    time.sleep(0.01)  # nobody listens: no point spinning
            else:
                path = rng.choice(reads)
                status, _ = client.request("GET", path)
                if status in (401, 303):
                    self.lose(f"GET {path} answered {status}")
                with self.lock:
                    self.reads.append((time.monotonic(), status, path))
                    if status <= 0 and len(self.read_failures) < 20:
                        self.read_failures.append(
                            {"at": time.strftime("%H:%M:%S"), "path": path, "why": client.last_error})
            if client.cookie != cookie:
                self.lose("a new session cookie was set")
                client.cookie = cookie

    def lose(self, how):
        with self.lock:
            self.lost_sessions += 1
            if len(self.lost_how) < 5:
                self.lost_how.append((time.monotonic(), how))

    def start(self, workers):
        for n in range(workers):
            t = threading.Thread(target=self.worker, args=(n,), daemon=True)
            t.start()
            self.threads.append(t)
        # Faults start once every worker holds its session.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.logged_in < workers:
            time.sleep(0.05)

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=60)


def psql(env, query):
    out = subprocess.run(
        ["psql", "-qAt", "-F", "\t", "-h", "127.0.0.1", "-p", env["PG_PORT"], "-U", "postgres",
         "-d", "fremdrift", "-c", query], check=True, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def sqlite(db, query):
    out = subprocess.run(["sqlite3", "-separator", "\t", db, query], check=True,
                         capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def setup_tenant(bin_path, db_url, slug):
    """A tenant with an admin, made with the command line, like an operator would."""
    email = f"admin@{slug}.test"
    for args in (["admin", "create-tenant", "--slug", slug, "--name", f"Faults {slug}"],
                 ["admin", "create-user", "--tenant", slug, "--email", email, "--name", "Fault",
                  "--password", PASSWORD, "--role", "admin"]):
        subprocess.run([bin_path, "--db", db_url, *args], check=True, capture_output=True)
    return email


def new_project(client):
    status, body = client.request("POST", "/api/v1/projects",
                                  {"title": "Faults", "template": "kl-workflow"})
    if status != 201:
        raise SystemExit(f"could not create the project: {status} {body}")
    return body["id"]


def check_writes(load, counts, problems):
    """The rules for writes, against the rows per marker read from the database."""
    outcomes = {}
    for marker, outcome in load.writes.items():
        n = counts.get(marker, 0)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if outcome == "ack" and n != 1:
            problems.append(f"acknowledged write {marker} is in the database {n} times")
        elif outcome == "ack-wrong-body":
            problems.append(f"write {marker} was acknowledged with another body")
        elif outcome == "ambiguous" and n > 1:
            problems.append(f"ambiguous write {marker} is in the database {n} times")
        elif outcome == "unsent" and n != 0:
            problems.append(f"write {marker} was never sent but is in the database")
        elif outcome.startswith("refused") and n != 0:
            problems.append(f"refused write {marker} ({outcome}) is in the database")
        elif outcome.startswith("refused"):
            problems.append(f"write {marker} refused unexpectedly ({outcome})")
    unknown = [m for m in counts if m not in load.writes]
    if unknown:
        problems.append(f"{len(unknown)} rows with markers never sent, e.g. {unknown[0]}")
    ambiguous_saved = sum(1 for m, o in load.writes.items() if o == "ambiguous" and counts.get(m))
    return outcomes, ambiguous_saved


def run_cluster(args):
    env = cluster_env()
    host, port = "127.0.0.1", int(env["HTTPS_PORT"])
    run_id = f"{int(time.time())}{random.randint(100, 999)}"
    slug = f"faults{run_id}"
    email = setup_tenant(env["BIN"], env["DB_URL"], slug)

    def make_client():
        return Client(host, port, env["CA_FILE"])

    setup = make_client()
    setup.login(email)
    project_id = new_project(setup)
    load = Load(make_client, email, project_id, run_id, args.write_share)
    load.start(args.connections)
    problems = []
    instances = int(env["INSTANCES"])
    kill_log = []
    started = time.monotonic()
    time.sleep(1.0)
    # Instances die one at a time; the others stay up, so nginx always has somewhere to go.
    for k in range(args.kills):
        victim = random.randint(1, instances)
        t0 = time.monotonic()
        cluster("kill", str(victim))
        time.sleep(random.uniform(0.2, 1.0))
        cluster("start-instance", str(victim))
        kill_log.append({"instance": victim, "down_s": round(time.monotonic() - t0, 2)})
        time.sleep(random.uniform(0.3, 1.0))
    # PostgreSQL restarted under the same load: reads and writes may get 503 while it is
    # down; every instance must serve again within 5 s of it accepting connections.
    pg_windows = []
    pg_up = []
    reconnect = []
    for _ in range(args.pg_restarts):
        time.sleep(1.0)
        t0 = time.monotonic()
        cluster("pg-restart")
        up = time.monotonic()
        waits = []
        for i in range(1, instances + 1):
            direct = Client("127.0.0.1", int(env[f"INSTANCE_{i}_PORT"]))
            direct.cookie = setup.cookie
            while True:
                status, _ = direct.request("GET", "/api/v1/me")
                if status == 200:
                    break
                if time.monotonic() - up > 30:
                    break
                time.sleep(0.05)
            waits.append(round(time.monotonic() - up, 3))
        reconnect.append(max(waits))
        if max(waits) > 5:
            problems.append(f"an instance served again only {max(waits)} s after PostgreSQL")
        pg_windows.append((t0, up + 5))
        pg_up.append(up)
        time.sleep(max(0.0, up + 5.5 - time.monotonic()))  # its window ends before the next
    time.sleep(args.tail)
    load.finish()
    elapsed = time.monotonic() - started

    rows = psql(env, "SELECT task, COUNT(*) FROM actions WHERE project_id = '%s' GROUP BY task"
                % project_id)
    counts = {task: int(n) for task, n in rows}
    outcomes, ambiguous_saved = check_writes(load, counts, problems)

    def in_pg_window(t):
        return any(a <= t <= b for a, b in pg_windows)

    read_5xx = [(t, s, p) for t, s, p in load.reads if (s >= 500 or s <= 0) and not in_pg_window(t)]
    read_pg_5xx = [r for r in load.reads if (r[1] >= 500 or r[1] <= 0) and in_pg_window(r[0])]
    other = [(t, s, p) for t, s, p in load.reads if 0 < s < 500 and s != 200]
    # How long after PostgreSQL accepted connections the last read failed, per restart.
    last_failure = [round(max([t - up for t, s, _ in load.reads
                               if (s >= 500 or s <= 0) and up - 30 <= t <= up + 5] or [0]), 3)
                    for up in pg_up]
    for _, s, p in read_5xx[:5]:
        problems.append(f"GET {p} answered {s} while other instances were up")
    if len(read_5xx) > 5:
        problems.append(f"… {len(read_5xx)} such reads in all")
    for _, s, p in other[:5]:
        problems.append(f"GET {p} answered {s}")
    if load.lost_sessions:
        problems.append(f"the session was lost {load.lost_sessions} times")
        for t, how in load.lost_how:
            since = [round(t - up, 3) for up in pg_up]
            problems.append(f"  {how} (s after each PostgreSQL restart: {since})")
    failed_after_up = {}
    for up in pg_up:
        for t, s, p in load.reads:
            if (s >= 500 or s <= 0) and up < t <= up + 5:
                key = f"{s} {p.split('?')[0]}"
                failed_after_up[key] = failed_after_up.get(key, 0) + 1
    retried = retried_in_log(env)
    report = {
        "mode": "cluster",
        "seconds": round(elapsed, 1),
        "connections": args.connections,
        "kills": len(kill_log),
        "pg_restarts": args.pg_restarts,
        "requests": len(load.reads) + len(load.writes),
        "reads": len(load.reads),
        "reads_5xx_with_an_instance_up": len(read_5xx),
        "reads_503_while_postgres_restarted": len(read_pg_5xx),
        "writes": outcomes,
        "ambiguous_writes_by_answer": load.ambiguous_by,
        "ambiguous_writes_saved": ambiguous_saved,
        "rows": sum(counts.values()),
        "requests_nginx_sent_on": retried,
        "reconnect_s": reconnect,
        "last_failed_read_after_postgres_up_s": last_failure,
        "reads_failed_after_postgres_up": failed_after_up,
        "problems": problems,
    }
    print(json.dumps(report, indent=1))
    return 1 if problems else 0


def retried_in_log(env):
    """Requests nginx's log shows going to more than one instance (a retry), by method."""
    pattern = re.compile(r'"(\w+) [^"]*" \d+ .* upstream=(.*?) ustatus=')
    out = {}
    path = os.path.join(os.path.dirname(os.path.dirname(env["CA_FILE"])), "nginx-access.log")
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                m = pattern.search(line)
                if m and "," in m.group(2):
                    out[m.group(1)] = out.get(m.group(1), 0) + 1
    except OSError:
        pass
    return out


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sqlite_server(bin_path, db, port, log):
    proc = subprocess.Popen([bin_path, "--db", f"sqlite:{db}", "serve", "--listen",
                             f"127.0.0.1:{port}", "--threads", "4", "--jobs-poll-ms", "0"],
                            stdout=log, stderr=log)
    for _ in range(300):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit("the SQLite instance did not start")


def run_sqlite(args):
    """kill -9 of the only instance while it writes, N times; the file checked afterwards."""
    import tempfile
    workdir = tempfile.mkdtemp(prefix="fremdrift-sqlite-faults.")
    db = os.path.join(workdir, "faults.db")
    bin_path = args.binary
    subprocess.run([bin_path, "--db", f"sqlite:{db}", "migrate"], check=True, capture_output=True)
    email = setup_tenant(bin_path, f"sqlite:{db}", "sqlitefaults")
    port = free_port()
    log = open(os.path.join(workdir, "server.log"), "ab")
    proc = start_sqlite_server(bin_path, db, port, log)

    def make_client():
        return Client("127.0.0.1", port)

    setup = make_client()
    setup.login(email)
    project_id = new_project(setup)
    load = Load(make_client, email, project_id, "sqlite", 1.0)
    load.start(args.connections)
    started = time.monotonic()
    problems = []
    for _ in range(args.kills):
        time.sleep(random.uniform(0.15, 0.5))
        proc.kill()  # SIGKILL
        proc.wait()
        proc = start_sqlite_server(bin_path, db, port, log)
    time.sleep(0.5)
    load.finish()
    proc.terminate()
    proc.wait()
    elapsed = time.monotonic() - started
    integrity = sqlite(db, "PRAGMA integrity_check")
    if integrity != [["ok"]]:
        problems.append(f"integrity_check: {integrity[:3]}")
    counts = {t: int(n) for t, n in sqlite(
        db, f"SELECT task, COUNT(*) FROM actions WHERE project_id = '{project_id}' GROUP BY task")}
    outcomes, ambiguous_saved = check_writes(load, counts, problems)
    # While the only instance is down its writes are refused at connect: ambiguous at worst.
    if load.lost_sessions:
        problems.append(f"the session was lost {load.lost_sessions} times")
    report = {"mode": "sqlite", "seconds": round(elapsed, 1), "kills": args.kills,
              "connections": args.connections, "writes": outcomes,
              "ambiguous_writes_by_answer": load.ambiguous_by,
              "ambiguous_writes_saved": ambiguous_saved, "rows": sum(counts.values()),
              "integrity_check": integrity[0][0] if integrity else "", "problems": problems}
    print(json.dumps(report, indent=1))
    if not problems:
        subprocess.run(["rm", "-rf", workdir], check=False)
    return 1 if problems else 0


def rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_soak(args):
    """Steady load at C connections through nginx, no faults; RSS of every instance sampled."""
    env = cluster_env()
    cluster_dir = os.path.dirname(os.path.dirname(env["CA_FILE"]))
    pids = {}
    for i in range(1, int(env["INSTANCES"]) + 1):
        with open(os.path.join(cluster_dir, f"instance-{i}.pid"), encoding="ascii") as f:
            pids[i] = int(f.read().strip())
    run_id = f"soak{int(time.time())}"
    email = setup_tenant(env["BIN"], env["DB_URL"], run_id)

    def make_client():
        return Client("127.0.0.1", int(env["HTTPS_PORT"]), env["CA_FILE"])

    setup = make_client()
    setup.login(email)
    project_id = new_project(setup)
    load = Load(make_client, email, project_id, run_id, args.write_share)
    load.start(args.connections)
    time.sleep(min(30, args.seconds / 10))  # warm: pools, caches, jemalloc's arenas
    samples = [{"t": 0, "rss_kb": {i: rss_kb(p) for i, p in pids.items()}}]
    t0 = time.monotonic()
    while time.monotonic() - t0 < args.seconds:
        time.sleep(min(60, args.seconds / 10))
        samples.append({"t": round(time.monotonic() - t0),
                        "rss_kb": {i: rss_kb(p) for i, p in pids.items()}})
    load.finish()
    problems = []
    counts = {t: int(n) for t, n in psql(
        env, f"SELECT task, COUNT(*) FROM actions WHERE project_id = '{project_id}' GROUP BY task")}
    outcomes, _ = check_writes(load, counts, problems)
    errors = [s for _, s, _ in load.reads if s != 200]
    if errors:
        problems.append(f"{len(errors)} reads not 200, e.g. {errors[:5]}; broken: {load.read_failures}")
    if outcomes.get("ambiguous"):
        problems.append(f"{outcomes['ambiguous']} writes answered 5xx or broken")
    requests = len(load.reads) + len(load.writes)
    report = {"mode": "soak", "seconds": args.seconds, "connections": args.connections,
              "requests": requests, "per_second": round(requests / args.seconds, 1),
              "writes": outcomes, "rss_start_kb": samples[0]["rss_kb"],
              "rss_end_kb": samples[-1]["rss_kb"], "samples": samples, "problems": problems}
    print(json.dumps(report, indent=1))
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("cluster")
    c.add_argument("--kills", type=int, default=20)
    c.add_argument("--pg-restarts", type=int, default=1)
    c.add_argument("--connections", type=int, default=8)
    c.add_argument("--write-share", type=float, default=0.3)
    c.add_argument("--tail", type=float, default=2.0, help="seconds of load after the faults")
    s = sub.add_parser("sqlite")
    s.add_argument("--kills", type=int, default=100)
    s.add_argument("--connections", type=int, default=4)
    s.add_argument("--binary", default=os.path.join(ROOT, "build", "fremdrift"))
    k = sub.add_parser("soak")
    k.add_argument("--seconds", type=int, default=3600)
    k.add_argument("--connections", type=int, default=64)
    k.add_argument("--write-share", type=float, default=0.2)
    args = parser.parse_args()
    return {"cluster": run_cluster, "sqlite": run_sqlite, "soak": run_soak}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
