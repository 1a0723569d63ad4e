"""The solver against the command-line contract: every rule, the lexicographic objective, bad input."""

from __future__ import annotations

import itertools
import json
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alke.schedule.generate import generate
from alke.schedule.solver import ProblemError, greedy, lexicographic_key, parse_problem, solve, solve_json
from tests.cli import alke

EXAMPLE = {
    "version": 1,
    "first_day": "2026-11-02",
    "last_day": "2026-11-27",
    "holidays": ["2026-11-06"],
    "slots": [{"start": "09:00", "end": "11:30"}, {"start": "12:30", "end": "15:00"}],
    "sessions": [{"id": "MK02", "parties": ["MK02", "TEM", "OKM"], "minutes": 150}],
    "unavailable": [
        {"party": "OKM", "date": "2026-11-05"},
        {"party": "MK02", "date": "2026-11-10", "slot": 0},
    ],
    "preferred": [{"session": "MK02", "date": "2026-11-12", "weight": 3}],
}


def check(problem: dict, solution: dict) -> dict:
    """An independent reading of the rules: assert validity and return the recomputed objective."""
    first, last = date.fromisoformat(problem["first_day"]), date.fromisoformat(problem["last_day"])
    hol = set(problem.get("holidays", []))
    days = set()
    d = first
    while d <= last:
        if d.weekday() < 5 and d.isoformat() not in hol:
            days.add(d.isoformat())
        d += timedelta(days=1)
    slots = problem["slots"]
    sessions = {s["id"]: s for s in problem["sessions"]}
    taken, seen = set(), set()

    def mins(t):
        p = datetime.strptime(t, "%H:%M")
        return p.hour * 60 + p.minute

    for a in solution["assignments"]:
        sid, day, k = a["session"], a["date"], a["slot"]
        assert sid in sessions and sid not in seen
        seen.add(sid)
        assert day in days
        assert (a["start"], a["end"]) == (slots[k]["start"], slots[k]["end"])
        assert mins(slots[k]["end"]) - mins(slots[k]["start"]) >= sessions[sid].get("minutes", 150)
        assert (day, k) not in taken
        taken.add((day, k))
        for u in problem.get("unavailable", []):
            if u["party"] in sessions[sid]["parties"] and u["date"] == day:
                assert u.get("slot", k) != k, f"{sid} placed while {u['party']} is away"
    listed = {u["session"] for u in solution["unscheduled"]}
    assert listed | seen == set(sessions) and not (listed & seen)
    assert all(u["reason"] for u in solution["unscheduled"])
    placed = {(a["session"], a["date"]) for a in solution["assignments"]}
    objective = {
        "scheduled": len(seen),
        "preference_weight": sum(
            p["weight"] for p in problem.get("preferred", []) if (p["session"], p["date"]) in placed
        ),
        "days_used": len({a["date"] for a in solution["assignments"]}),
    }
    assert solution["objective"] == objective
    return objective


def brute_force(problem: dict) -> tuple[int, int, int]:
    """The best lexicographic key by trying every placement (tiny problems only)."""
    parsed = parse_problem(problem)
    from alke.schedule.solver import candidates

    places = candidates(parsed)
    options = [[None, *places[s.id]] for s in parsed.sessions]
    best = None
    for combo in itertools.product(*options):
        used = [p for p in combo if p is not None]
        if len(used) != len(set(used)):
            continue
        placed = {(s.id, p[0]) for s, p in zip(parsed.sessions, combo, strict=True) if p is not None}
        weight = sum(w for sid, day, w in parsed.preferred if (sid, day) in placed)
        key = (len(used), weight, -len({p[0] for p in used}))
        best = key if best is None or key > best else best
    return best


def test_the_issue_example_is_solved_optimally_on_the_preferred_date():
    solution = solve_json(EXAMPLE)
    assert solution["status"] == "optimal"
    assert [(a["session"], a["date"]) for a in solution["assignments"]] == [("MK02", "2026-11-12")]
    assert check(EXAMPLE, solution) == {"scheduled": 1, "preference_weight": 3, "days_used": 1}


