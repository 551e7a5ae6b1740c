"""The command-line options of the commands that run :func:`analysis.analyse` (``--jobs``,
``--scheduler``, ``--no-cache``, ``--quiet``), and the keyword arguments they stand for.

>>> import argparse
>>> p = argparse.ArgumentParser(prog="python -m analysis scores")
>>> add_run_options(p)
>>> run_options(p.parse_args(["--jobs", "2", "--quiet"]))
{'jobs': 2, 'scheduler': None, 'cache': True, 'progress': False}
"""
from __future__ import annotations

import argparse

#: The commands that run the whole analysis (:func:`analysis.analyse`), so take these options. ``corpus``
#: runs it for ``--level sentences`` (the attributed sentences) and reads files only for the other levels.
ANALYSING_COMMANDS = ("scores", "compare", "report", "quotes", "distinctive", "kwic", "corpus", "figures")


def _jobs(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


_jobs.__name__ = "whole number (1 or more)"  # argparse names the type in its message


def add_run_options(p: argparse.ArgumentParser) -> None:
    """How the analysis runs: worker processes, a Dask cluster, the cache, the progress bar."""
    p.add_argument("--jobs", type=_jobs, default=None, metavar="N",
                   help="worker processes (default: every core, for a corpus big enough to gain; 1: this process "
                        "only); the output is the same for any N")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run the documents on a Dask cluster, e.g. tcp://HOST:8786 (see `dask scheduler`)")
    p.add_argument("--no-cache", action="store_true",
                   help="compute everything again and keep nothing (default: a rerun on an unchanged corpus reads "
                        "the results from $FRAMING_LAB_CACHE, else ~/.cache/framing-lab)")
    p.add_argument("--quiet", action="store_true", help="no progress bar (there is none when stderr is not a terminal)")


def run_options(args: argparse.Namespace) -> dict:
    """The keyword arguments of :func:`analysis.analyse` that the options ask for."""
    return {"jobs": getattr(args, "jobs", None), "scheduler": getattr(args, "scheduler", None),
            "cache": not getattr(args, "no_cache", False),
            "progress": False if getattr(args, "quiet", False) else None}
