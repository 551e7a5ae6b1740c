"""Exercise 4, ``04_distinctive_terms_meeting``: the distinctive terms of each side at one meeting.

Statements here include reported ones (``select_statements(..., include_reported=True)``).
Questions: q1 the meeting where both sides speak and the quieter side says the
most; q2 each side's five most distinctive terms (by zscore; ties at fifth place
all accepted); q3 the largest count among each side's five; q4 one term read in
context, with a comment.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from analysis.teach.exercises.checks import (TIE_EPSILON, _NotYet, _dict, _norm_space, _number, _strings,
                                             _words, question)
from analysis.teach.exercises.data import bundled_analysis

SIDES = ("us", "china")
#: Terms per side in q2 (the notebook's table shows five).
N_TOP = 5
#: Fewest words of a copied sentence: fewer could be matched anywhere and need not show the term in use.
MIN_SENTENCE_WORDS = 4
#: Fewest words of the q4 comment: a sentence or two saying what the term shows.
MIN_COMMENT_WORDS = 12


@lru_cache(maxsize=1)
def _statements_reported():
    from analysis import select_statements

    return select_statements(bundled_analysis().sentences, include_reported=True)


def _meeting_statements(meeting: Any):
    stm = _statements_reported()
    if not isinstance(meeting, str) or meeting not in set(stm["meeting_id"]):
        raise _NotYet(f"{meeting!r} is not a meeting_id with statements in the comparison table")
    return stm[stm["meeting_id"] == meeting]


def _both_sides_quieter(stm) -> dict[str, int]:
    """meeting_id -> statements of its quieter side, for the meetings where both sides speak
    (statements attributed to no meeting are not a meeting)."""
    stm = stm[stm["meeting_id"].fillna("").astype(str).str.strip() != ""]
    counts = stm.groupby(["meeting_id", "side"]).size().unstack(fill_value=0)
    counts = counts[(counts.get("us", 0) > 0) & (counts.get("china", 0) > 0)]
    return counts[list(SIDES)].min(axis=1).to_dict()


@question("ex4.q1", "a meeting_id: the meeting where both sides speak and the quieter side says the most")
def _ex4_q1(meeting):
    part = _meeting_statements(meeting)
    if not set(SIDES) <= set(part["side"]):
        return f"only one side speaks about {meeting!r} (with reported statements included)"
    quieter = _both_sides_quieter(_statements_reported())
    if quieter[meeting] < max(quieter.values()):
        return f"both sides speak about {meeting!r}, but at another meeting the quieter side has more statements"
    return None


def _top_terms_of(meeting: str):
    """distinctive_terms of the meeting's statements by side, against the whole corpus."""
    from analysis import distinctive_terms

    part = _meeting_statements(meeting)
    return distinctive_terms(part, by="side", groups=SIDES, background=bundled_analysis().sentences)


def _check_top_terms(top_terms: Any, meeting: Any) -> str | None:
    problem = _ex4_q1(meeting)
    if problem:
        raise _NotYet(f"get q1 right first ({problem})")
    _dict(top_terms, SIDES, "top_terms")
    table = _top_terms_of(meeting)
    for side in SIDES:
        terms = [t.strip().lower() for t in _strings(top_terms[side], f"top_terms[{side!r}]")]
        if len(set(terms)) != N_TOP:
            return f"give {N_TOP} different terms for {side!r} (you gave {len(set(terms))})"
        rows = table[table["group"] == side].set_index("term")
        fifth = rows["zscore"].nlargest(N_TOP).min()
        for t in terms:
            if t not in rows.index:
                return f"{t!r} is not a term of the {side!r} statements about this meeting"
            if rows.at[t, "zscore"] < fifth - TIE_EPSILON:
                return f"{t!r} is not among the {N_TOP} most distinctive {side!r} terms (rank by zscore)"
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
    _dict(max_count, SIDES, "max_count")
    table = _top_terms_of(meeting)
    for side in SIDES:
        rows = table[table["group"] == side].set_index("term")
        expected = max(int(rows.at[t.strip().lower(), "count"]) for t in top_terms[side])
        value = _number(max_count[side], f"max_count[{side!r}]")
        if value != expected:
            return f"max_count[{side!r}] is not the largest 'count' among your five {side!r} terms"
    return None


@question("ex4.q4", "a dict {'term': ..., 'sentence': ..., 'comment': ...}", needs=("top_terms", "meeting"))
def _ex4_q4(reading, top_terms, meeting):
    from analysis import kwic

    problem = _check_top_terms(top_terms, meeting)
    if problem:
        return f"get q2 right first ({problem})"
    _dict(reading, ("term", "sentence", "comment"), "reading")
    term = str(reading["term"]).strip().lower()
    if term not in {t.strip().lower() for side in SIDES for t in top_terms[side]}:
        return f"{reading['term']!r} is not one of your top terms"
    sentence = _norm_space(reading["sentence"])
    texts = [_norm_space(t) for t in kwic(_meeting_statements(meeting), term)["text"]]
    if _words(sentence) < MIN_SENTENCE_WORDS or not any(sentence in t or t in sentence for t in texts):
        return (f"the sentence is not (part of) a statement about this meeting that contains {term!r}; "
                "copy it from kwic(...)'s text column")
    if not re.search(rf"(?<!\w){re.escape(_norm_space(term))}(?!\w)", sentence):
        return f"the part of the statement you copied does not contain {term!r}; copy the sentence with the term"
    if _words(reading["comment"]) < MIN_COMMENT_WORDS:
        return (f"the comment is too short: say in a sentence or two what the term shows "
                f"(at least {MIN_COMMENT_WORDS} words)")
    return None
