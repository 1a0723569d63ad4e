"""Load: the app under gunicorn on PostgreSQL, driven by 64 concurrent users from a second process.

    python bench/load.py [--users 64] [--seconds 60] [--workers 4] [--port 8190]

Creates a throw-away database (PostgreSQL role alke/alke with CREATEDB, as `make postgres` sets up),
loads the reference and demo data, starts gunicorn with production settings on 127.0.0.1 and runs a
load driver in a second process: each virtual user loops over a mixed workload (reads of pages, API,
open data and search; writes of follow-up updates through the API with an API key), keeping its own
connection. Afterwards it checks that there were no errors and that every acknowledged write is in the
database (counts), prints p50/p95/p99 per request kind, and the throughput against a minimal Django
view (/healthz) measured on the same server in the same run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PG = "postgres://alke:alke@127.0.0.1:5432"

READS = [
    ("page: home", "GET", "/"),
    ("page: region", "GET", "/maakunnat/MK02/"),
    ("page: search", "GET", "/haku/?q=osaaminen"),
    ("api: regions", "GET", "/api/v1/regions"),
    ("api: conclusions", "GET", "/api/v1/conclusions?limit=20"),
    ("open data: json", "GET", "/api/v1/open-data/municipalities?format=json&region=MK02"),
]


def run(cmd: list[str], env: dict, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kw)


def setup_database(name: str, users: int) -> tuple[dict, str, list[int]]:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    env = dict(os.environ, DATABASE_URL=f"{PG}/{name}", ALKE_MODE="demo", ALKE_VAR_DIR="/tmp/alke-bench-var")
    run([str(BIN / "alke"), "migrate", "-v0", "--noinput"], env)
    run([str(BIN / "alke"), "seed-demo"], env, stdout=subprocess.DEVNULL)
    # One conclusion per virtual user, so each writes its own follow-up (the rules forbid e.g. progress
    # going backwards, which concurrent writers to one conclusion would trip over); and a coordinator key.
    script = f"""
import json
from alke.accounts.models import User
from alke.agreements.models import Conclusion, CooperationDocument
from alke.api.services import create_token
from alke.regions.models import Region
from alke.rounds.models import Round
round_ = Round.objects.order_by("year").first()
regions = list(Region.objects.filter(is_mainland=True).order_by("code"))
ids = [Conclusion.objects.create(round=round_, region=regions[i % len(regions)], order=100 + i,
       text_fi=f"Kuormitustestin johtopäätös {{i}}").pk for i in range({users})]
# Follow-up starts once a document covering the conclusion is approved by both parties.
for region in regions:
    if not CooperationDocument.objects.filter(round=round_, region=region).update(status="final"):
        CooperationDocument.objects.create(round=round_, region=region, status="final")
