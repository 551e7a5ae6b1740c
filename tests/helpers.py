"""Helpers shared by the test modules (one copy of each)."""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class CliResult:
    """What a command printed and returned, like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, fresh_process: bool = False) -> CliResult:
    """Run ``python -m analysis ARGS``; in this process (fast) unless ``fresh_process``.

    A fresh process is for what only a new interpreter shows (import-time
    state, byte-identical output across processes).
    """
    argv = [str(a) for a in args]
    if fresh_process:
        r = subprocess.run([sys.executable, "-m", "analysis", *argv], capture_output=True, text=True)
        return CliResult(r.returncode, r.stdout, r.stderr)
    from analysis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return CliResult(code, out.getvalue(), err.getvalue())
