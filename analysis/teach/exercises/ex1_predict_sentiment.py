"""Exercise 1, ``01_predict_sentiment``: predict the label of eight diplomatic phrases, then run VADER.

Questions: q1 the predictions; q2 and q3 stock and diplomacy-aware VADER's
labels; q4 the phrases where stock VADER differs from the prediction; q5 for
each phrase whose two labels differ, the overlay term behind the difference.
"""
from __future__ import annotations

from typing import Any

from analysis.teach.exercises.checks import (_labels_list, _norm_space, _numbers, _set_problem, is_blank,
                                             question)

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
    """The label of every phrase by ``"stock"`` or ``"diplomatic"`` VADER, in order."""
    from analysis.measure.sentiment import diplomatic_scores, label, stock_scores

    score = stock_scores if kind == "stock" else diplomatic_scores
    return [label(score(p)["compound"]) for p in PHRASES]


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


def _term_problem(i: int, given_term: Any) -> str | None:
    """What is wrong with the term(s) given for phrase ``i``: one term, or several when the student
    cannot choose, every one an overlay term matched in the phrase."""
    from analysis.measure.sentiment import overlay_matches

    if is_blank(given_term):
        return f"no term given yet for phrase {i}"
    terms = [given_term] if isinstance(given_term, str) else given_term
    if not isinstance(terms, (list, tuple)) or not terms or not all(isinstance(t, str) for t in terms):
        return f"for phrase {i}, give the term as a string (or a list of strings), not {type(given_term).__name__}"
    found = overlay_matches(PHRASES[i - 1])
    allowed = {_norm_space(m.text) for m in found} | {_norm_space(m.entry) for m in found}
    for word in terms:
        if is_blank(word):
            return f"no term given yet for phrase {i}"
        if _norm_space(word) not in allowed:
            return (f"for phrase {i}, {word!r} is not a term the diplomatic overlay matched in it; "
                    "run explain() on it and read 'diplomatic overlay terms'")
    return None


@question("ex1.q5", "a dict: phrase number -> the overlay term that changed its label")
def _ex1_q5(culprits):
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
        problem = _term_problem(i, culprits[i])
        if problem:
            return problem
    return None
