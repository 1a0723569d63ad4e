"""Benchmark: CP-SAT time to a proven optimum against a greedy first-fit, on generated timetables.

Instances of 18, 60 and 200 sessions with realistic absences (alke.schedule.generate). Goal: 60 sessions
proven optimal in under 10 seconds on the reference machine (2 cores). Run: `python bench/schedule.py`.
"""

from __future__ import annotations

import os
import sys
import time

from alke.schedule.generate import generate
from alke.schedule.solver import greedy, lexicographic_key, parse_problem, solve

SIZES = [18, 60, 200]
SEEDS = [1, 2, 3]
GOAL_SECONDS = {60: 10.0}
TIME_LIMIT = float(os.environ.get("BENCH_SCHEDULE_LIMIT", "120"))


def main() -> int:
    print(f"cores: {os.cpu_count()}; time limit per solve {TIME_LIMIT:.0f} s")
    header = (
        f"{'sessions':>8} {'seed':>4} | {'CP-SAT s':>8} {'status':>8} {'sched':>5} {'pref':>5} {'days':>4} | "
        f"{'greedy s':>8} {'sched':>5} {'pref':>5} {'days':>4} | {'better':>6}"
    )
    print(header)
    print("-" * len(header))
    failed = False
    for size in SIZES:
        for seed in SEEDS:
            problem = parse_problem(generate(size, seed=seed))
            started = time.perf_counter()
            best = solve(problem, time_limit=TIME_LIMIT)
            seconds = time.perf_counter() - started
            started = time.perf_counter()
            first_fit = greedy(problem)
            greedy_seconds = time.perf_counter() - started
            o, g = best.objective, first_fit.objective
            better = "yes" if lexicographic_key(o) > lexicographic_key(g) else "equal"
            if lexicographic_key(o) < lexicographic_key(g):
                better = "WORSE"
                failed = True
            print(
                f"{size:>8} {seed:>4} | {seconds:>8.2f} {best.status:>8} {o['scheduled']:>5} "
                f"{o['preference_weight']:>5} {o['days_used']:>4} | {greedy_seconds:>8.3f} {g['scheduled']:>5} "
                f"{g['preference_weight']:>5} {g['days_used']:>4} | {better:>6}"
            )
            goal = GOAL_SECONDS.get(size)
            if goal is not None and (best.status != "optimal" or seconds >= goal):
                print(f"  GOAL MISSED: {size} sessions should be proven optimal in under {goal:.0f} s")
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
