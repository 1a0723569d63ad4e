"""Faults on PostgreSQL: the server killed in the middle of writes, and backup and restore.

Both skip on SQLite; they run in the PostgreSQL pass of `make ci`.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from alke.agreements.models import Conclusion, CooperationDocument
from alke.api.services import create_token
from alke.followup.models import ConclusionFollowUp, FollowUpUpdate
from alke.regions.models import Region
from alke.rounds.models import Round

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs PostgreSQL (DATABASE_URL)",
    ),
]


def database_url() -> str:
    s = connection.settings_dict
    return (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    )


def start_server() -> tuple[subprocess.Popen, int]:
    """gunicorn on a socket this process bound to a free port (passed as fd://), so parallel runs
    never meet each other's server; the server and its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    env = dict(
        os.environ,
        DATABASE_URL=database_url(),
        ALKE_MODE="production",
        SECRET_KEY="fault-test-" + "x" * 40,
        ALKE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1",
    )
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "alke.wsgi",
            "-b",
            f"fd://{listener.fileno()}",
            "-w",
            "2",
            "--log-level",
            "error",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
        pass_fds=(listener.fileno(),),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    listener.close()  # the server holds its own copy; once it is killed, connections are refused
    for _ in range(150):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    pytest.fail("gunicorn did not start")


@pytest.mark.django_db(transaction=True)
def test_killed_server_loses_no_committed_write_and_leaves_nothing_half_written(users):
    round_ = Round.objects.create(year=2035, name="ALKE 2035")
    region = Region.objects.get(code="MK02")
    conclusions = [
        Conclusion.objects.create(round=round_, region=region, order=i, text_fi=f"Vikatesti {i}")
        for i in range(8)
    ]
    # Follow-up starts when both parties have approved the document covering the conclusions.
    CooperationDocument.objects.create(round=round_, region=region, status=CooperationDocument.Status.FINAL)
    _, key = create_token(users["coordinator"], "fault", 1)
    refused: list[int] = []
    acknowledged: list[tuple[int, int]] = []  # (conclusion, progress) answered 201
    stop = threading.Event()

    def writer(conclusion_id: int) -> None:
        progress = 0
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while not stop.is_set() and progress < 99:
            progress += 1
            body = json.dumps({"status": "in_progress", "progress": progress, "note": "x" * 2000})
            try:
                conn.request(
                    "POST",
                    f"/api/v1/follow-up/conclusions/{conclusion_id}/updates",
                    body=body,
                    headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
                )
                response = conn.getresponse()
                response.read()
                if response.status == 201:
                    acknowledged.append((conclusion_id, progress))
                else:
                    refused.append(response.status)
            except (OSError, http.client.HTTPException):
                return  # the server is gone

    server, port = start_server()
    threads = [threading.Thread(target=writer, args=(c.pk,)) for c in conclusions]
    for t in threads:
        t.start()
    # Long enough for dozens of writes even on a loaded machine.
    for _ in range(100):
        time.sleep(0.1)
        if len(acknowledged) > 40:
            break
    os.killpg(server.pid, signal.SIGKILL)  # no graceful shutdown: workers die mid-request
    server.wait(timeout=10)
    stop.set()
    for t in threads:
        t.join(timeout=15)
    assert len(acknowledged) > 10, f"too few writes before the kill to prove anything; refused: {refused[:5]}"

    # Every write the server acknowledged is in the database.
    stored = set(
        FollowUpUpdate.objects.filter(source="api").values_list("followup__conclusion_id", "progress")
    )
    assert set(acknowledged) <= stored
    # Nothing half-written: each follow-up's state is exactly its latest update (one transaction writes both).
    for followup in ConclusionFollowUp.objects.filter(conclusion__in=conclusions):
        latest = followup.updates.order_by("-pk").first()
        if latest is None:
            continue
        assert (followup.status, followup.progress) == (latest.status, latest.progress), followup.pk
        progresses = list(
            FollowUpUpdate.objects.filter(followup=followup).order_by("pk").values_list("progress", flat=True)
        )
        assert progresses == sorted(progresses) and len(progresses) == len(set(progresses))

    # The server comes back and serves from the same data.
    server, port = start_server()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/api/v1/conclusions?round=2035&limit=50")
        assert c.getresponse().status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed")
def test_backup_and_restore_as_documented(users, tmp_path):
    """The procedure of docs/operations.md: pg_dump -Fc, then pg_restore into an empty database."""
    Round.objects.create(year=2036, name="ALKE 2036")
    s = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=s["PASSWORD"] or "")
    common = ["-h", s["HOST"] or "127.0.0.1", "-p", str(s["PORT"] or 5432), "-U", s["USER"]]
    dump = tmp_path / "alke.dump"
    subprocess.run(["pg_dump", *common, "-Fc", "--no-owner", "-f", str(dump), s["NAME"]], env=env, check=True)
    restored = f"{s['NAME']}_restore"
    subprocess.run(["dropdb", *common, "--if-exists", restored], env=env, check=True)
    subprocess.run(["createdb", *common, restored], env=env, check=True)
    try:
        subprocess.run(
            ["pg_restore", *common, "--no-owner", "--exit-on-error", "-d", restored, str(dump)],
            env=env,
            check=True,
        )
        import psycopg

        def counts(name: str) -> dict[str, int]:
            with psycopg.connect(
                host=s["HOST"] or "127.0.0.1",
                port=s["PORT"] or 5432,
                user=s["USER"],
                password=s["PASSWORD"],
                dbname=name,
            ) as conn:
                tables = [
                    r[0]
                    for r in conn.execute(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
                    )
                ]
                return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}

        original, copy = counts(s["NAME"]), counts(restored)
        assert original == copy
        assert copy["rounds_round"] >= 1 and copy["regions_region"] == Region.objects.count()
    finally:
        subprocess.run(["dropdb", *common, "--if-exists", restored], env=env, check=False)
