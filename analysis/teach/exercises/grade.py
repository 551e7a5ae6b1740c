"""Grading: execute submitted notebooks with every check recorded, one row per notebook × question.

A copy of each notebook runs in a fresh kernel (working folder: the notebook's
own) with a first cell that makes :func:`~analysis.teach.exercises.check`
append each result to a JSON-lines file; a notebook that fails keeps the
results of the checks it reached, and its error is recorded.
"""
from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from analysis.teach.exercises.checks import questions_for
from analysis.teach.exercises.generate import exercise_number
from analysis.teach.notebooks import execute_notebook, read_notebook, strip_outputs

GRADE_COLUMNS = ["notebook", "exercise", "question", "passed", "message", "error"]
#: Seconds a cell may run while grading: a solution's slowest cell takes a few seconds.
GRADE_TIMEOUT = 120
_CHECK_CALL = re.compile(r"check\(\s*[\"'](ex\d+)\.q\d+[\"']")
#: The cell put first in the executed copy: every check appends its result to the log.
_RECORDING_CELL = "import analysis.teach.exercises as _grader\n_grader.record_results_to({log!r})"


def notebook_exercise(nb, path: str | Path = "") -> str:
    """The exercise a notebook belongs to: its metadata, else its check calls, else its file name's number."""
    meta = nb.metadata.get("framing_lab", {}).get("exercise", "")
    if meta:
        number = exercise_number(str(meta))
        if number is not None:
            return f"ex{number}"
    found = sorted({m.group(1) for c in nb.cells if c.cell_type == "code" for m in _CHECK_CALL.finditer(c.source)})
    if len(found) == 1:
        return found[0]
    number = exercise_number(Path(path).name)
    return f"ex{number}" if number is not None else ""


def _error_text(err: BaseException) -> str:
    name = type(err).__name__
    if name == "CellExecutionError":
        ename, evalue = getattr(err, "ename", ""), getattr(err, "evalue", "")
        text = f"{ename}: {evalue}" if ename else str(err).strip().splitlines()[-1]
        return f"a cell failed: {text}"
    if name in ("CellTimeoutError", "TimeoutError"):
        return f"a cell ran longer than the time limit ({name})"
    if name == "DeadKernelError":
        return "the kernel died (out of memory, or the notebook ended the process)"
    return f"{name}: {err}"


def _read_log(log: Path) -> dict[str, dict]:
    """question -> its last recorded result (the last result of a question counts)."""
    recorded: dict[str, dict] = {}
    if log.is_file():
        for line in log.read_text(encoding="utf-8").splitlines():
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue
            recorded[r["question"]] = r
    return recorded


def _run_recorded(nb, path: Path, timeout: int) -> tuple[dict[str, dict], str]:
    """Execute a copy of ``nb`` with recording on: (recorded results by question, the error or "")."""
    import nbformat
    from nbformat.v4 import new_code_cell

    error = ""
    with tempfile.TemporaryDirectory(prefix="framing-lab-grade-") as tmp:
        log = Path(tmp) / "results.jsonl"
        cell = new_code_cell(_RECORDING_CELL.format(log=str(log)))
        cell.metadata["tags"] = ["grader"]
        nb.cells.insert(0, cell)
        strip_outputs(nb)
        copy = Path(tmp) / path.name
        copy.write_text(nbformat.writes(nb), encoding="utf-8")
        try:
            execute_notebook(copy, timeout=timeout, cwd=path.parent)
        except Exception as err:  # record any failure; one bad notebook never stops the grading
            error = _error_text(err)
        return _read_log(log), error


def _rows(name: str, exercise: str, recorded: dict[str, dict], error: str) -> list[dict]:
    """One row per question of the exercise (and any other question the notebook checked)."""
    rows = []
    expected = questions_for(exercise) if exercise else []
    for qid in expected + [q for q in recorded if q not in expected]:
        r = recorded.get(qid)
        if r is None:
            why = f"the notebook stopped before this check ({error})" if error else "its check cell was not run"
            rows.append(dict(notebook=name, exercise=exercise, question=qid, passed=False,
                             message=f"{qid}: not checked: {why}.", error=error))
        else:
            rows.append(dict(notebook=name, exercise=exercise, question=qid, passed=bool(r["passed"]),
                             message=r["message"], error=error))
    if not rows:
        rows.append(dict(notebook=name, exercise=exercise, question="", passed=False,
                         message="no checks found in this notebook", error=error))
    return rows


def grade_notebook(path: str | Path, timeout: int = GRADE_TIMEOUT, name: str | None = None) -> list[dict]:
    """Execute one notebook with recording on and return one row per question (see :data:`GRADE_COLUMNS`).

    The notebook runs in a fresh kernel whose working folder is the notebook's
    own; the file itself is not changed (a copy with the recording cell is run).
    ``name`` is what the ``notebook`` column shows (default: the file name).
    """
    path = Path(path)
    name = name or path.name
    try:
        nb = read_notebook(path)
    except ValueError as err:
        return [dict(notebook=name, exercise="", question="", passed=False, message="", error=str(err))]
    exercise = notebook_exercise(nb, path)
    recorded, error = _run_recorded(nb, path, timeout)
    return _rows(name, exercise, recorded, error)


def grade_notebooks(paths, timeout: int = GRADE_TIMEOUT, jobs: int = 1, progress_to=None, names=None):
    """Grade several notebooks (``jobs`` at a time, each in its own kernel); one DataFrame row per notebook × question.

    ``names`` (one per path) label the ``notebook`` column; by default the file names.
    """
    from concurrent.futures import ThreadPoolExecutor

    import pandas as pd

    paths = [Path(p) for p in paths]
    names = list(names) if names is not None else [p.name for p in paths]

    def one(item):
        i, p = item
        start = time.perf_counter()
        rows = grade_notebook(p, timeout, names[i - 1])
        if progress_to is not None:
            passed = sum(r["passed"] for r in rows)
            err = f"; error: {rows[0]['error']}" if rows and rows[0]["error"] else ""
            print(f"[{i}/{len(paths)}] {p.name}: {passed} of {len(rows)} right "
                  f"({time.perf_counter() - start:.1f} s){err}", file=progress_to, flush=True)
        return rows

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(one, enumerate(paths, 1)))
    return pd.DataFrame([r for rows in results for r in rows], columns=GRADE_COLUMNS)


def grade_folder(folder: str | Path, timeout: int = GRADE_TIMEOUT, jobs: int = 1, progress_to=None):
    """Grade every ``*.ipynb`` directly in ``folder`` (sorted by name)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    paths = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return grade_notebooks(paths, timeout, jobs, progress_to)
