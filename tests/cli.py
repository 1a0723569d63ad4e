"""Run an `alke` command in this process, through the console script's own entry point."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from alke.__main__ import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def alke(*args: str, stdin: str = "") -> Result:
    """`alke ARGS...` as a user types it (hyphenated names included): its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    saved_stdin, sys.stdin = sys.stdin, io.StringIO(stdin)
    returncode = 0
    try:
        with redirect_stdout(out), redirect_stderr(err):
            main(["alke", *args])
    except SystemExit as exit_:
        returncode = exit_.code if isinstance(exit_.code, int) else int(exit_.code is not None)
    finally:
        sys.stdin = saved_stdin
    return Result(returncode, out.getvalue(), err.getvalue())
