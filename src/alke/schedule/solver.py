"""The timetable solver: problem format version 1 in, an optimal (or best found) timetable out.

Pure Python with OR-Tools CP-SAT and no Django, so `alke solve-schedule`, the product and the benchmark
share exactly the same rules. The rules (see docs/schedule.md):

- a session takes a weekday from `first_day` to `last_day` that is not in `holidays`, and one slot whose
  length is at least the session's `minutes` (default 150);
- a slot on a date holds at most one session (the coordinator attends every discussion);
- a party that is unavailable on a date (without `slot`: the whole day) blocks its sessions there.

The objective is lexicographic: most sessions scheduled, then the largest total weight of met preferences,
then the fewest distinct dates. It is one weighted sum whose weights keep the order strict: a day less is
worth less than one unit of preference weight, and all preference weight is worth less than one session.
"""

from __future__ import annotations

import math
import os
import re
import time as _time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from alke.core.domain import DomainError

DEFAULT_MINUTES = 150
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ProblemError(DomainError):
    """The problem is malformed; the message names the offending field."""


@dataclass(frozen=True)
class Slot:
    start: str
    end: str
    start_minutes: int
    end_minutes: int

    @property
    def length(self) -> int:
        return self.end_minutes - self.start_minutes

    def overlaps(self, other: Slot) -> bool:
        return self.start_minutes < other.end_minutes and other.start_minutes < self.end_minutes


@dataclass
class Session:
    id: str
    parties: list[str]
    minutes: int = DEFAULT_MINUTES


@dataclass
class Problem:
    first_day: date
    last_day: date
    holidays: set[date]
    slots: list[Slot]
    sessions: list[Session]
    # (party, date) -> None for the whole day, or the set of blocked slot indexes
    unavailable: dict[tuple[str, date], set[int] | None] = field(default_factory=dict)
    # (session id, date, weight), in input order
    preferred: list[tuple[str, date, int]] = field(default_factory=list)

    def working_days(self) -> list[date]:
        """Weekdays of the window that are not holidays."""
        days = []
        day = self.first_day
        while day <= self.last_day:
            if day.weekday() < 5 and day not in self.holidays:
                days.append(day)
            day += timedelta(days=1)
        return days

    def blocked(self, party: str, day: date, slot: int) -> bool:
        key = (party, day)
        if key not in self.unavailable:
            return False
        slots = self.unavailable[key]
        return slots is None or slot in slots


@dataclass
class Assignment:
    session: str
    date: date
    slot: int


@dataclass
class Solution:
    status: str  # optimal | feasible | infeasible
    assignments: list[Assignment]
    unscheduled: list[dict[str, Any]]
    objective: dict[str, int]
    wall_seconds: float = 0.0

    def to_json(self, problem: Problem) -> dict[str, Any]:
        return {
            "status": self.status,
            "assignments": [
                {
                    "session": a.session,
                    "date": a.date.isoformat(),
                    "slot": a.slot,
                    "start": problem.slots[a.slot].start,
                    "end": problem.slots[a.slot].end,
                }
                for a in self.assignments
            ],
            "unscheduled": [{"session": u["session"], "reason": u["reason"]} for u in self.unscheduled],
            "objective": self.objective,
        }


# --- parsing -------------------------------------------------------------------------------------


