"""Shared set-up of the benchmarks that run alke in-process: a throw-away SQLite database in test mode.

Import it before anything from Django: `from benchdb import fresh_database` (or `import benchdb`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DB = Path(tempfile.mkdtemp(prefix="alke-bench-")) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("ALKE_MODE", "test")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alke.settings")

import django  # noqa: E402

django.setup()


def fresh_database(reference: bool = True) -> None:
    """Migrate the throw-away database (and load the reference data), with the test client's set-up."""
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if reference:
        call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
