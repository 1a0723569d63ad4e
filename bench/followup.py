"""Benchmark: follow-up reads and writes as the number of agreed conclusions grows.

Builds ROUNDS rounds × 18 regions × PER_REGION conclusions through the real services (documents approved
by both parties and published), gives each a few updates, then times the AUNE report (selector, page, XLSX,
PDF, API), the public page, the editable table and a whole-file import. Goals: the report page under
1,000 ms at about 1,000 conclusions, and the number of queries not growing with the conclusions (no N+1).

Run: `ALKE_MODE=test .venv/bin/python bench/followup.py` (BENCH_ROUNDS=4, BENCH_PER_REGION=14 by default).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date

from benchdb import fresh_database  # sets up Django on a throw-away database; before any Django import
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4"))
PER_REGION = int(os.environ.get("BENCH_PER_REGION", "14"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "3"))
GOAL_MS = 1000.0
TODAY = date(2026, 5, 15)


def users() -> tuple:
    """A coordinator and one regional official per mainland region."""
    from alke.accounts.models import Membership, User
    from alke.core.permissions import Role
    from alke.regions.models import Organisation, Region

    coordinator = User.objects.create_user("bench-coord", password="x-bench-password-1")
    Membership.objects.create(
        user=coordinator, organisation=Organisation.objects.get(slug="tem"), role=Role.COORDINATOR
    )
    officials = {}
    for region in Region.objects.mainland():
        user = User.objects.create_user(f"bench-{region.code}", password="x-bench-password-1")
        org = Organisation.objects.get(slug=f"liitto-{region.code.lower()}")
        Membership.objects.create(user=user, organisation=org, role=Role.REGION)
        officials[region.pk] = user
    return coordinator, officials


def add_rounds(coordinator, officials, years: list[int], per_region: int) -> None:
    """Rounds whose every region has `per_region` agreed conclusions, each with one update."""
    from alke.agreements import services as agreements
    from alke.followup import services
    from alke.regions.models import Ministry, Region
    from alke.rounds.models import Phase, Round

    ministries = list(Ministry.objects.all())
    statuses = ["in_progress", "done", "in_progress", "not_started", "dropped", "in_progress"]
    for r, year in enumerate(years):
        round_ = Round.objects.create(year=year, name=f"ALKE {year}", phase=Phase.FOLLOW_UP)
        for region in Region.objects.mainland():
            conclusions = [
                agreements.record_conclusion(
                    coordinator,
                    round_,
                    region,
                    text_fi=f"Johtopäätös {i} ({region.code}, {year}).",
                    ministries=[ministries[(i + r) % len(ministries)], ministries[(i + 3) % len(ministries)]],
                    region_responsible=True,
                    deadline=date(min(year + 1, 2026), 1 + i % 12, 28),
                )
                for i in range(per_region)
            ]
            document = agreements.create_document(coordinator, round_, region)
            number = document.latest_version().number
            agreements.approve(coordinator, document, number, "state")
            agreements.approve(officials[region.pk], document, number, "region")
            agreements.publish(coordinator, document)
            rows = []
            for i, c in enumerate(conclusions):
                status = statuses[(i + r) % len(statuses)]
                if status == "not_started":
                    continue  # stays as it was recorded
                progress = 20 + (i * 7) % 70 if status == "in_progress" else None
                note = "Rahoitus puuttuu." if status == "dropped" else ""
                on = date(min(year, 2026), 5, 1)
                rows.append(services.UpdateInput(c.pk, status, progress, note, on=on, row=i))
            services.record_updates(coordinator, rows, today=TODAY)


def timed(client: Client, url: str) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        count = len(queries.captured_queries)
    return statistics.median(times), count


def measure(coordinator, region_user, rounds: int) -> dict[str, tuple[float, int]]:
    from alke.followup import selectors, services

    results: dict[str, tuple[float, int]] = {}
    times = []
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            selectors.aune_report(today=TODAY)
            times.append((time.perf_counter() - start) * 1000)
    results["aune_report() selector"] = (statistics.median(times), len(queries.captured_queries))
    client = Client()
    client.force_login(coordinator)
    last = 2022 + rounds - 1
    for label, url in [
        ("report page", "/seuranta/raportti/"),
        ("report XLSX", "/seuranta/raportti/aune.xlsx"),
        ("report PDF", "/seuranta/raportti/aune.pdf"),
        ("report API", "/api/v1/follow-up/report"),
        ("public page (1 round)", f"/seuranta/julkinen/{last}/"),
        ("public API (100 rows)", "/api/v1/follow-up/conclusions?limit=100"),
        ("round page", f"/seuranta/kierros/{last}/"),
    ]:
        results[label] = timed(client, url)
    client.force_login(region_user)
    results["editable table (region)"] = timed(client, f"/seuranta/paivita/?kierros={last}")
    open_ones = selectors.updatable_conclusions(coordinator).filter(followup__status="in_progress")
    ids = list(open_ones.values_list("pk", flat=True)[:500])
    csv = "johtopäätös;tila;edistyminen (%);huomio\n" + "".join(
        f"{pk};in_progress;;Kokous pidetty.\n" for pk in ids
    )
    from django.db import transaction

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        try:
            with transaction.atomic():
                services.import_updates(coordinator, "bench.csv", csv.encode(), today=TODAY)
                raise RuntimeError("roll back the benchmark import")
        except RuntimeError:
            pass
    results["import up to 500 rows (CSV)"] = (
        (time.perf_counter() - start) * 1000,
        len(queries.captured_queries),
    )
    return results


def main() -> None:
    from alke.agreements.models import Conclusion

    fresh_database()
    start = time.perf_counter()
    coordinator, officials = users()
    region_user = next(iter(officials.values()))
    add_rounds(coordinator, officials, [2022], max(2, PER_REGION // 4))
    small_n = Conclusion.objects.count()
    small = measure(coordinator, region_user, 1)
    add_rounds(coordinator, officials, list(range(2023, 2023 + ROUNDS - 1)), PER_REGION)
    large_n = Conclusion.objects.count()
    large = measure(coordinator, region_user, ROUNDS)
    print(f"built in {time.perf_counter() - start:.0f} s")
    print(f"{'request':<30}{f'ms ({small_n})':>12}{'queries':>9}{f'ms ({large_n})':>12}{'queries':>9}")
    for (label, (ms_l, q_l)), (ms_s, q_s) in zip(large.items(), small.values(), strict=True):
        print(f"{label:<30}{ms_s:>12.1f}{q_s:>9}{ms_l:>12.1f}{q_l:>9}")
    print(f"report page at {large_n} conclusions: {large['report page'][0]:.0f} ms (goal < {GOAL_MS:.0f} ms)")
    extra = large["report page"][1] - small["report page"][1]
    print(
        f"report page queries: +{extra} for {ROUNDS - 1} more rounds and {large_n - small_n} more conclusions "
        f"({extra / max(ROUNDS - 1, 1):.1f} per round: funding and process metrics are read per round; "
        "none per conclusion)"
    )


if __name__ == "__main__":
    main()
