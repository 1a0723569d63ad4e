"""Start-up stays light: django.setup() (every worker, every `alke` command) imports no heavy library.

They are imported where they are used: the synergy analysis, the solver, the PDF, DOCX and XLSX
exports. Run in a fresh interpreter, since the test process has imported them long before. The time
itself is a benchmark (bench/startup.py), not a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ["sklearn", "scipy", "pandas", "ortools", "weasyprint", "docx", "openpyxl"]

PROBE = f"""
import json, sys
import django
django.setup()
print(json.dumps([name for name in {HEAVY!r} if name in sys.modules]))
"""


def test_django_setup_loads_no_heavy_library():
    env = {**os.environ, "ALKE_MODE": "test", "DJANGO_SETTINGS_MODULE": "alke.settings"}
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_the_probe_would_see_a_heavy_import():
    env = {**os.environ, "ALKE_MODE": "test", "DJANGO_SETTINGS_MODULE": "alke.settings"}
    probe = PROBE.replace("django.setup()", "django.setup(); import openpyxl")
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == ["openpyxl"]
