"""The question registry, :func:`check`, :func:`progress`, and the helpers that read answers.

A question is registered with :func:`question` around a check function
``f(answer, *earlier) -> None`` (right) or a message saying what is wrong and
where to look, never the expected value. A check function may also raise
:class:`_NotYet` with such a message from inside a helper. :func:`check` never
calls the function for a blank answer.

The helpers whose names start with ``_`` read one kind of answer (a number, a
whole number, a list, a dict, labels, item numbers) and raise :class:`_NotYet`
when the answer has the wrong shape; they are shared by the exercise modules.
"""
from __future__ import annotations

import json
import math
import numbers
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from analysis.text.tokens import ascii_quotes

SENTIMENTS = ("negative", "neutral", "positive")
#: Tolerance for rates, shares and agreement figures: two decimals show the student computed the right thing.
RATE_TOLERANCE = 0.01
#: Tolerance for VADER compounds and changes of them: VADER rounds compound to 4 decimals, 3 must agree.
SCORE_TOLERANCE = 0.001
#: Slack when comparing a float with the largest (or fifth largest) value: only rounding noise.
TIE_EPSILON = 1e-9


# =========================================================================== results and the registry
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


class _NotYet(Exception):
    """Raised inside a check function to stop with a message."""


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


def _problem(q: Question, answer: Any, earlier: tuple) -> str | None:
    """What is wrong with a complete answer (None when right), from the question's check function."""
    try:
        return q.func(answer, *earlier)
    except _NotYet as err:
        return str(err)
    except Exception as err:  # a malformed answer: say what it was, not the traceback
        return f"the answer could not be read ({type(err).__name__}: {err}); it should be {q.what}"


def _result(qid: str, answer: Any, earlier: tuple) -> CheckResult:
    q = QUESTIONS.get(qid)
    if q is None:
        known = ", ".join(QUESTIONS)
        return CheckResult(str(qid), False, f"{qid}: not yet: there is no question {qid!r}; the questions are {known}.")
    if is_blank(answer):
        return CheckResult(qid, False, f"{qid}: not yet: no answer yet (replace the ... with your answer).")
    if len(earlier) != len(q.needs):
        return CheckResult(qid, False, f"{qid}: not yet: this check needs {len(q.needs) + 1} value(s): {q.usage}.")
    if any(is_blank(e) for e in earlier):
        names = [n for n, e in zip(q.needs, earlier) if is_blank(e)]
        return CheckResult(qid, False, f"{qid}: not yet: no answer yet for {', '.join(names)}, "
                                       f"which this check uses: {q.usage}.")
    problem = _problem(q, answer, earlier)
    if problem:
        return CheckResult(qid, False, f"{qid}: not yet: {problem.rstrip('.')}.")
    return CheckResult(qid, True, f"{qid}: right.")


def check(qid: str, answer: Any = ..., *earlier: Any) -> CheckResult:
    """Check an answer; print and return a :class:`CheckResult`. Never reveals the expected answer.

    >>> r = check("ex1.q1", ["great"] * 8)
    ex1.q1: not yet: label 'great' (item 1 of predictions) is not one of negative, neutral, positive.
    >>> r.passed
    False
    """
    result = _result(qid, answer, earlier)
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


# =========================================================================== reading answers
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
    analysis.teach.exercises.checks._NotYet: para should be a whole number, not 2.7
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
    """The first number given but not expected, else how many expected ones are missing (None: the same set)."""
    extra = sorted(set(given) - expected)
    if extra:
        return f"on {noun} {extra[0]} {same}"
    lacking = expected - set(given)
    if lacking:
        return f"{len(lacking)} {noun}(s) where {differ} are missing"
    return None
