"""Benchmark: alke's JSON-stat2 import (parse and store in SQLite) against pyjstat's parse alone.

Builds a JSON-stat 2.0 dataset of 1,000,000 cells (region 100 × year 100 × sex 10 × measure 10, 1 % of the
values missing), then times, from the same bytes:
- alke: `parse_jsonstat2` and `import_cube` (dimensions, categories and cells into a fresh SQLite database);
- pyjstat: `json.loads` and `from_json_stat` to a DataFrame (parse only).
Goal: alke's parse+store no slower than pyjstat's parse alone. Also prints the median time of the region
page (`/maakunnat/MK02/`, situational picture filled from the snapshot) over repeated test-client requests.

Run: `ALKE_MODE=test .venv/bin/python bench/import_stats.py`. The last line reads `ratio alke/pyjstat: X.XX`.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time

import benchdb  # noqa: F401  (sets up Django on a throw-away database; before any Django import)
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SIZES = {"Alue": 100, "Vuosi": 100, "Sukupuoli": 10, "Tiedot": 10}
REPEATS = int(os.environ.get("BENCH_REPEATS", "3"))
PAGE_REQUESTS = int(os.environ.get("BENCH_PAGE_REQUESTS", "15"))


def build_dataset() -> bytes:
    rng = random.Random(2026)
    dims = {}
    for name, size in SIZES.items():
        codes = [f"{name[:2].upper()}{i:03d}" if name != "Vuosi" else str(1925 + i) for i in range(size)]
        dims[name] = {
            "label": name,
            "category": {
                "index": {c: i for i, c in enumerate(codes)},
                "label": {c: f"{name} {c}" for c in codes},
            },
        }
    total = 1
    for size in SIZES.values():
        total *= size
    values = [None if rng.random() < 0.01 else rng.randint(0, 500_000) for _ in range(total)]
    data = {
        "version": "2.0",
        "class": "dataset",
        "label": "Benchmark table",
        "source": "generated",
        "id": list(SIZES),
        "size": list(SIZES.values()),
        "role": {"time": ["Vuosi"], "geo": ["Alue"], "metric": ["Tiedot"]},
        "dimension": dims,
        "value": values,
    }
    return json.dumps(data).encode()


def time_alke(raw: bytes, n: int) -> float:
    from alke.situation.parsers import parse_jsonstat2
    from alke.situation.services import import_cube

    started = time.perf_counter()
    cube = parse_jsonstat2(raw)
    result = import_cube(cube, dataset_code=f"bench-{n}", recompute=False)
    seconds = time.perf_counter() - started
    assert result.created and result.cells + result.missing == 1_000_000
    return seconds


def time_pyjstat(raw: bytes) -> float:
    from pyjstat import pyjstat

    started = time.perf_counter()
    frame = pyjstat.from_json_stat(json.loads(raw), naming="id")
    seconds = time.perf_counter() - started
    assert len(frame[0]) == 1_000_000
    return seconds


def time_region_page() -> tuple[float, int]:
    from alke.regions.services import load_reference
    from alke.situation.services import load_snapshot

    load_reference()
    load_snapshot()
    setup_test_environment()
    client = Client()
    client.get("/maakunnat/MK02/")  # warm caches (templates, translations)
    times = []
    for _ in range(PAGE_REQUESTS):
        started = time.perf_counter()
        response = client.get("/maakunnat/MK02/")
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return statistics.median(times), len(response.content)


def main() -> int:
    call_command("migrate", verbosity=0)
    raw = build_dataset()
    print(
        f"JSON-stat2 dataset: {' × '.join(map(str, SIZES.values()))} = 1,000,000 cells, {len(raw) / 1e6:.1f} MB"
    )
    print(f"{'run':>4} | {'alke parse+store s':>18} | {'pyjstat parse s':>15}")
    print("-" * 45)
    alke_times, pyjstat_times = [], []
    for n in range(REPEATS):
        alke_times.append(time_alke(raw, n))
        pyjstat_times.append(time_pyjstat(raw))
        print(f"{n + 1:>4} | {alke_times[-1]:>18.2f} | {pyjstat_times[-1]:>15.2f}")
    alke_best, pyjstat_best = min(alke_times), min(pyjstat_times)
    print(f"best | {alke_best:>18.2f} | {pyjstat_best:>15.2f}")
    median, size = time_region_page()
    print(
        f"region page /maakunnat/MK02/: median {median * 1000:.0f} ms over {PAGE_REQUESTS} requests ({size // 1024} KiB)"
    )
    ratio = alke_best / pyjstat_best
    print(f"goal: alke parse+store <= pyjstat parse: {'met' if ratio <= 1 else 'NOT met'}")
    print(f"ratio alke/pyjstat: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
