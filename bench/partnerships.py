"""Benchmark: the partnership register's pages, exports and API as the register grows.

Loads the real reference data (16 ecosystem and 3 bridge agreements, 15 networks, 3 zones), times
each request, then adds synthetic networks (each with two regions, two members and three funding
rows) and times again. Goals: every list stays under 500 ms at 1,000 networks, and the number of
database queries per request does not grow with the number of records (no N+1).

Run: `ALKE_MODE=test .venv/bin/python bench/partnerships.py` (BENCH_EXTRA=1000 networks by default).
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date
from decimal import Decimal

from benchdb import fresh_database  # sets up Django on a throw-away database; before any Django import
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

EXTRA = int(os.environ.get("BENCH_EXTRA", "1000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "7"))
GOAL_MS = 500.0

URLS = [
    ("front page with map table", "/kumppanuudet/"),
    ("network list", "/kumppanuudet/verkostot/"),
    ("network search", "/kumppanuudet/verkostot/?q=verkosto&region=MK06"),
    ("agreement list", "/kumppanuudet/sopimukset/"),
    ("network CSV", "/kumppanuudet/verkostot/vienti.csv"),
    ("network XLSX", "/kumppanuudet/verkostot/vienti.xlsx"),
    ("map spec", "/kumppanuudet/kartta.json"),
    ("API networks", "/api/v1/networks?limit=100"),
    ("region page", "/maakunnat/MK06/"),
]


def add_networks(count: int) -> None:
    from alke.partnerships.models import Funding, ThematicNetwork
    from alke.regions.models import Organisation, Region

    regions = list(Region.objects.mainland())
    organisations = list(Organisation.objects.all()[:40])
    networks = [
        ThematicNetwork(
            name_fi=f"Synteettinen verkosto {i:05d}",
            coordinator_name=organisations[i % len(organisations)].name_fi,
            coordinator=organisations[i % len(organisations)],
            period_start=date(2024, 1, 1),
            period_end=date(2026, 12, 31),
            goals="Yhteistyö ja kokeilut",
        )
        for i in range(count)
    ]
    ThematicNetwork.objects.bulk_create(networks)
    networks = list(ThematicNetwork.objects.filter(name_fi__startswith="Synteettinen"))
    Regions = ThematicNetwork.regions.through
    Members = ThematicNetwork.member_organisations.through
    Regions.objects.bulk_create(
        Regions(thematicnetwork=n, region=regions[(i + k) % len(regions)])
        for i, n in enumerate(networks)
        for k in range(2)
    )
    Members.objects.bulk_create(
        Members(thematicnetwork=n, organisation=organisations[(i + k) % len(organisations)])
        for i, n in enumerate(networks)
        for k in range(2)
    )
    Funding.objects.bulk_create(
        Funding(network=n, source="akke", year=2024 + k, amount=Decimal(1000 * (i % 90 + 10)))
        for i, n in enumerate(networks)
        for k in range(3)
    )


def measure(client: Client) -> dict[str, tuple[float, int]]:
    results = {}
    for label, url in URLS:
        times = []
        for _ in range(REQUESTS):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        results[label] = (statistics.median(times), len(queries.captured_queries))
    return results


def main() -> None:
    fresh_database()
    client = Client()
    small = measure(client)
    add_networks(EXTRA)
    large = measure(client)
    print(f"{'request':<28}{'ms (15 networks)':>18}{'queries':>9}{f'ms ({EXTRA + 15})':>14}{'queries':>9}")
    worst = 0.0
    growing = []
    for label, _url in URLS:
        (ms_small, q_small), (ms_large, q_large) = small[label], large[label]
        print(f"{label:<28}{ms_small:>18.1f}{q_small:>9}{ms_large:>14.1f}{q_large:>9}")
        if "list" in label or "search" in label:
            worst = max(worst, ms_large)
        if q_large > q_small:
            growing.append(label)
    print(f"slowest list at {EXTRA + 15} networks: {worst:.1f} ms (goal < {GOAL_MS:.0f} ms)")
    print(f"requests whose query count grows with the records: {', '.join(growing) or 'none'}")


if __name__ == "__main__":
    main()
