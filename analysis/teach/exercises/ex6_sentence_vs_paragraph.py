"""Exercise 6, ``06_sentence_vs_paragraph``: the mean of the sentence scores against VADER on a whole paragraph.

Questions: q1 the paragraph with the largest gap between ``compound_whole`` and
``compound`` (the sentence mean); q2 the stock compound of each of its
sentences; q3 the share of multi-sentence paragraphs where the whole-paragraph
score is the stronger; q4 the paragraphs whose label changes; q5 why (a
filter for the explanation, not a grade).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from analysis.teach.exercises.checks import (RATE_TOLERANCE, SCORE_TOLERANCE, TIE_EPSILON, _NotYet, _as_list,
                                             _close, _number, _whole, question)
from analysis.teach.exercises.data import bundled_analysis

#: q3 counts only paragraphs with at least this many sentences: with one, the two scores are the same text.
MIN_SENTENCES = 2
#: ex6.q5: the fewest words of an explanation (a few sentences).
MIN_WORDS = 15
#: ex6.q5: the fewest different words an explanation may use (rejects a word repeated fifteen times).
MIN_DISTINCT_WORDS = 10
#: ex6.q5: words naming what VADER does with the valences of a longer text (matched as whole words).
_MECHANISM = re.compile(
    r"\b(?:sum|sums|summed|summing|summation|adds?|added|adding|additive|totals?|"
    r"accumulat\w*|normali[sz]\w*|saturat\w*|squash\w*|sqrt|square\s+root|alpha)\b")
#: ex6.q5: words naming the other score: the mean of the sentence scores.
_AVERAGING = re.compile(
    r"\b(?:mean|averag\w*|each\s+sentence|per\s+sentence|sentence[-\s]level|"
    r"individual\s+sentences|(?:sentence|sentences)\s+(?:scores?|compounds?))\b")


@lru_cache(maxsize=1)
def _paragraphs():
    """(scored sentences, scored paragraphs with a ``gap`` column) of the bundled corpus."""
    result = bundled_analysis()
    paragraphs = result.paragraphs.copy()
    paragraphs["gap"] = (paragraphs["compound_whole"] - paragraphs["compound"]).abs()
    return result.sentences, paragraphs


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
    if row["gap"].iloc[0] < p["gap"].max() - TIE_EPSILON:
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
        if not _close(_number(v, f"score {i}"), e, SCORE_TOLERANCE):
            return f"the score of sentence {i} is not its stock VADER compound"
    return None


@question("ex6.q3", "a share between 0 and 1")
def _ex6_q3(share):
    value = _number(share, "share")
    if not 0 <= value <= 1:
        return "give a share between 0 and 1 (not a percentage)"
    _, p = _paragraphs()
    multi = p[p["n_sentences"] >= MIN_SENTENCES]
    expected = float((multi["compound_whole"].abs() > multi["compound"].abs()).mean())
    if not _close(value, expected, RATE_TOLERANCE):
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


@question("ex6.q5", "a few sentences (at least 15 words) on why the two scores differ")
def _ex6_q5(why):
    """A filter, not a grade: enough different words, a mechanism word and an averaging word
    (whole words). Instructors read the explanation itself."""
    if not isinstance(why, str):
        return "why should be a string"
    words = re.findall(r"\w+", why.lower())
    if len(words) < MIN_WORDS:
        return f"write at least {MIN_WORDS} words"
    if len(set(words)) < MIN_DISTINCT_WORDS:
        return f"write it in your own sentences (at least {MIN_DISTINCT_WORDS} different words)"
    text = " ".join(words)
    if not _MECHANISM.search(text):
        return ("say what VADER does with the word valences of a longer text before it squashes them "
                "into a compound (look at how compound is computed)")
    if not _AVERAGING.search(text):
        return "say also what the other score, the mean of the sentence scores, does differently"
    return None