def _require(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise ProblemError(f"{where}: {message}")


def _date(value: Any, where: str) -> date:
    _require(
        isinstance(value, str) and _ISO_DATE.fullmatch(value) is not None,
        where,
        f"must be a date in the form YYYY-MM-DD, got {value!r}",
    )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ProblemError(f"{where}: {value!r} is not a date in the form YYYY-MM-DD") from None


def _clock(value: Any, where: str) -> int:
    _require(isinstance(value, str), where, f"must be a time string HH:MM, got {value!r}")
    try:
        parsed = datetime.strptime(value, "%H:%M")
    except ValueError:
        raise ProblemError(f"{where}: {value!r} is not a time in the form HH:MM") from None
    return parsed.hour * 60 + parsed.minute


def _int(value: Any, where: str, minimum: int | None = None) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    _require(
        isinstance(value, int) and not isinstance(value, bool), where, f"must be an integer, got {value!r}"
    )
    if minimum is not None:
        _require(value >= minimum, where, f"must be at least {minimum}, got {value}")
    return value


def _list(data: dict, key: str, where: str, required: bool = False) -> list:
    if key not in data:
        _require(not required, where, f"the field {key!r} is missing")
        return []
    value = data[key]
    _require(isinstance(value, list), f"{where}.{key}" if where != "problem" else key, "must be a list")
    return value


def parse_problem(data: Any) -> Problem:
    """Validate a version 1 problem (already decoded from JSON); raise ProblemError naming the field."""
    _require(isinstance(data, dict), "problem", "must be a JSON object")
    _require("version" in data, "version", "the field is missing (expected 1)")
    _require(
        data["version"] == 1 and not isinstance(data["version"], bool),
        "version",
        f"unsupported version {data['version']!r} (expected 1)",
    )
    for key in ("first_day", "last_day", "slots", "sessions"):
        _require(key in data, key, "the field is missing")
    first_day = _date(data["first_day"], "first_day")
    last_day = _date(data["last_day"], "last_day")
    _require(last_day >= first_day, "last_day", f"{last_day} is before first_day {first_day}")
    holidays = {_date(value, f"holidays[{i}]") for i, value in enumerate(_list(data, "holidays", "problem"))}

    raw_slots = _list(data, "slots", "problem", required=True)
    _require(len(raw_slots) > 0, "slots", "at least one slot is needed")
    slots = []
    for i, raw in enumerate(raw_slots):
        where = f"slots[{i}]"
        _require(isinstance(raw, dict), where, "must be an object with start and end")
        _require("start" in raw, f"{where}.start", "the field is missing")
        _require("end" in raw, f"{where}.end", "the field is missing")
        start = _clock(raw["start"], f"{where}.start")
        end = _clock(raw["end"], f"{where}.end")
        _require(end > start, f"{where}.end", f"{raw['end']} is not after start {raw['start']}")
        slots.append(Slot(raw["start"], raw["end"], start, end))

    sessions = []
    seen: set[str] = set()
    for i, raw in enumerate(_list(data, "sessions", "problem", required=True)):
        where = f"sessions[{i}]"
        _require(isinstance(raw, dict), where, "must be an object with id and parties")
        _require("id" in raw, f"{where}.id", "the field is missing")
        sid = raw["id"]
        _require(
            isinstance(sid, str) and sid != "", f"{where}.id", f"must be a non-empty string, got {sid!r}"
        )
        _require(sid not in seen, f"{where}.id", f"duplicate session id {sid!r}")
        seen.add(sid)
        _require("parties" in raw, f"{where}.parties", "the field is missing")
        parties = raw["parties"]
        _require(isinstance(parties, list), f"{where}.parties", "must be a list of party ids")
        for j, party in enumerate(parties):
            _require(
                isinstance(party, str) and party != "",
                f"{where}.parties[{j}]",
                f"must be a non-empty string, got {party!r}",
            )
        minutes = _int(raw.get("minutes", DEFAULT_MINUTES), f"{where}.minutes", minimum=1)
        sessions.append(Session(sid, list(parties), minutes))

    unavailable: dict[tuple[str, date], set[int] | None] = {}
    for i, raw in enumerate(_list(data, "unavailable", "problem")):
        where = f"unavailable[{i}]"
        _require(isinstance(raw, dict), where, "must be an object with party and date")
        _require("party" in raw, f"{where}.party", "the field is missing")
        _require(
            isinstance(raw["party"], str) and raw["party"] != "",
            f"{where}.party",
            "must be a non-empty string",
        )
        _require("date" in raw, f"{where}.date", "the field is missing")
        day = _date(raw["date"], f"{where}.date")
        key = (raw["party"], day)
        if "slot" in raw:
            # An explicit null is refused rather than guessed: leave "slot" out for a whole day.
            k = _int(raw["slot"], f"{where}.slot", minimum=0)
            _require(
                k < len(slots), f"{where}.slot", f"slot {k} does not exist (there are {len(slots)} slots)"
            )
            if key not in unavailable:
                unavailable[key] = {k}
            elif unavailable[key] is not None:
                unavailable[key].add(k)
        else:
            unavailable[key] = None

    preferred = []
    for i, raw in enumerate(_list(data, "preferred", "problem")):
        where = f"preferred[{i}]"
        _require(isinstance(raw, dict), where, "must be an object with session, date and weight")
        _require("session" in raw, f"{where}.session", "the field is missing")
        _require(raw["session"] in seen, f"{where}.session", f"unknown session {raw['session']!r}")
        _require("date" in raw, f"{where}.date", "the field is missing")
        day = _date(raw["date"], f"{where}.date")
        weight = _int(raw.get("weight", 1), f"{where}.weight", minimum=0)
        preferred.append((raw["session"], day, weight))

    return Problem(first_day, last_day, holidays, slots, sessions, unavailable, preferred)


# --- candidates, objective and explanations ------------------------------------------------------


def candidates(problem: Problem) -> dict[str, list[tuple[date, int]]]:
    """For each session, the (date, slot) places the rules allow, ignoring the other sessions."""
    days = problem.working_days()
    out: dict[str, list[tuple[date, int]]] = {}
    for session in problem.sessions:
        places = []
        for day in days:
            for k, slot in enumerate(problem.slots):
                if slot.length < session.minutes:
                    continue
                if any(problem.blocked(party, day, k) for party in session.parties):
                    continue
                places.append((day, k))
        out[session.id] = places
    return out


def objective_of(problem: Problem, assignments: list[Assignment]) -> dict[str, int]:
    """The objective as the verifier counts it: scheduled, met preference weight, distinct dates."""
    placed = {(a.session, a.date) for a in assignments}
    weight = sum(w for sid, day, w in problem.preferred if (sid, day) in placed)
    return {
        "scheduled": len(assignments),
        "preference_weight": weight,
        "days_used": len({a.date for a in assignments}),
    }


def _fmt_days(days: list[date], limit: int = 6) -> str:
    shown = ", ".join(d.isoformat() for d in days[:limit])
    return shown + (f" and {len(days) - limit} more" if len(days) > limit else "")


def explain(problem: Problem, session: Session, places: list[tuple[date, int]], taken_by: dict) -> dict:
    """Why a session could not be placed: a reason code, the data behind it and an English sentence."""
    days = problem.working_days()
    if not days:
        return {
            "code": "no_days",
            "data": {},
            "reason": f"the window {problem.first_day}–{problem.last_day} has no working day",
        }
    long_enough = [k for k, slot in enumerate(problem.slots) if slot.length >= session.minutes]
    if not long_enough:
        longest = max(slot.length for slot in problem.slots)
        return {
            "code": "too_long",
            "data": {"minutes": session.minutes, "longest": longest},
            "reason": f"needs {session.minutes} minutes but the longest slot is {longest} minutes",
        }
    if not places:
        blockers: dict[str, list[date]] = {}
        for day in days:
            for party in session.parties:
                if all(problem.blocked(party, day, k) for k in long_enough):
                    blockers.setdefault(party, []).append(day)
        parts = [
            f"{party} is unavailable on {_fmt_days(blocked)}" for party, blocked in sorted(blockers.items())
        ]
        rest = "every working day is blocked by the parties' unavailability"
        return {
            "code": "blocked",
            "data": {"blockers": {p: [d.isoformat() for d in ds] for p, ds in blockers.items()}},
            "reason": rest + (": " + "; ".join(parts) if parts else " (each day, some slot-level absence)"),
        }
    others = sorted({taken_by[place] for place in places if place in taken_by})
    free_days = sorted({day for day, _k in places})
    return {
        "code": "full",
        "data": {"days": [d.isoformat() for d in free_days], "sessions": others},
        "reason": (
            f"all {len(places)} slots open to every party (on {_fmt_days(free_days)}) are needed by "
            f"other sessions ({', '.join(others[:8])}{' …' if len(others) > 8 else ''}); "
            "more days or slots in the window would be needed"
        ),
    }


def _finish(problem: Problem, status: str, assignments: list[Assignment], started: float) -> Solution:
    assignments.sort(key=lambda a: (a.date, a.slot, a.session))
    places = candidates(problem)
    taken_by = {(a.date, a.slot): a.session for a in assignments}
    placed = {a.session for a in assignments}
    unscheduled = []
    for session in problem.sessions:
        if session.id not in placed:
            why = explain(problem, session, places[session.id], taken_by)
            unscheduled.append({"session": session.id, **why})
    return Solution(
        status, assignments, unscheduled, objective_of(problem, assignments), _time.perf_counter() - started
    )


# --- greedy first-fit (the benchmark's peer and the solver's starting hint) ----------------------


def greedy(problem: Problem, fixed: dict[str, tuple[date, int]] | None = None) -> Solution:
    """First-fit: each session in input order takes the earliest free allowed date and slot."""
    started = _time.perf_counter()
    fixed = fixed or {}
    taken: set[tuple[date, int]] = set()
    assignments = []
    for sid, place in fixed.items():
        taken.add(place)
        assignments.append(Assignment(sid, place[0], place[1]))
    places = candidates(problem)
    for session in problem.sessions:
        if session.id in fixed:
            continue
        for place in places[session.id]:
            if place not in taken:
                taken.add(place)
                assignments.append(Assignment(session.id, *place))
                break
    return _finish(problem, "feasible", assignments, started)


# --- CP-SAT --------------------------------------------------------------------------------------


def solve(
    problem: Problem,
    time_limit: float | None = None,
    fixed: dict[str, tuple[date, int]] | None = None,
    forbid_overlap: bool = False,
    workers: int | None = None,
) -> Solution:
    """The optimal timetable by CP-SAT; "feasible" when the time limit stops the proof.

    `fixed` pins sessions to (date, slot) (the product's locked sessions), even against the rules.
    `forbid_overlap` (the product) also keeps two sessions of one date out of overlapping slots;
    the command-line contract counts capacity per slot only, so it is off there.
    """
    from ortools.sat.python import cp_model

    started = _time.perf_counter()
    fixed = dict(fixed or {})
    known = {s.id for s in problem.sessions}
    for sid in fixed:
        if sid not in known:
            raise ProblemError(f"fixed: unknown session {sid!r}")
    places = candidates(problem)
    for sid, place in fixed.items():
        places[sid] = [place]

    model = cp_model.CpModel()
    x: dict[tuple[str, date, int], Any] = {}
    by_place: dict[tuple[date, int], list] = {}
    by_session: dict[str, list] = {}
    for session in problem.sessions:
        for day, k in places[session.id]:
            var = model.new_bool_var(f"x[{session.id},{day},{k}]")
            x[(session.id, day, k)] = var
            by_place.setdefault((day, k), []).append(var)
            by_session.setdefault(session.id, []).append(var)

    all_days = sorted({day for day, _k in by_place})
    used = {day: model.new_bool_var(f"used[{day}]") for day in all_days}
    for sid, vars_ in by_session.items():
        if sid in fixed:
            model.add(vars_[0] == 1)
        else:
            model.add_at_most_one(vars_)
    for (day, _k), vars_ in by_place.items():
        # One session per slot, and a slot used means its date is used (a tight link for the LP).
        model.add(sum(vars_) <= used[day])
    if forbid_overlap:
        for i, a in enumerate(problem.slots):
            for j in range(i + 1, len(problem.slots)):
                if a.overlaps(problem.slots[j]):
                    for day in all_days:
                        both = by_place.get((day, i), []) + by_place.get((day, j), [])
                        if both:
                            model.add(sum(both) <= 1)

    scheduled = sum(x.values()) if x else 0
    pref_terms = []
    total_weight = 0
    for sid, day, weight in problem.preferred:
        if weight == 0:
            continue
        hits = [x[(sid, day, k)] for k in range(len(problem.slots)) if (sid, day, k) in x]
        if hits:
            total_weight += weight
            pref_terms.append(weight * sum(hits))
    days_term = sum(used.values()) if used else 0
    day_unit = 1
    pref_unit = len(all_days) + 1  # one unit of preference outweighs any number of days
    session_unit = pref_unit * (total_weight + 1)  # one session outweighs all preference weight
    model.maximize(session_unit * scheduled + pref_unit * sum(pref_terms) - day_unit * days_term)

    # Start from the greedy timetable so a short time limit still returns something good.
    hint = greedy(problem, {sid: place for sid, place in fixed.items() if place in set(places[sid])})
    hinted = {(a.session, a.date, a.slot) for a in hint.assignments}
    for key, var in x.items():
        model.add_hint(var, 1 if key in hinted else 0)

    solver = cp_model.CpSolver()
    # One worker per core: on a busy 2-core machine eight workers proved the 60-session optimum about three
    # times slower than two (bench/schedule.py), as they only take turns on the same cores.
    solver.parameters.num_workers = max(1, workers or min(8, os.cpu_count() or 1))
    if time_limit is not None:
        solver.parameters.max_time_in_seconds = max(0.01, float(time_limit))
    code = solver.solve(model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignments = [Assignment(sid, day, k) for (sid, day, k), var in x.items() if solver.value(var)]
        status = "optimal" if code == cp_model.OPTIMAL else "feasible"
        return _finish(problem, status, assignments, started)
    if code == cp_model.INFEASIBLE:
        # Only locked sessions can make the model infeasible (e.g. two pinned to one slot).
        return _finish(problem, "infeasible", [], started)
    # No solution within the limit: fall back to the greedy timetable, which is always valid.
    if not fixed:
        return _finish(problem, "feasible", hint.assignments, started)
    return _finish(problem, "infeasible", [], started)


def lexicographic_key(objective: dict[str, int]) -> tuple[int, int, int]:
    """Larger is better: scheduled, then preference weight, then fewer days."""
    return (objective["scheduled"], objective["preference_weight"], -objective["days_used"])


def solve_json(data: Any, time_limit: float | None = None) -> dict[str, Any]:
    """Problem JSON (decoded) -> solution JSON (decoded); ProblemError on bad input."""
    problem = parse_problem(data)
    return solve(problem, time_limit=time_limit).to_json(problem)


def main(argv: list[str] | None = None) -> int:
    """`python -m alke.schedule.solver PROBLEM.json [--time-limit S]`, runnable without Django settings."""
    import argparse
    import json
    import sys

    parser = argparse.ArgumentParser(
        prog="solve-schedule", description="Solve a timetable problem (format 1)."
    )
    parser.add_argument("problem", help="path to PROBLEM.json, or - for standard input")
    parser.add_argument(
        "--time-limit", type=float, default=None, help="seconds; default: until proven optimal"
    )
    args = parser.parse_args(argv)
    try:
        data = load_problem_file(args.problem)
        if args.time_limit is not None and not (args.time_limit > 0 and math.isfinite(args.time_limit)):
            raise ProblemError("--time-limit: must be a positive number of seconds")
        result = solve_json(data, time_limit=args.time_limit)
    except ProblemError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def load_problem_file(path: str) -> Any:
    """Read and decode a problem file; ProblemError when it is missing or not JSON."""
    import json
    import sys

    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise ProblemError(f"{path}: cannot read the problem file ({error.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProblemError(f"{path}: not valid JSON ({error})") from None


if __name__ == "__main__":
    raise SystemExit(main())