def test_holidays_weekends_slot_length_and_whole_day_absence_are_respected():
    problem = {
        "version": 1,
        "first_day": "2026-11-06",  # Friday (a holiday here), then the weekend, then Monday
        "last_day": "2026-11-09",
        "holidays": ["2026-11-06"],
        "slots": [{"start": "09:00", "end": "10:00"}, {"start": "12:00", "end": "14:30"}],
        "sessions": [
            {"id": "A", "parties": ["MK01"]},  # 150 minutes by default: only slot 1 is long enough
            {"id": "B", "parties": ["MK02"], "minutes": 60},
            {"id": "C", "parties": ["OKM"], "minutes": 60},
        ],
        "unavailable": [{"party": "OKM", "date": "2026-11-09"}],
    }
    solution = solve_json(problem)
    placed = {a["session"]: (a["date"], a["slot"]) for a in solution["assignments"]}
    assert placed == {"A": ("2026-11-09", 1), "B": ("2026-11-09", 0)}
    reason = solution["unscheduled"][0]
    assert reason["session"] == "C" and "OKM" in reason["reason"] and "2026-11-09" in reason["reason"]
    assert solution["status"] == "optimal"
    check(problem, solution)


def test_objective_order_sessions_before_preferences_before_fewer_days():
    # Two sessions, one slot a day. X prefers Monday heavily, but Y can only go on Monday:
    # scheduling both beats X's preference.
    problem = {
        "version": 1,
        "first_day": "2026-11-02",
        "last_day": "2026-11-03",
        "slots": [{"start": "09:00", "end": "11:30"}],
        "sessions": [{"id": "X", "parties": ["P"]}, {"id": "Y", "parties": ["Q"]}],
        "unavailable": [{"party": "Q", "date": "2026-11-03"}],
        "preferred": [{"session": "X", "date": "2026-11-02", "weight": 100}],
    }
    solution = solve_json(problem)
    assert check(problem, solution) == {"scheduled": 2, "preference_weight": 0, "days_used": 2}
    # With two slots a day both fit on the preferred Monday: one day instead of two.
    problem["slots"].append({"start": "12:30", "end": "15:00"})
    solution = solve_json(problem)
    assert check(problem, solution) == {"scheduled": 2, "preference_weight": 100, "days_used": 1}


def test_fewest_days_packs_two_sessions_a_day():
    problem = {
        "version": 1,
        "first_day": "2026-11-02",
        "last_day": "2026-11-13",
        "slots": [{"start": "09:00", "end": "11:30"}, {"start": "12:30", "end": "15:00"}],
        "sessions": [{"id": f"S{i}", "parties": [f"MK{i:02d}"]} for i in range(6)],
    }
    assert check(problem, solve_json(problem))["days_used"] == 3


def test_a_session_that_needs_a_longer_slot_is_explained():
    problem = dict(EXAMPLE, sessions=[{"id": "M", "parties": ["TEM"], "minutes": 240}], preferred=[])
    solution = solve_json(problem)
    assert solution["unscheduled"] == [
        {"session": "M", "reason": "needs 240 minutes but the longest slot is 150 minutes"}
    ]


def test_a_full_window_names_the_competing_sessions():
    problem = {
        "version": 1,
        "first_day": "2026-11-02",
        "last_day": "2026-11-02",
        "slots": [{"start": "09:00", "end": "11:30"}],
        "sessions": [{"id": "A", "parties": ["P"]}, {"id": "B", "parties": ["Q"]}],
    }
    solution = solve_json(problem)
    assert solution["objective"]["scheduled"] == 1
    (left,) = solution["unscheduled"]
    other = "B" if left["session"] == "A" else "A"
    assert other in left["reason"] and "2026-11-02" in left["reason"]


tiny_problem = st.builds(
    lambda n_days, n_slots, sessions, absences, prefs: {
        "version": 1,
        "first_day": "2026-11-02",
        "last_day": (date(2026, 11, 2) + timedelta(days=n_days - 1)).isoformat(),
        "holidays": [],
        "slots": [{"start": "09:00", "end": "11:30"}, {"start": "12:30", "end": "14:00"}][:n_slots],
        "sessions": [
            {"id": f"S{i}", "parties": parties, "minutes": minutes}
            for i, (parties, minutes) in enumerate(sessions)
        ],
        "unavailable": [
            {
                "party": p,
                "date": (date(2026, 11, 2) + timedelta(days=d % n_days)).isoformat(),
                **({} if k is None else {"slot": k % n_slots}),
            }
            for p, d, k in absences
        ],
        "preferred": [
            {
                "session": f"S{s % len(sessions)}",
                "date": (date(2026, 11, 2) + timedelta(days=d % n_days)).isoformat(),
                "weight": w,
            }
            for s, d, w in prefs
        ],
    },
    n_days=st.integers(1, 3),
    n_slots=st.integers(1, 2),
    sessions=st.lists(
        st.tuples(
            st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=2, unique=True),
            st.sampled_from([60, 90, 150]),
        ),
        min_size=1,
        max_size=4,
    ),
    absences=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]), st.integers(0, 2), st.one_of(st.none(), st.integers(0, 1))
        ),
        max_size=4,
    ),
    prefs=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(1, 5)), max_size=4),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_problem)
