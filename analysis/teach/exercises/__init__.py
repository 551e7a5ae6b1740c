"""Exercises: solution notebooks, generated student versions, checks and grading.

Instructors edit only the solution notebooks in
``notebooks/exercises/solutions/NN_name.ipynb``;
``python -m analysis.teach.exercises build`` writes the student versions
``notebooks/exercises/NN_name.ipynb`` from them (the tag-based scheme of the
scikit-learn MOOC, done with nbformat):

* a code cell tagged ``solution`` keeps everything outside its
  ``# BEGIN SOLUTION`` / ``# END SOLUTION`` lines; the lines between them are
  dropped, except ``# PLACEHOLDER: <code>`` lines, which become ``<code>`` (same
  indentation). So::

      # BEGIN SOLUTION
      # PLACEHOLDER: misses = ...
      misses = [n for n, (a, b) in enumerate(zip(predictions, stock_labels), 1) if a != b]
      # END SOLUTION

  becomes ``misses = ...`` for the student (a block without placeholder lines
  simply disappears; a cell left empty gets ``# Write your code here.``);
* a markdown cell tagged ``solution`` becomes ``_Write your answer here._``;
* a cell tagged ``hidden`` (instructor-only checks) is removed;
* outputs are stripped and the file is written deterministically (a rerun
  writes the same bytes). ``python -m analysis.teach.exercises verify`` exits 1 when a
  student version is missing, stale or has no solution.

Checks: a notebook calls ``check("ex1.q2", answer)`` (some questions also take
earlier answers, e.g. ``check("ex2.q2", agreement, my_labels)``). It prints and
returns a :class:`CheckResult`: ``right`` or ``not yet: <what is wrong>``,
never the expected answer. A blank answer (``...``, ``None``, an empty string,
or a container holding only blanks) always gets ``not yet: no answer yet``.
Expected values are computed from the corpus and the ``analysis`` functions
when the check runs, so they follow the code; judgement answers are checked for
their structure (valid labels, sentences drawn from the right set, numbers
consistent with the student's own labels).

The six exercises and their questions are defined below (``QUESTIONS``); each
check function returns ``None`` when the answer is right, or what is wrong.

Grading: ``python -m analysis.teach.exercises grade DIR [-o grades.csv]`` executes
every notebook in ``DIR`` with a cell inserted first that makes ``check`` append
each result to a JSON-lines file; a notebook that fails keeps the results of
the checks it reached, and its error is recorded. One CSV row per notebook ×
question: ``notebook, exercise, question, passed, message, error``.

>>> result = check("ex6.q3", ...)
ex6.q3: not yet: no answer yet (replace the ... with your answer).
>>> result.passed
False
>>> student_source("x = 1\\n# BEGIN SOLUTION\\n# PLACEHOLDER: y = ...\\ny = 2\\n# END SOLUTION\\nprint(y)")
'x = 1\\ny = ...\\nprint(y)'
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import numbers
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from analysis.text.tokens import ascii_quotes
from analysis.teach.notebooks import NOTEBOOK_DIR, ROOT, execute_notebook, has_outputs, read_notebook, strip_outputs

EXERCISE_DIR = NOTEBOOK_DIR / "exercises"
SOLUTION_DIR = EXERCISE_DIR / "solutions"
#: Data files the exercises read (e.g. the fictional readout of exercise 5).
EXERCISE_DATA = EXERCISE_DIR / "data"

TAG_SOLUTION = "solution"
TAG_HIDDEN = "hidden"
#: Tag given to the student cells made from solution cells (where answers go).
TAG_ANSWER = "answer"
BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
PLACEHOLDER = "# PLACEHOLDER:"
MARKDOWN_PLACEHOLDER = "_Write your answer here._"
CODE_PLACEHOLDER = "# Write your code here."
_MARKER_LIKE = re.compile(r"^\s*#+\s*(BEGIN|END)\s*[-_ ]?\s*SOLUTION\b|^\s*#+\s*PLACEHOLDER\b", re.IGNORECASE)
#: Words the header cell of every solution must contain.
HEADER_FIELDS = ("Learning goal", "Prerequisites", "Estimated time")
#: Seconds a cell may run while grading.
GRADE_TIMEOUT = 120

SENTIMENTS = ("negative", "neutral", "positive")


# =========================================================================== generation
class ExerciseFormatError(ValueError):
    """A solution notebook breaks the tag/marker rules; the message names the cell and line."""


def student_source(source: str, where: str = "cell") -> str:
    """The student version of a ``solution``-tagged code cell's source.

    Lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` are dropped except
    ``# PLACEHOLDER: code`` lines, which become ``code`` at the same indentation.
    A cell left empty gets ``# Write your code here.``.

    >>> print(student_source("    # BEGIN SOLUTION\\n    # PLACEHOLDER: total = ...\\n    total = 3\\n    # END SOLUTION"))
        total = ...
    >>> student_source("# BEGIN SOLUTION\\nx = 1")
    Traceback (most recent call last):
    ...
    analysis.teach.exercises.ExerciseFormatError: cell, line 1: '# BEGIN SOLUTION' is never closed; add a '# END SOLUTION' line
    """
    out: list[str] = []
    inside_since = None
    blocks = 0
    for i, line in enumerate(source.split("\n"), 1):
        s = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if s == BEGIN:
            if inside_since is not None:
                raise ExerciseFormatError(f"{where}, line {i}: '{BEGIN}' inside another solution block "
                                          f"(opened on line {inside_since}); close it first with '{END}'")
            inside_since, blocks = i, blocks + 1
            continue
        if s == END:
            if inside_since is None:
                raise ExerciseFormatError(f"{where}, line {i}: '{END}' without a '{BEGIN}' before it")
            inside_since = None
            continue
        if s.startswith(PLACEHOLDER):
            if inside_since is None:
                raise ExerciseFormatError(f"{where}, line {i}: '{PLACEHOLDER}' outside a solution block; "
                                          f"put it between '{BEGIN}' and '{END}'")
            out.append(indent + s[len(PLACEHOLDER):].strip())
            continue
        if _MARKER_LIKE.match(line):
            raise ExerciseFormatError(f"{where}, line {i}: {s!r} looks like a marker but is not one; "
                                      f"write exactly '{BEGIN}', '{END}' or '{PLACEHOLDER} <code>'")
        if inside_since is None:
            out.append(line)
    if inside_since is not None:
        raise ExerciseFormatError(f"{where}, line {inside_since}: '{BEGIN}' is never closed; add a '{END}' line")
    if not blocks:
        raise ExerciseFormatError(f"{where}: tagged '{TAG_SOLUTION}' but has no '{BEGIN}' ... '{END}' block; "
                                  "mark the lines to remove (or remove the tag)")
    text = "\n".join(out).strip("\n")
    return text if text.strip() else CODE_PLACEHOLDER


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _exercise_number(stem: str) -> int | None:
    m = re.match(r"^(\d+)_", stem)
    return int(m.group(1)) if m else None


def student_notebook(solution, name: str = "notebook"):
    """The student version of a solution notebook (a new notebook; the input is not changed)."""
    import copy

    import nbformat

    nb = copy.deepcopy(solution)
    cells = []
    for index, cell in enumerate(nb.cells):
        where = f"{name}, cell {index + 1}"
        tags = _tags(cell)
        if "id" not in cell:  # old notebooks: a stable id, so reruns write the same bytes
            cell["id"] = hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:12]
        if TAG_HIDDEN in tags:
            continue
        if TAG_SOLUTION in tags:
            new_tags = [t for t in tags if t != TAG_SOLUTION] + [TAG_ANSWER]
            if cell.cell_type == "code":
                cell.source = student_source(cell.source, where)
            elif cell.cell_type == "markdown":
                cell.source = MARKDOWN_PLACEHOLDER
                cell.pop("attachments", None)
            cell.metadata["tags"] = new_tags
        elif cell.cell_type == "code":
            for i, line in enumerate(cell.source.split("\n"), 1):
                if _MARKER_LIKE.match(line):
                    raise ExerciseFormatError(f"{where}, line {i}: solution marker in a cell not tagged "
                                              f"'{TAG_SOLUTION}'; add the tag (the solution would be given away)")
        cells.append(cell)
    nb.cells = cells
    strip_outputs(nb)
    nb.nbformat, nb.nbformat_minor = 4, max(5, int(nb.get("nbformat_minor", 5)))
    meta = dict(nb.metadata.get("framing_lab", {}))
    meta["generated_from"] = f"solutions/{name}"
    nb.metadata["framing_lab"] = meta
    nbformat.validate(nb)
    return nb


def notebook_text(nb) -> str:
    """A notebook as the exact text written to disk (the same bytes on every run)."""
    import nbformat

    return nbformat.writes(nb) + "\n"


def lint_solution(nb, name: str) -> list[str]:
    """Problems in a solution notebook beyond the marker rules (header fields, checks)."""
    problems = []
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    missing = [f for f in HEADER_FIELDS if first is None or f.lower() not in first.source.lower()]
    if missing:
        problems.append(f"{name}: the first markdown cell must state {', '.join(missing)}")
    number = _exercise_number(name)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    used = set(re.findall(r"check\(\s*[\"'](ex\d+\.q\d+)[\"']", code))
    for qid in sorted(used - set(QUESTIONS)):
        problems.append(f"{name}: check({qid!r}, ...) is not a known question; register it in analysis/exercises.py")
    if number is not None:
        for qid in questions_for(f"ex{number}"):
            if qid not in used:
                problems.append(f"{name}: question {qid} is never checked in the notebook")
    if has_outputs(nb):
        problems.append(f"{name}: has outputs; clear them (python -m analysis.teach.notebooks strip {name})")
    return problems


def _expected(solutions: Path) -> dict[str, str]:
    """Student file name -> text, for every solution notebook (raises on a format error)."""
    out, problems = {}, []
    for path in sorted(Path(solutions).glob("[0-9][0-9]_*.ipynb")):
        nb = read_notebook(path)
        problems += lint_solution(nb, path.name)
        out[path.name] = notebook_text(student_notebook(nb, path.name))
    if problems:
        raise ExerciseFormatError("\n".join(problems))
    return out


def build(solutions: str | Path = SOLUTION_DIR, out: str | Path = EXERCISE_DIR) -> list[Path]:
    """Write the student version of every solution notebook; return the files that changed."""
    from analysis.output import write_text_atomic

    out = Path(out)
    written = []
    for name, text in _expected(Path(solutions)).items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_text_atomic(target, text)
            written.append(target)
    return written


def verify(solutions: str | Path = SOLUTION_DIR, out: str | Path = EXERCISE_DIR) -> list[str]:
    """Problems with the student versions: missing, stale, or without a solution (empty when up to date)."""
    out = Path(out)
    expected = _expected(Path(solutions))
    problems = []
    for name, text in expected.items():
        target = out / name
        if not target.is_file():
            problems.append(f"{target}: missing; run `python -m analysis.teach.exercises build`")
        elif target.read_text(encoding="utf-8") != text:
            problems.append(f"{target}: stale (differs from what its solution generates); "
                            "edit the solution, not this file, and run `python -m analysis.teach.exercises build`")
    for path in sorted(out.glob("[0-9][0-9]_*.ipynb")):
        if path.name not in expected:
            problems.append(f"{path}: no solution notebook solutions/{path.name}; restore it or delete this file")
    return problems


# =========================================================================== checks
@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``passed`` and a ``message`` (``qid: right...`` or ``qid: not yet: ...``)."""

    question: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def _ipython_display_(self) -> None:
        """Nothing: :func:`check` has already printed the message."""


@dataclass(frozen=True)
class Question:
    qid: str
    what: str
    usage: str
    func: Callable[..., str | None]
    needs: tuple[str, ...] = ()

    @property
    def exercise(self) -> str:
        return self.qid.split(".")[0]


#: Every question, by id (``ex1.q1`` ...), in the order they were defined.
QUESTIONS: dict[str, Question] = {}
_RESULTS: list[CheckResult] = []
_RECORD_TO: list[Path] = []


def question(qid: str, what: str, needs: tuple[str, ...] = ()):
    """Register a check function ``f(answer, *needs) -> None when right, else what is wrong``."""
    def register(func):
        args = ", ".join(("answer", *needs))
        QUESTIONS[qid] = Question(qid, what, f'check("{qid}", {args})', func, needs)
        return func
    return register


def questions_for(exercise: str) -> list[str]:
    """The question ids of one exercise (``"ex3"``), in order."""
    return [q for q in QUESTIONS if QUESTIONS[q].exercise == exercise]


def is_blank(answer: Any) -> bool:
    """True for an answer not given yet: ``...``, ``None``, an empty string, or a container of only those.

    >>> is_blank(...), is_blank({"a": ..., "b": None}), is_blank([]), is_blank(0)
    (True, True, False, False)
    """
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return answer.strip() in ("", "...")
    if isinstance(answer, dict):
        return bool(answer) and all(is_blank(v) for v in answer.values())
    if isinstance(answer, (list, tuple, set, frozenset)):
        return bool(answer) and all(is_blank(v) for v in answer)
    return False


def record_results_to(path: str | Path) -> None:
    """Make every later :func:`check` in this process append its result to ``path`` (JSON lines; used by grading)."""
    _RECORD_TO[:] = [Path(path)]


def check(qid: str, answer: Any = ..., *earlier: Any) -> CheckResult:
    """Check an answer; print and return a :class:`CheckResult`. Never reveals the expected answer.

    >>> r = check("ex1.q1", ["great"] * 8)
    ex1.q1: not yet: label 'great' (item 1 of predictions) is not one of negative, neutral, positive.
    >>> r.passed
    False
    """
    q = QUESTIONS.get(qid)
    if q is None:
        known = ", ".join(QUESTIONS)
        result = CheckResult(str(qid), False, f"{qid}: not yet: there is no question {qid!r}; the questions are {known}.")
    elif is_blank(answer):
        result = CheckResult(qid, False, f"{qid}: not yet: no answer yet (replace the ... with your answer).")
    elif len(earlier) != len(q.needs):
        result = CheckResult(qid, False, f"{qid}: not yet: this check needs {len(q.needs) + 1} value(s): {q.usage}.")
    elif any(is_blank(e) for e in earlier):
        names = [n for n, e in zip(q.needs, earlier) if is_blank(e)]
        result = CheckResult(qid, False, f"{qid}: not yet: no answer yet for {', '.join(names)}, "
                                         f"which this check uses: {q.usage}.")
    else:
        try:
            problem = q.func(answer, *earlier)
        except _NotYet as err:
            problem = str(err)
        except Exception as err:  # a malformed answer: say what it was, not the traceback
            problem = f"the answer could not be read ({type(err).__name__}: {err}); it should be {q.what}"
        if problem:
            result = CheckResult(qid, False, f"{qid}: not yet: {problem.rstrip('.')}.")
        else:
            result = CheckResult(qid, True, f"{qid}: right.")
    _RESULTS.append(result)
    print(result.message)
    for path in _RECORD_TO:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"question": result.question, "passed": result.passed,
                                 "message": result.message}) + "\n")
    return result


def progress(exercise: str) -> None:
    """Print which questions of ``exercise`` are right, not yet, or not checked in this session.

    >>> progress("ex99")
    ex99: no questions.
    """
    status: dict[str, bool | None] = {q: None for q in questions_for(exercise)}
    for r in _RESULTS:
        if r.question in status:
            status[r.question] = r.passed
    if not status:
        print(f"{exercise}: no questions.")
        return
    right = [q for q, s in status.items() if s]
    not_yet = [q for q, s in status.items() if s is False]
    unchecked = [q for q, s in status.items() if s is None]
    parts = [f"{exercise}: {len(right)} of {len(status)} right"]
    if not_yet:
        parts.append("not yet: " + ", ".join(not_yet))
    if unchecked:
        parts.append("not checked: " + ", ".join(unchecked))
    print("; ".join(parts) + ".")


class _NotYet(Exception):
    """Raised inside a check function to stop with a message."""


# --------------------------------------------------------------------------- helpers for check functions
def _norm_label(x: Any) -> str:
    return str(x).strip().lower()


def _is_real(x: Any) -> bool:
    """True for a real number of any kind: int, float, numpy int/float scalars (never a bool)."""
    return isinstance(x, numbers.Real) and not isinstance(x, bool) and type(x).__name__ != "bool_"


def _whole(x: Any, name: str) -> int:
    """``x`` as an int: any integer (numpy too) or a float without a fractional part; else a message.

    >>> _whole(2.0, "para")
    2
    >>> _whole(2.7, "para")
    Traceback (most recent call last):
    ...
    analysis.teach.exercises._NotYet: para should be a whole number, not 2.7
    """
    if not _is_real(x) or not math.isfinite(float(x)) or not float(x).is_integer():
        raise _NotYet(f"{name} should be a whole number, not {x!r}")
    return int(x)


def _as_list(answer: Any, message: str) -> list:
    """Any one-dimensional, non-string collection (list, tuple, set, numpy array, pandas Series) as a list."""
    if isinstance(answer, (str, bytes, dict)) or hasattr(answer, "columns") or getattr(answer, "ndim", 1) != 1:
        raise _NotYet(message)
    try:
        return list(answer)
    except TypeError:
        raise _NotYet(message) from None


def _number(x: Any, name: str) -> float:
    if isinstance(x, bool) or type(x).__name__ == "bool_" or x is None or x is Ellipsis:
        raise _NotYet(f"{name} should be a number")
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise _NotYet(f"{name} should be a number, not {type(x).__name__}") from None
    if math.isnan(v):
        raise _NotYet(f"{name} is NaN; compute it from the data")
    return v


def _close(a: float, b: float, tol: float) -> bool:
    if math.isnan(b):
        return math.isnan(a)
    return abs(a - b) <= tol


def _dict(answer: Any, keys: tuple[str, ...], what: str) -> dict:
    if not isinstance(answer, dict):
        raise _NotYet(f"{what} should be a dict with the keys {', '.join(map(repr, keys))}")
    missing = [k for k in keys if k not in answer]
    if missing:
        raise _NotYet(f"{what} has no key {missing[0]!r}; it needs {', '.join(map(repr, keys))}")
    blank = [k for k in keys if is_blank(answer[k])]
    if blank:
        raise _NotYet(f"no answer yet for {blank[0]!r}")
    return answer


def _strings(answer: Any, what: str) -> list[str]:
    items = _as_list(answer, f"{what} should be a list (it may be empty), not {type(answer).__name__}")
    if any(not isinstance(x, str) for x in items):
        raise _NotYet(f"{what} should hold strings only")
    return items


def _short(text: str, n: int = 45) -> str:
    return repr(text if len(text) <= n else text[: n - 1] + "…")


def _words(text: Any) -> int:
    return len(re.findall(r"\w+", str(text)))


def _norm_space(text: str) -> str:
    return " ".join(ascii_quotes(str(text)).split()).lower()


def _labels_list(labels: Any, n: int, what: str = "my_labels") -> list[str]:
    """A list of ``n`` labels (a list, tuple, numpy array or pandas Series), normalised; else a message."""
    if isinstance(labels, (set, frozenset)):
        raise _NotYet(f"{what} should be a list of {n} labels in order; a set has no order")
    labels = _as_list(labels, f"{what} should be a list of {n} labels, one per item, in order")
    if len(labels) != n:
        raise _NotYet(f"{what} has {len(labels)} labels; give one per item ({n})")
    blank = [i for i, x in enumerate(labels, 1) if is_blank(x)]
    if blank:
        raise _NotYet(f"item {blank[0]} of {what} has no label yet ({len(blank)} still blank)")
    bad = [(i, x) for i, x in enumerate(labels, 1) if _norm_label(x) not in SENTIMENTS]
    if bad:
        raise _NotYet(f"label {bad[0][1]!r} (item {bad[0][0]} of {what}) is not one of {', '.join(SENTIMENTS)}")
    return [_norm_label(x) for x in labels]


def _inside_repository(path: Path) -> bool:
    try:
        Path(path).resolve().relative_to(ROOT.resolve())
        return True
    except ValueError:
        return False


# --------------------------------------------------------------------------- cached corpus computations
@lru_cache(maxsize=1)
def _bundled_corpus():
    from analysis import load_corpus

    return load_corpus()


@lru_cache(maxsize=1)
def _bundled_sentence_scores():
    """The bundled corpus's sentences, scored (no attribution): for exercises 2 and 6."""
    from analysis import score_sentences

    return score_sentences(_bundled_corpus().sentences)


@lru_cache(maxsize=1)
def _bundled_attributed():
    from analysis import attribute_sentences

    return attribute_sentences(_bundled_corpus())


@lru_cache(maxsize=1)
def _bundled():
    """(bundled corpus, its sentences attributed and scored), computed once per process."""
    from analysis import score_sentences

    return _bundled_corpus(), score_sentences(_bundled_attributed())


def _fingerprint(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        h.update(str(f.relative_to(folder)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=4)
def _corpus_copy(folder: str, fingerprint: str):
    from analysis import load_corpus

    return load_corpus(folder)


@lru_cache(maxsize=4)
def _attributed_copy(folder: str, fingerprint: str):
    from analysis import attribute_sentences

    return attribute_sentences(_corpus_copy(folder, fingerprint))


@lru_cache(maxsize=4)
def _scored_copy(folder: str, fingerprint: str):
    from analysis import score_sentences

    return score_sentences(_attributed_copy(folder, fingerprint))


# =========================================================================== exercise 1
#: Exercise 1: diplomatic phrases written for the exercise (not quotations from the corpus).
PHRASES = (
    "The two sides held frank and candid talks.",
    "It is clear who is responsible for the deterioration of relations.",
    "The meeting was constructive and substantive.",
    "Both sides agreed to stabilize the relationship and keep lines of communication open.",
    "Washington must stop its containment and suppression of China.",
    "The relationship is at a critical juncture.",
    "The Chinese side made clear its red line on Taiwan.",
    "The two countries remain at odds over trade.",
)


def _vader_labels(kind: str) -> list[str]:
    from analysis.measure.sentiment import diplomatic_scores, label, stock_scores

    score = stock_scores if kind == "stock" else diplomatic_scores
    return [label(score(p)["compound"]) for p in PHRASES]


def _numbers(answer: Any, what: str, n: int) -> list[int]:
    """A list of 1-based item numbers (may be empty): any collection of whole numbers, numpy ones too.

    >>> import numpy as np
    >>> _numbers(np.array([3, 1]), "misses", 8), _numbers([np.int64(2), 4.0], "misses", 8)
    ([3, 1], [2, 4])
    """
    items = _as_list(answer, f"{what} should be a list of numbers from 1 to {n} (it may be empty)")
    out = []
    for x in items:
        if not _is_real(x) or not math.isfinite(float(x)) or not float(x).is_integer():
            raise _NotYet(f"{what} should hold whole numbers from 1 to {n}, not {x!r}")
        if not 1 <= x <= n:
            raise _NotYet(f"{x} is not a number from 1 to {n}")
        out.append(int(x))
    return out


def _set_problem(given: list[int], expected: set[int], noun: str, same: str, differ: str) -> str | None:
    extra = sorted(set(given) - expected)
    if extra:
        return f"on {noun} {extra[0]} {same}"
    lacking = expected - set(given)
    if lacking:
        return f"{len(lacking)} {noun}(s) where {differ} are missing"
    return None


@question("ex1.q1", "a list of 8 labels (negative, neutral, positive), one per phrase, in order")
def _ex1_q1(predictions):
    _labels_list(predictions, len(PHRASES), "predictions")


def _compare_labels(answer, kind: str, how: str) -> str | None:
    given = _labels_list(answer, len(PHRASES), f"{kind}_labels")
    wrong = [i for i, (a, b) in enumerate(zip(given, _vader_labels(kind)), 1) if a != b]
    if wrong:
        return (f"{len(wrong)} of {len(PHRASES)} labels are not {how}'s, e.g. phrase {wrong[0]}; "
                f"score it again and apply label() to its compound")
    return None


@question("ex1.q2", "a list of stock VADER's labels, one per phrase, in order")
def _ex1_q2(stock_labels):
    return _compare_labels(stock_labels, "stock", "stock VADER")


@question("ex1.q3", "a list of diplomacy-aware VADER's labels, one per phrase, in order")
def _ex1_q3(diplomatic_labels):
    return _compare_labels(diplomatic_labels, "diplomatic", "diplomacy-aware VADER")


@question("ex1.q4", "a list of the phrase numbers where stock VADER's label differs from your prediction",
          needs=("predictions",))
def _ex1_q4(misses, predictions):
    pred = _labels_list(predictions, len(PHRASES), "predictions")
    given = _numbers(misses, "misses", len(PHRASES))
    expected = {i for i, (a, b) in enumerate(zip(pred, _vader_labels("stock")), 1) if a != b}
    return _set_problem(given, expected, "phrase", "stock VADER's label is the one you predicted: not a miss",
                        "your prediction and stock VADER's label differ")


@question("ex1.q5", "a dict: phrase number -> the overlay term that changed its label")
def _ex1_q5(culprits):
    from analysis.measure.sentiment import overlay_matches

    if not isinstance(culprits, dict):
        return "culprits should be a dict: phrase number -> word or phrase"
    given = _numbers(list(culprits), "the keys of culprits", len(PHRASES))
    stock, dipl = _vader_labels("stock"), _vader_labels("diplomatic")
    expected = {i for i, (a, b) in enumerate(zip(stock, dipl), 1) if a != b}
    problem = _set_problem(given, expected, "phrase", "the two scores give the same label; leave it out",
                           "the stock and diplomatic labels differ (compare your q2 and q3)")
    if problem:
        return problem
    for i in sorted(expected):
        given_term = culprits[i]
        if is_blank(given_term):
            return f"no term given yet for phrase {i}"
        # One term, or several when the student cannot choose: every one must be an overlay term of the phrase.
        terms = [given_term] if isinstance(given_term, str) else given_term
        if not isinstance(terms, (list, tuple)) or not terms or not all(isinstance(t, str) for t in terms):
            return (f"for phrase {i}, give the term as a string (or a list of strings), "
                    f"not {type(given_term).__name__}")
        found = overlay_matches(PHRASES[i - 1])
        allowed = {_norm_space(m.text) for m in found} | {_norm_space(m.entry) for m in found}
        for word in terms:
            if is_blank(word):
                return f"no term given yet for phrase {i}"
            if _norm_space(word) not in allowed:
                return (f"for phrase {i}, {word!r} is not a term the diplomatic overlay matched in it; "
                        "run explain() on it and read 'diplomatic overlay terms'")
    return None


# =========================================================================== exercise 2
def labelling_sentences(corpus=None, n: int = 10):
    """Exercise 2's sentences: ``n`` corpus sentences (8-40 words), half where stock and
    diplomacy-aware VADER disagree on the label and half where they agree, evenly
    spread in corpus order. Deterministic; works on any corpus in the documented format.

    Columns: ``item`` (1..n), ``doc_id, para, sent, text``, ``label`` (stock VADER)
    and ``label_diplomatic``.

    >>> labelling_sentences()["item"].tolist() == list(range(1, 11))
    True
    """
    from analysis import load_corpus, score_sentences

    if corpus is None:
        scored = _bundled_sentence_scores()
    else:
        scored = score_sentences(corpus.sentences if hasattr(corpus, "sentences") else load_corpus(corpus).sentences)
    pool = scored[(scored["n_words"] >= 8) & (scored["n_words"] <= 40)].reset_index(drop=True)
    differ = pool[pool["label"] != pool["label_diplomatic"]]
    agree = pool[pool["label"] == pool["label_diplomatic"]]
    k_differ = min(len(differ), n // 2)
    k_agree = min(len(agree), n - k_differ)
    k_differ = min(len(differ), n - k_agree)

    def spread(frame, k):
        if k <= 0:
            return []
        if k == 1:
            return [frame.index[0]]
        return [frame.index[round(i * (len(frame) - 1) / (k - 1))] for i in range(k)]

    picked = sorted(spread(differ, k_differ) + spread(agree, k_agree))
    out = pool.loc[picked, ["doc_id", "para", "sent", "text", "label", "label_diplomatic"]].reset_index(drop=True)
    out.insert(0, "item", range(1, len(out) + 1))
    return out


@lru_cache(maxsize=1)
def _labelling_items():
    return labelling_sentences()


@question("ex2.q1", "a list of 10 labels (negative, neutral, positive), one per sentence, in item order")
def _ex2_q1(my_labels):
    _labels_list(my_labels, len(_labelling_items()))


@question("ex2.q2", "a dict {'stock': {'accuracy': ..., 'kappa': ...}, 'diplomatic': {...}}", needs=("my_labels",))
def _ex2_q2(agreement, my_labels):
    from analysis.measure.evaluate import cohen_kappa

    items = _labelling_items()
    mine = _labels_list(my_labels, len(items))
    _dict(agreement, ("stock", "diplomatic"), "agreement")
    for kind, col in (("stock", "label"), ("diplomatic", "label_diplomatic")):
        part = _dict(agreement[kind], ("accuracy", "kappa"), f"agreement[{kind!r}]")
        vader = items[col].tolist()
        acc = _number(part["accuracy"], f"the {kind} accuracy")
        if 1 < acc <= 100:
            return f"give the {kind} accuracy as a share between 0 and 1, not a percentage"
        if not _close(acc, sum(a == b for a, b in zip(mine, vader)) / len(mine), 0.01):
            return (f"the {kind} accuracy does not match your labels: count the sentences where your label "
                    f"equals the {col!r} column, divided by {len(mine)}")
        kappa = _number(part["kappa"], f"the {kind} kappa")
        if not -1 <= kappa <= 1:
            return f"the {kind} kappa should be between -1 and 1"
        if not _close(kappa, cohen_kappa(mine, vader), 0.01):
            return (f"the {kind} kappa does not match your labels: use cohen_kappa(my_labels, "
                    f"sentences[{col!r}]) from analysis.measure.evaluate")
    return None


@question("ex2.q3", "a list of the item numbers where your label differs from diplomacy-aware VADER's",
          needs=("my_labels",))
def _ex2_q3(disagreements, my_labels):
    items = _labelling_items()
    mine = _labels_list(my_labels, len(items))
    given = _numbers(disagreements, "disagreements", len(items))
    expected = {i for i, (a, b) in enumerate(zip(mine, items["label_diplomatic"]), 1) if a != b}
    return _set_problem(given, expected, "item", "your label and the diplomacy-aware label are the same",
                        "your label and the diplomacy-aware label differ")


# =========================================================================== exercise 3
def hedge_counts(texts, hedges) -> list[int]:
    """Hedges (hedge + approximator matches) in each text, with ``hedges`` in place of the bundled hedge list.

    The other stance lexicons are matched together with it, as
    :func:`analysis.stance.find_stance` does, so the longest entry of any list wins.

    >>> from analysis.measure.lexicon import load_lexicon
    >>> hedge_counts(["It may rain in May.", "We must act."], load_lexicon("hedges"))
    [1, 0]
    """
    from analysis.measure.matching import find_spans
    from analysis.measure.stance import HEDGE_CATEGORIES, stance_lexicons

    lexicons = [hedges if lex.name == "hedges" else lex for lex in stance_lexicons()]
    return [sum(m.category in HEDGE_CATEGORIES for m in find_spans(str(t), lexicons)) for t in texts]


def _load_copy(path: Any):
    """Load a student's copied hedge list as it is on disk now.

    ``load_lexicon`` keys its cache on the path, size and modification time, so an edited copy is
    read again anyway; reading it under a name made from its content also covers an edit that keeps
    both (a same-length change within the file system's timestamp resolution).
    """
    from analysis.errors import CorpusError
    from analysis.measure.lexicon import LEXICON_DIR, load_lexicon
    from analysis.measure.stance import HEDGE_CATEGORIES

    if not isinstance(path, (str, Path)):
        raise _NotYet("hedges_copy should be the path of your copied hedges.csv")
    path = Path(path)
    if path.resolve() == (LEXICON_DIR / "hedges.csv").resolve() or _inside_repository(path):
        raise _NotYet("work on a copy outside the repository (copy analysis/lexicons into a temporary folder)")
    if not path.is_file():
        raise _NotYet(f"{path} is not a file; copy the lexicons first")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / f"hedges_{hashlib.sha1(path.read_bytes()).hexdigest()[:12]}.csv"
        shutil.copyfile(path, fresh)
        try:
            lex = load_lexicon(fresh, HEDGE_CATEGORIES)
        except CorpusError as err:
            first = str(err.problems[0]).split(": ", 1)[-1] if err.problems else str(err)
            raise _NotYet(f"your copy does not load: {first}") from None
    return lex


def _entry_problem(new_entry: Any, lex) -> str | None:
    from analysis.measure.lexicon import load_lexicon
    from analysis.measure.stance import HEDGE_CATEGORIES, STANCE_LEXICONS

    entry = _dict(new_entry, ("entry", "category", "kind", "source", "note"), "new_entry")
    bundled = {e.tokens: e for e in load_lexicon("hedges").entries}
    mine = {e.tokens: e for e in lex.entries}
    lost = [e.entry for k, e in bundled.items() if k not in mine or mine[k].category != e.category]
    if lost:
        return f"your copy changed or lost the existing entry {lost[0]!r}; only add a row"
    added = [e for k, e in mine.items() if k not in bundled]
    if not added:
        return "your copy has no new entry; append your row to the copied hedges.csv"
    from analysis.measure.matching import entry_key

    key = entry_key(str(entry["entry"]))
    if key not in mine or key in bundled:
        return f"{entry['entry']!r} is not a new entry of your copy; new_entry should be the row you added"
    if str(entry["category"]) not in HEDGE_CATEGORIES:
        return f"category {entry['category']!r} is not one of {', '.join(HEDGE_CATEGORIES)}"
    for name, cats in STANCE_LEXICONS.items():
        if name != "hedges" and key in load_lexicon(name, cats).by_tokens:
            return f"{entry['entry']!r} is already in {name}.csv; an entry may belong to one list only"
    return None


def _hedge_change(lex):
    corpus, scored = _bundled()
    texts = scored["text"].tolist()
    before = scored["hedges"].tolist()
    after = hedge_counts(texts, lex)
    return scored, before, after


@question("ex3.q1", "the row you added, as a dict with entry, category, kind, source, note", needs=("hedges_copy",))
def _ex3_q1(new_entry, hedges_copy):
    lex = _load_copy(hedges_copy)
    problem = _entry_problem(new_entry, lex)
    if problem:
        return problem
    _, before, after = _hedge_change(lex)
    if before == after:
        return ("your new entry changes no hedge count in the corpus; pick a word or phrase that occurs "
                "(kwic finds it) and is not already inside a longer entry")
    return None


def _sentence_keys(answer: Any, what: str) -> set[tuple[str, int, int]]:
    if hasattr(answer, "columns"):
        if not {"doc_id", "para", "sent"} <= set(answer.columns):
            raise _NotYet(f"{what} as a DataFrame needs the columns doc_id, para, sent")
        rows = answer[["doc_id", "para", "sent"]].itertuples(index=False)
    elif isinstance(answer, (list, tuple, set)):
        rows = answer
    else:
        raise _NotYet(f"{what} should be a list of (doc_id, para, sent) tuples")
    out = set()
    for r in rows:
        if not isinstance(r, (tuple, list)) or len(r) != 3:
            raise _NotYet(f"{what} should hold (doc_id, para, sent) tuples, e.g. ('cnn-stability', 4, 1)")
        out.add((str(r[0]), _whole(r[1], "para"), _whole(r[2], "sent")))
    return out


@question("ex3.q2", "a list of (doc_id, para, sent) of the sentences whose hedge count changes",
          needs=("hedges_copy",))
def _ex3_q2(changed, hedges_copy):
    lex = _load_copy(hedges_copy)
    given = _sentence_keys(changed, "changed")
    scored, before, after = _hedge_change(lex)
    keys = list(zip(scored["doc_id"], scored["para"].astype(int), scored["sent"].astype(int)))
    expected = {k for k, b, a in zip(keys, before, after) if a != b}
    unknown = [k for k in given if k not in set(keys)]
    if unknown:
        return f"{unknown[0]} is not a sentence of the corpus"
    extra = sorted(given - expected)
    if extra:
        return f"the hedge count of {extra[0]} does not change with your copy"
    if expected - given:
        return f"{len(expected - given)} sentence(s) whose hedge count changes are missing"
    return None


@question("ex3.q3", "a dict {'before': ..., 'after': ...}: US hedges per 100 words in US statements",
          needs=("hedges_copy",))
def _ex3_q3(us_rate, hedges_copy):
    from analysis.compare.sides import select_statements

    lex = _load_copy(hedges_copy)
    _dict(us_rate, ("before", "after"), "us_rate")
    scored, before, after = _hedge_change(lex)
    scored = scored.assign(hedges_after=after)
    us = select_statements(scored)
    us = us[us["side"] == "us"]
    words = us["n_words"].sum()
    for key, col in (("before", "hedges"), ("after", "hedges_after")):
        value = _number(us_rate[key], f"us_rate[{key!r}]")
        if not _close(value, 100 * us[col].sum() / words, 0.01):
            return (f"us_rate[{key!r}] is not the US statements' hedges per 100 words "
                    f"(all their hedges ÷ all their words × 100, statements from select_statements)")
    return None


# =========================================================================== exercise 4
@lru_cache(maxsize=1)
def _statements_reported():
    from analysis.compare.sides import select_statements

    _, scored = _bundled()
    return select_statements(scored, include_reported=True)


def _meeting_statements(meeting: Any):
    stm = _statements_reported()
    if not isinstance(meeting, str) or meeting not in set(stm["meeting_id"]):
        raise _NotYet(f"{meeting!r} is not a meeting_id with statements in the comparison table")
    return stm[stm["meeting_id"] == meeting]


def _both_sides_quieter(stm) -> dict[str, int]:
    counts = stm.groupby(["meeting_id", "side"]).size().unstack(fill_value=0)
    counts = counts[(counts.get("us", 0) > 0) & (counts.get("china", 0) > 0)]
    return counts[["us", "china"]].min(axis=1).to_dict()


@question("ex4.q1", "a meeting_id: the meeting where both sides speak and the quieter side says the most")
def _ex4_q1(meeting):
    part = _meeting_statements(meeting)
    sides = set(part["side"])
    if not {"us", "china"} <= sides:
        return f"only one side speaks about {meeting!r} (with reported statements included)"
    quieter = _both_sides_quieter(_statements_reported())
    if quieter[meeting] < max(quieter.values()):
        return f"both sides speak about {meeting!r}, but at another meeting the quieter side has more statements"
    return None


def _top_terms_of(meeting: str):
    from analysis.compare.keyness import distinctive_terms

    _, scored = _bundled()
    part = _meeting_statements(meeting)
    return distinctive_terms(part, by="side", groups=("us", "china"), background=scored)


def _check_top_terms(top_terms: Any, meeting: Any) -> str | None:
    problem = _ex4_q1(meeting)
    if problem:
        raise _NotYet(f"get q1 right first ({problem})")
    _dict(top_terms, ("us", "china"), "top_terms")
    table = _top_terms_of(meeting)
    for side in ("us", "china"):
        terms = _strings(top_terms[side], f"top_terms[{side!r}]")
        terms = [t.strip().lower() for t in terms]
        if len(set(terms)) != 5:
            return f"give five different terms for {side!r} (you gave {len(set(terms))})"
        rows = table[table["group"] == side].set_index("term")
        fifth = rows["zscore"].nlargest(5).min()
        for t in terms:
            if t not in rows.index:
                return f"{t!r} is not a term of the {side!r} statements about this meeting"
            if rows.at[t, "zscore"] < fifth - 1e-9:
                return f"{t!r} is not among the five most distinctive {side!r} terms (rank by zscore)"
    return None


@question("ex4.q2", "a dict {'us': [5 terms], 'china': [5 terms]}", needs=("meeting",))
def _ex4_q2(top_terms, meeting):
    return _check_top_terms(top_terms, meeting)


@question("ex4.q3", "a dict {'us': n, 'china': n}: the largest count among each side's five terms",
          needs=("top_terms", "meeting"))
def _ex4_q3(max_count, top_terms, meeting):
    problem = _check_top_terms(top_terms, meeting)
    if problem:
        return f"get q2 right first ({problem})"
    _dict(max_count, ("us", "china"), "max_count")
    table = _top_terms_of(meeting)
    for side in ("us", "china"):
        rows = table[table["group"] == side].set_index("term")
        expected = max(int(rows.at[t.strip().lower(), "count"]) for t in top_terms[side])
        value = _number(max_count[side], f"max_count[{side!r}]")
        if value != expected:
            return f"max_count[{side!r}] is not the largest 'count' among your five {side!r} terms"
    return None


@question("ex4.q4", "a dict {'term': ..., 'sentence': ..., 'comment': ...}", needs=("top_terms", "meeting"))
def _ex4_q4(reading, top_terms, meeting):
    from analysis.compare.kwic import kwic

    problem = _check_top_terms(top_terms, meeting)
    if problem:
        return f"get q2 right first ({problem})"
    _dict(reading, ("term", "sentence", "comment"), "reading")
    term = str(reading["term"]).strip().lower()
    listed = {t.strip().lower() for side in ("us", "china") for t in top_terms[side]}
    if term not in listed:
        return f"{reading['term']!r} is not one of your top terms"
    hits = kwic(_meeting_statements(meeting), term)
    sentence = _norm_space(reading["sentence"])
    texts = [_norm_space(t) for t in hits["text"]]
    if _words(sentence) < 4 or not any(sentence in t or t in sentence for t in texts):
        return (f"the sentence is not (part of) a statement about this meeting that contains {term!r}; "
                "copy it from kwic(...)'s text column")
    if not re.search(rf"(?<!\w){re.escape(_norm_space(term))}(?!\w)", sentence):
        return f"the part of the statement you copied does not contain {term!r}; copy the sentence with the term"
    if _words(reading["comment"]) < 12:
        return "the comment is too short: say in a sentence or two what the term shows (at least 12 words)"
    return None


# =========================================================================== exercise 5
#: The readout for exercise 5: fictional, written for the exercise (not from the corpus or any real readout).
READOUT_FILE = EXERCISE_DATA / "fictional_readout.txt"


def _new_article(corpus_dir: Any):
    """(corpus, scored frame (computed on first use), new doc_id) of a student's corpus copy,
    after checking that it is a valid copy of the bundled corpus plus one article."""
    from analysis.text.corpus import check_corpus

    if not isinstance(corpus_dir, (str, Path)):
        raise _NotYet("corpus_dir should be the path of your corpus copy")
    corpus_dir = Path(corpus_dir)
    if _inside_repository(corpus_dir):
        raise _NotYet("work in a copy outside the repository (shutil.copytree into a temporary folder)")
    if not (corpus_dir / "articles.csv").is_file():
        raise _NotYet(f"{corpus_dir} has no articles.csv; copy the bundled corpus there first")
    problems = check_corpus(corpus_dir)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise _NotYet(f"the copy has {len(errors)} problem(s); the first: {errors[0]}")
    missing_digest = [p for p in problems if "digest" in p.message or "checksum" in p.message]
    if missing_digest:
        raise _NotYet(f"{missing_digest[0]} (record it with write_checksums(corpus_dir))")
    key = (str(corpus_dir.resolve()), _fingerprint(corpus_dir))
    corpus = _corpus_copy(*key)
    bundled = _bundled_corpus()
    docs, old = corpus.documents.set_index("doc_id"), bundled.documents.set_index("doc_id")
    gone = [d for d in old.index if d not in docs.index]
    if gone:
        raise _NotYet(f"the bundled article {gone[0]!r} is missing from the copy; only add, never remove")
    changed = [d for d in old.index if docs.at[d, "sha256"] != old.at[d, "sha256"]]
    if changed:
        raise _NotYet(f"the raw file of {changed[0]!r} was changed; raw files are never edited")
    new = [d for d in docs.index if d not in old.index]
    if len(new) != 1:
        raise _NotYet(f"the copy should have exactly one new article; it has {len(new)}")
    before = _bundled_attributed()
    after = _attributed_copy(*key)
    keys = ["doc_id", "para", "sent"]
    both = after.merge(before, on=keys, suffixes=("", "_bundled"))
    moved = both[both["meeting_id"] != both["meeting_id_bundled"]]
    if len(moved):
        first = moved.iloc[0]
        raise _NotYet(f"adding the article changed the meeting of {len(moved)} sentence(s) of the bundled "
                      f"articles, e.g. ({first['doc_id']!r}, {first['para']}, {first['sent']}), now "
                      f"{first['meeting_id']!r} ({first['meeting_evidence']}): the attribution matched your "
                      "meetings.csv row in them; give the new meeting participants that those sentences "
                      "do not name")
    return corpus, (lambda: _scored_copy(*key)), new[0]


@question("ex5.q1", "the doc_id of the article you added", needs=("corpus_dir",))
def _ex5_q1(new_doc_id, corpus_dir):
    corpus, _, doc = _new_article(corpus_dir)
    if str(new_doc_id) != doc:
        return f"{new_doc_id!r} is not the doc_id of the article you added"
    row = corpus.documents.set_index("doc_id").loc[doc]
    if row["voice"] not in ("us", "china"):
        return f"an official readout speaks in its government's voice: voice should be us or china, not {row['voice']!r}"
    if not row["meeting_id"]:
        return "a readout is about one meeting: give its meeting_id (and add the meeting to meetings.csv)"
    label = f"{row['title']} {row['notes']}".lower()
    if "exercise" not in label:
        return "say in the title or notes that the text was written for the exercise (it is not a real readout)"
    old = {_norm_space(t) for t in _bundled_corpus().sentences["text"] if _words(t) >= 8}
    copied = [t for t in corpus.sentences[corpus.sentences["doc_id"] == doc]["text"] if _norm_space(t) in old]
    if copied:
        return f"the new article repeats a sentence of the bundled corpus ({_short(copied[0])}); add a new text"
    return None


@question("ex5.q2", "a dict {'us': n, 'china': n}: statements the new article adds, per side", needs=("corpus_dir",))
def _ex5_q2(new_statements, corpus_dir):
    from analysis.compare.sides import select_statements

    _, scored, doc = _new_article(corpus_dir)
    _dict(new_statements, ("us", "china"), "new_statements")
    stm = select_statements(scored())
    stm = stm[stm["doc_id"] == doc]
    for side in ("us", "china"):
        value = _number(new_statements[side], f"new_statements[{side!r}]")
        if value != (stm["side"] == side).sum():
            return (f"new_statements[{side!r}] is not the number of {side!r} statements from the new article "
                    "(select_statements on the new scored frame, rows of its doc_id)")
    return None


@question("ex5.q3", "a dict {'us': ..., 'china': ...}: change of the pooled compound_diplomatic, new minus bundled",
          needs=("corpus_dir",))
def _ex5_q3(pooled_change, corpus_dir):
    from analysis.compare.sides import compare_sides

    _, scored, _doc = _new_article(corpus_dir)
    _dict(pooled_change, ("us", "china"), "pooled_change")
    _, bundled_scored = _bundled()
    new = compare_sides(scored(), by=None, n_terms=0, n_boot=1).set_index("side")["compound_diplomatic"]
    old = compare_sides(bundled_scored, by=None, n_terms=0, n_boot=1).set_index("side")["compound_diplomatic"]
    for side in ("us", "china"):
        value = _number(pooled_change[side], f"pooled_change[{side!r}]")
        if not _close(value, float(new[side] - old[side]), 0.001):
            return (f"pooled_change[{side!r}] is not the new pooled compound_diplomatic minus the bundled one "
                    "(compare_sides(..., by=None) on both corpora)")
    return None


# =========================================================================== exercise 6
@lru_cache(maxsize=1)
def _paragraphs():
    from analysis.measure.scoring import score_paragraphs

    sentences = _bundled_sentence_scores()
    paragraphs = score_paragraphs(_bundled_corpus().paragraphs, sentences)
    paragraphs["gap"] = (paragraphs["compound_whole"] - paragraphs["compound"]).abs()
    return sentences, paragraphs


def _paragraph_key(answer: Any) -> tuple[str, int]:
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        raise _NotYet("paragraph should be a (doc_id, para) tuple")
    if not isinstance(answer[0], str):
        raise _NotYet(f"the doc_id in paragraph should be a string, not {answer[0]!r}")
    return answer[0], _whole(answer[1], "the para number in paragraph")


@question("ex6.q1", "a (doc_id, para) tuple: the paragraph with the largest gap between whole and sentence-mean compound")
def _ex6_q1(paragraph):
    doc, para = _paragraph_key(paragraph)
    _, p = _paragraphs()
    row = p[(p["doc_id"] == doc) & (p["para"] == para)]
    if row.empty:
        return f"({doc!r}, {para}) is not a paragraph of the corpus"
    if row["gap"].iloc[0] < p["gap"].max() - 1e-9:
        return "another paragraph has a larger gap between compound_whole and compound (the sentence mean)"
    return None


@question("ex6.q2", "a list of the stock compound of each sentence of that paragraph, in order", needs=("paragraph",))
def _ex6_q2(sentence_scores, paragraph):
    problem = _ex6_q1(paragraph)
    if problem:
        return f"get q1 right first ({problem})"
    doc, para = _paragraph_key(paragraph)
    s, _ = _paragraphs()
    expected = s[(s["doc_id"] == doc) & (s["para"] == para)].sort_values("sent")["compound"].tolist()
    sentence_scores = _as_list(sentence_scores, "sentence_scores should be a list of numbers, one per sentence")
    if len(sentence_scores) != len(expected):
        return f"the paragraph does not have {len(sentence_scores)} sentences; give one score per sentence"
    for i, (v, e) in enumerate(zip(sentence_scores, expected), 1):
        if not _close(_number(v, f"score {i}"), e, 0.001):
            return f"the score of sentence {i} is not its stock VADER compound"
    return None


@question("ex6.q3", "a share between 0 and 1")
def _ex6_q3(share):
    value = _number(share, "share")
    if not 0 <= value <= 1:
        return "give a share between 0 and 1 (not a percentage)"
    _, p = _paragraphs()
    multi = p[p["n_sentences"] >= 2]
    expected = float((multi["compound_whole"].abs() > multi["compound"].abs()).mean())
    if not _close(value, expected, 0.01):
        return ("that is not the share of paragraphs with two or more sentences where |compound_whole| is "
                "larger than |compound|")
    return None


@question("ex6.q4", "a whole number of paragraphs")
def _ex6_q4(n_label_changes):
    from analysis.measure.sentiment import label

    value = _number(n_label_changes, "n_label_changes")
    _, p = _paragraphs()
    expected = int((p["compound_whole"].map(label) != p["label"]).sum())
    if value != expected:
        return ("that is not the number of paragraphs whose label from compound_whole differs from their "
                "label column (the label of the sentence mean)")
    return None


#: ex6.q5: words naming what VADER does with the valences of a longer text (matched as whole words).
_MECHANISM = re.compile(
    r"\b(?:sum|sums|summed|summing|summation|adds?|added|adding|additive|totals?|"
    r"accumulat\w*|normali[sz]\w*|saturat\w*|squash\w*|sqrt|square\s+root|alpha)\b")
#: ex6.q5: words naming the other score: the mean of the sentence scores.
_AVERAGING = re.compile(
    r"\b(?:mean|averag\w*|each\s+sentence|per\s+sentence|sentence[-\s]level|"
    r"individual\s+sentences|(?:sentence|sentences)\s+(?:scores?|compounds?))\b")
#: ex6.q5: the fewest different words an explanation may use (rejects a word repeated fifteen times).
MIN_DISTINCT_WORDS = 10


@question("ex6.q5", "a few sentences (at least 15 words) on why the two scores differ")
def _ex6_q5(why):
    """A filter, not a grade: enough different words, a mechanism word and an averaging word
    (whole words). Instructors read the explanation itself."""
    if not isinstance(why, str):
        return "why should be a string"
    words = re.findall(r"\w+", why.lower())
    if len(words) < 15:
        return "write at least 15 words"
    if len(set(words)) < MIN_DISTINCT_WORDS:
        return f"write it in your own sentences (at least {MIN_DISTINCT_WORDS} different words)"
    text = " ".join(words)
    if not _MECHANISM.search(text):
        return ("say what VADER does with the word valences of a longer text before it squashes them "
                "into a compound (look at how compound is computed)")
    if not _AVERAGING.search(text):
        return "say also what the other score, the mean of the sentence scores, does differently"
    return None


# =========================================================================== grading
GRADE_COLUMNS = ["notebook", "exercise", "question", "passed", "message", "error"]
_CHECK_CALL = re.compile(r"check\(\s*[\"'](ex\d+)\.q\d+[\"']")


def notebook_exercise(nb, path: str | Path = "") -> str:
    """The exercise a notebook belongs to: its metadata, else its check calls, else its file name's number."""
    meta = nb.metadata.get("framing_lab", {}).get("exercise", "")
    if meta:
        number = _exercise_number(str(meta))
        if number is not None:
            return f"ex{number}"
    found = sorted({m.group(1) for c in nb.cells if c.cell_type == "code" for m in _CHECK_CALL.finditer(c.source)})
    if len(found) == 1:
        return found[0]
    number = _exercise_number(Path(path).name)
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


def grade_notebook(path: str | Path, timeout: int = GRADE_TIMEOUT, name: str | None = None) -> list[dict]:
    """Execute one notebook with recording on and return one row per question (see :data:`GRADE_COLUMNS`).

    The notebook runs in a fresh kernel whose working folder is the notebook's
    own; the file itself is not changed (a copy with the recording cell is run).
    ``name`` is what the ``notebook`` column shows (default: the file name).
    """
    import nbformat
    from nbformat.v4 import new_code_cell

    path = Path(path)
    name = name or path.name
    try:
        nb = read_notebook(path)
    except ValueError as err:
        return [dict(notebook=name, exercise="", question="", passed=False, message="", error=str(err))]
    exercise = notebook_exercise(nb, path)
    error = ""
    with tempfile.TemporaryDirectory(prefix="framing-lab-grade-") as tmp:
        log = Path(tmp) / "results.jsonl"
        cell = new_code_cell(f"import analysis.teach.exercises as _grader\n_grader.record_results_to({str(log)!r})")
        cell.metadata["tags"] = ["grader"]
        nb.cells.insert(0, cell)
        strip_outputs(nb)
        copy = Path(tmp) / path.name
        copy.write_text(nbformat.writes(nb), encoding="utf-8")
        try:
            execute_notebook(copy, timeout=timeout, cwd=path.parent)
        except Exception as err:  # record any failure; one bad notebook never stops the grading
            error = _error_text(err)
        recorded: dict[str, dict] = {}
        if log.is_file():
            for line in log.read_text(encoding="utf-8").splitlines():
                try:
                    r = json.loads(line)
                except json.JSONDecodeError:
                    continue
                recorded[r["question"]] = r  # the last result of a question counts
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


# =========================================================================== command line
def main(argv: list[str] | None = None) -> int:
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
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            written = build()
            for path in written:
                print(f"wrote {path}", file=sys.stderr)
            print(f"{len(written)} student notebook(s) written; the others were up to date", file=sys.stderr)
            for problem in verify():
                print(f"warning: {problem}", file=sys.stderr)
            return 0
        if args.command == "verify":
            problems = verify()
            for problem in problems:
                print(problem, file=sys.stderr)
            if not problems:
                print("student notebooks are up to date", file=sys.stderr)
            return 1 if problems else 0
        from analysis.output import write_table

        table = grade_folder(args.folder, args.timeout, args.jobs, progress_to=sys.stderr)
        write_table(table, args.out)
        n_nb = table["notebook"].nunique()
        print(f"graded {n_nb} notebook(s): {int(table['passed'].sum())} of {len(table)} checks right",
              file=sys.stderr)
        return 0 if n_nb else 1
    except (ExerciseFormatError, ValueError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
