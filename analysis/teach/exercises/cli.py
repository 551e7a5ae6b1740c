"""The command line: ``python -m analysis.teach.exercises build | verify | grade DIR``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.teach.exercises.generate import ExerciseFormatError, build, verify
from analysis.teach.exercises.grade import GRADE_TIMEOUT, grade_folder


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis.teach.exercises",
                                     description="Exercise notebooks: build student versions, verify them, grade submissions.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="write notebooks/exercises/NN_name.ipynb from solutions/NN_name.ipynb")
    sub.add_parser("verify", help="exit 1 if a student version is missing or stale")
    p = sub.add_parser("grade", help="execute every notebook in DIR and write one CSV row per notebook × question")
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("-o", "--out", default=None, help="CSV file (default: stdout)")
    p.add_argument("--timeout", type=int, default=GRADE_TIMEOUT, help=f"seconds per cell (default {GRADE_TIMEOUT})")
    p.add_argument("--jobs", type=int, default=1, help="notebooks run at once (default 1)")
    return parser


def _build() -> int:
    written = build()
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"{len(written)} student notebook(s) written; the others were up to date", file=sys.stderr)
    for problem in verify():
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def _verify() -> int:
    problems = verify()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print("student notebooks are up to date", file=sys.stderr)
    return 1 if problems else 0


def _grade(args) -> int:
    from analysis.output import write_table

    table = grade_folder(args.folder, args.timeout, args.jobs, progress_to=sys.stderr)
    write_table(table, args.out)
    n_nb = table["notebook"].nunique()
    print(f"graded {n_nb} notebook(s): {int(table['passed'].sum())} of {len(table)} checks right", file=sys.stderr)
    return 0 if n_nb else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build()
        if args.command == "verify":
            return _verify()
        return _grade(args)
    except (ExerciseFormatError, ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2

