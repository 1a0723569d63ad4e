"""Benchmark: how long `alke check` takes against a bare Django set-up on the same interpreter.

Every worker and every `alke` command pays the start-up, so the heavy libraries (scikit-learn, SciPy,
pandas, OR-Tools, WeasyPrint, python-docx, openpyxl) are imported where they are used, not with the apps.
Each command runs in a fresh process, ROUNDS times; the table shows the medians and the ratio.
Goal: `alke check` within 4 × the bare set-up. Run: `python bench/startup.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = int(os.environ.get("BENCH_STARTUP_ROUNDS", "7"))
GOAL_RATIO = 4.0

# Django itself with the contrib apps every project has, and nothing of alke.
BARE = """
import django
from django.conf import settings
settings.configure(
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
"""
SETUP = "import django; django.setup()"
CHECK = "import sys; from django.core.management import execute_from_command_line; execute_from_command_line(['alke', 'check'])"


def _seconds(code: str) -> float:
    env = {**os.environ, "ALKE_MODE": "test", "DJANGO_SETTINGS_MODULE": "alke.settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    cases = [("bare Django set-up", BARE), ("alke django.setup()", SETUP), ("alke check", CHECK)]
    _seconds(CHECK)  # warm the file system cache and the .pyc files
    times = {name: [] for name, _code in cases}
    for _ in range(ROUNDS):
        for name, code in cases:  # interleaved, so a busy moment hits every case alike
            times[name].append(_seconds(code))
    bare = statistics.median(times["bare Django set-up"])
    print(f"{'command':<22} {'median s':>8} {'min s':>7} {'× bare':>7}   ({ROUNDS} runs each)")
    for name, _code in cases:
        median = statistics.median(times[name])
        print(f"{name:<22} {median:>8.3f} {min(times[name]):>7.3f} {median / bare:>7.1f}")
    ratio = statistics.median(times["alke check"]) / bare
    print(f"alke check / bare Django set-up: {ratio:.1f} × (goal: at most {GOAL_RATIO:.0f} ×)")
    return 0 if ratio <= GOAL_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