_, key = create_token(User.objects.get(username="koordinaattori"), "load", 1)
print(json.dumps({{"key": key, "ids": ids}}))
"""
    out = run([str(BIN / "alke"), "shell", "-c", script], env, capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return env, data["key"], data["ids"]


def count_updates(env: dict) -> int:
    import psycopg

    with psycopg.connect(env["DATABASE_URL"]) as conn:
        return conn.execute("SELECT count(*) FROM followup_followupupdate WHERE source = 'api'").fetchone()[0]


def drive(port: int, users: int, seconds: float, key: str, ids: list[int], only: str | None, out) -> None:
    """The load driver (second process): `users` threads with keep-alive connections."""
    import threading

    results: list[tuple[str, float, int]] = []
    acknowledged = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user(index: int) -> None:
        rng = random.Random(index)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        progress = 0
        local = []
        while time.monotonic() < deadline:
            if only:
                kind, method, path, body, headers = "minimal view", "GET", only, None, {}
            elif rng.random() < 0.2 and progress < 99:
                progress += 1
                kind, method = "api: write follow-up", "POST"
                path = f"/api/v1/follow-up/conclusions/{ids[index]}/updates"
                body = json.dumps({"status": "in_progress", "progress": progress, "note": f"load {progress}"})
                headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
            else:
                kind, method, path = rng.choice(READS)
                body, headers = None, {}
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            local.append((kind, time.perf_counter() - started, status))
            if kind.startswith("api: write") and status == 201:
                with lock:
                    acknowledged[0] += 1
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(users)]
    begun = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.send({"results": results, "acknowledged": acknowledged[0], "elapsed": time.perf_counter() - begun})


def load(port: int, users: int, seconds: float, key: str, ids: list[int], only: str | None = None) -> dict:
    parent, child = multiprocessing.Pipe()
    process = multiprocessing.Process(target=drive, args=(port, users, seconds, key, ids, only, child))
    process.start()
    data = parent.recv()
    process.join()
    return data


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2)))
    parser.add_argument("--port", type=int, default=8190)
    args = parser.parse_args()
    name = f"alke_bench_{os.getpid()}"
    print(f"setting up database {name} (migrate, reference and demo data)…", flush=True)
    env, key, ids = setup_database(name, args.users)
    # Production settings (manifest static files collected first, file cache, secure headers); only the HTTPS
    # redirect is off because the driver speaks plain HTTP on loopback.
    server_env = dict(
        env,
        ALKE_MODE="production",
        SECRET_KEY=f"bench-{os.getpid()}-{random.random()}",
        ALKE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    subprocess.run(
        [str(BIN / "alke"), "collectstatic", "--noinput", "-v0"], env=server_env, cwd=ROOT, check=True
    )
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "alke.wsgi",
            "-b",
            f"127.0.0.1:{args.port}",
            "-w",
            str(args.workers),
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--keep-alive",
            "5",
            "--log-level",
            "warning",
        ],
        env=server_env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        for _ in range(100):
            try:
                c = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            print("the server did not start", file=sys.stderr)
            return 1
        before = count_updates(env)
        baseline = load(args.port, args.users, min(args.seconds, 20), key, ids, only="/healthz")
        mixed = load(args.port, args.users, args.seconds, key, ids)
        after = count_updates(env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def rate(data: dict) -> float:
        return len(data["results"]) / data["elapsed"]

    kinds = sorted({k for k, _, _ in mixed["results"]})
    print(
        f"\n{args.users} users, {args.seconds:.0f} s, gunicorn {args.workers} workers × 4 threads, PostgreSQL"
    )
    print(f"{'request':28} {'n':>7} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    errors = 0
    for kind in kinds + ["all"]:
        rows = [r for r in mixed["results"] if kind in ("all", r[0])]
        bad = sum(1 for _, _, s in rows if s >= 500 or s == 0 or (s >= 400 and kind != "all"))
        if kind != "all":
            errors += bad
        times = [t * 1000 for _, t, _ in rows]
        print(
            f"{kind:28} {len(rows):7d} {bad:6d} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f} "
            f"{percentile(times, 0.99):8.1f}"
        )
    base_times = [t * 1000 for _, t, _ in baseline["results"]]
    print(
        f"{'minimal view /healthz':28} {len(base_times):7d} "
        f"{sum(1 for *_, s in baseline['results'] if s != 200):6d} {percentile(base_times, 0.5):8.1f} "
        f"{percentile(base_times, 0.95):8.1f} {percentile(base_times, 0.99):8.1f}"
    )
    print(
        f"\nthroughput: mixed {rate(mixed):.0f} req/s, minimal view {rate(baseline):.0f} req/s, "
        f"ratio {rate(mixed) / rate(baseline):.2f}"
    )
    written = after - before
    print(
        f"writes acknowledged {mixed['acknowledged']}, rows in the database {written}: "
        f"{'no lost writes' if written == mixed['acknowledged'] else 'MISMATCH'}"
    )
    if errors or written != mixed["acknowledged"]:
        print(f"FAILED: {errors} errors", file=sys.stderr)
        return 1
    print(f"median of all latencies {statistics.median(t * 1000 for _, t, _ in mixed['results']):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