def test_solver_matches_brute_force_on_small_problems(problem):
    solution = solve_json(problem)
    assert solution["status"] == "optimal"
    objective = check(problem, solution)
    assert lexicographic_key(objective) == brute_force(problem)


def test_generated_60_sessions_are_valid_and_beat_or_match_greedy():
    problem = generate(60, seed=7)
    parsed = parse_problem(problem)
    best = solve(parsed, time_limit=60)
    first_fit = greedy(parsed)
    assert best.status == "optimal"
    check(problem, best.to_json(parsed))
    check(problem, first_fit.to_json(parsed))
    assert lexicographic_key(best.objective) >= lexicographic_key(first_fit.objective)


def test_locked_sessions_stay_and_overlap_can_be_forbidden():
    problem = parse_problem(
        {
            "version": 1,
            "first_day": "2026-11-02",
            "last_day": "2026-11-02",
            "slots": [{"start": "09:00", "end": "12:00"}, {"start": "11:00", "end": "14:00"}],
            "sessions": [{"id": "A", "parties": ["P"]}, {"id": "B", "parties": ["Q"]}],
        }
    )
    assert solve(problem).objective["scheduled"] == 2
    product = solve(problem, forbid_overlap=True, fixed={"B": (date(2026, 11, 2), 0)})
    assert [(a.session, a.slot) for a in product.assignments] == [("B", 0)]
    clash = solve(problem, fixed={"A": (date(2026, 11, 2), 0), "B": (date(2026, 11, 2), 0)})
    assert clash.status == "infeasible"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"version": 2}, "version"),
        ({"first_day": "2.11.2026"}, "first_day"),
        ({"last_day": "2026-10-01"}, "last_day"),
        ({"slots": []}, "slots"),
        ({"slots": [{"start": "11:30", "end": "09:00"}]}, "slots[0].end"),
        ({"slots": [{"start": "9", "end": "11:00"}]}, "slots[0].start"),
        ({"sessions": [{"id": "A"}]}, "sessions[0].parties"),
        ({"sessions": [{"id": "A", "parties": []}, {"id": "A", "parties": []}]}, "sessions[1].id"),
        ({"sessions": [{"id": "A", "parties": ["P"], "minutes": 0}]}, "sessions[0].minutes"),
        ({"sessions": [{"id": "A", "parties": ["P"], "minutes": "150"}]}, "sessions[0].minutes"),
        ({"unavailable": [{"party": "P", "date": "2026-11-03", "slot": 5}]}, "unavailable[0].slot"),
        ({"unavailable": [{"party": "P"}]}, "unavailable[0].date"),
        ({"preferred": [{"session": "NOPE", "date": "2026-11-03", "weight": 1}]}, "preferred[0].session"),
        ({"preferred": [{"session": "MK02", "date": "2026-11-03", "weight": -1}]}, "preferred[0].weight"),
        ({"holidays": "2026-11-06"}, "holidays"),
    ],
)
def test_bad_input_names_the_field(change, field):
    with pytest.raises(ProblemError) as error:
        parse_problem({**EXAMPLE, **change})
    assert str(error.value).startswith(field)


def test_missing_required_field_is_named():
    problem = dict(EXAMPLE)
    del problem["sessions"]
    with pytest.raises(ProblemError, match="^sessions"):
        parse_problem(problem)


def test_command_line_prints_json_and_exits_2_on_bad_input(tmp_path):
    good = tmp_path / "problem.json"
    good.write_text(json.dumps(EXAMPLE))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**EXAMPLE, "slots": [{"start": "09:00"}]}))
    done = alke("solve-schedule", str(good), "--time-limit", "20")
    assert done.returncode == 0, done.stderr
    assert check(EXAMPLE, json.loads(done.stdout))["preference_weight"] == 3
    failed = alke("solve-schedule", str(bad))
    assert failed.returncode == 2
    assert "slots[0].end" in failed.stderr
    not_json = tmp_path / "broken.json"
    not_json.write_text("{")
    failed = alke("solve-schedule", str(not_json))
    assert failed.returncode == 2 and "not valid JSON" in failed.stderr
    assert alke("solve-schedule", "-", stdin=json.dumps(EXAMPLE)).returncode == 0
