"""Generated timetable problems (format version 1) with realistic absences, for the benchmark and tests.

The shape follows the seeds: one discussion of about 2.5 hours per region, two discussions a day, joint
sessions of a few regions on a shared topic, deepening sessions on one theme and macro-regional events
(the 2024 format). Each region and ministry is away on some whole days (travel, board meetings) and some
single slots; regions mark a preferred date or two for their own discussion.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

REGIONS = [f"MK{n:02d}" for n in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)]
MINISTRIES = ["TEM", "OKM", "LVM", "MMM", "STM", "YM", "VM", "SM", "PLM", "UM", "OM", "VNK"]
MACRO_AREAS = {
    "south": ["MK01", "MK05", "MK07", "MK08", "MK09"],
    "west": ["MK02", "MK04", "MK06", "MK14", "MK15", "MK16"],
    "north": ["MK17", "MK18", "MK19"],
    "east": ["MK10", "MK11", "MK12", "MK13"],
}


def _weekdays(first: date, count: int, holidays: set[date]) -> tuple[date, list[date]]:
    """The last day of a window holding `count` working days from `first`, and those days."""
    days: list[date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 5 and day not in holidays:
            days.append(day)
        day += timedelta(days=1)
    return days[-1], days


def generate(n_sessions: int, seed: int = 1, first_day: date = date(2026, 11, 2)) -> dict[str, Any]:
    """A problem with `n_sessions` sessions over a window with about 25 % more slots than sessions."""
    rng = random.Random(seed)
    holidays = {
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 1, 6),
    }
    slots = [{"start": "09:00", "end": "11:30"}, {"start": "12:30", "end": "15:00"}]
    n_days = max(5, round(n_sessions * 1.25 / len(slots)))
    last_day, days = _weekdays(first_day, n_days, holidays)

    sessions: list[dict[str, Any]] = []
    kinds = ["region", "joint", "deepening", "macro"]
    counter = 0
    while len(sessions) < n_sessions:
        kind = "region" if counter < len(REGIONS) else rng.choices(kinds, weights=[4, 3, 2, 1])[0]
        counter += 1
        state = ["TEM", *rng.sample(MINISTRIES[1:], rng.randint(1, 3))]
        if kind == "region":
            region = REGIONS[(counter - 1) % len(REGIONS)]
            sessions.append({"id": f"{region}-{counter}", "parties": [region, *state], "minutes": 150})
        elif kind == "joint":
            regions = rng.sample(REGIONS, rng.randint(2, 4))
            sessions.append({"id": f"JOINT-{counter}", "parties": [*regions, *state], "minutes": 150})
        elif kind == "deepening":
            region = rng.choice(REGIONS)
            sessions.append({"id": f"DEEP-{region}-{counter}", "parties": [region, *state], "minutes": 120})
        else:
            area = rng.choice(list(MACRO_AREAS))
            sessions.append(
                {"id": f"MACRO-{area}-{counter}", "parties": [*MACRO_AREAS[area], *state], "minutes": 150}
            )

    unavailable: list[dict[str, Any]] = []
    for party in REGIONS + MINISTRIES:
        # TEM coordinates and keeps its calendar open; the others are away now and then.
        if party == "TEM":
            continue
        for day in days:
            roll = rng.random()
            if roll < 0.10:
                unavailable.append({"party": party, "date": day.isoformat()})
            elif roll < 0.16:
                unavailable.append(
                    {"party": party, "date": day.isoformat(), "slot": rng.randrange(len(slots))}
                )

    preferred: list[dict[str, Any]] = []
    for session in sessions:
        if rng.random() < 0.6:
            for day in rng.sample(days, min(len(days), rng.randint(1, 2))):
                preferred.append(
                    {"session": session["id"], "date": day.isoformat(), "weight": rng.randint(1, 3)}
                )

    return {
        "version": 1,
        "first_day": first_day.isoformat(),
        "last_day": last_day.isoformat(),
        "holidays": sorted(d.isoformat() for d in holidays if first_day <= d <= last_day),
        "slots": slots,
        "sessions": sessions,
        "unavailable": unavailable,
        "preferred": preferred,
    }
