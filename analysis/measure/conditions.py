"""Context rules for lexicon entries: the ``condition`` column of a lexicon CSV.

A condition gets the token list ``[(start, end, lower, original)]`` (from
:func:`analysis.text.tokens.token_spans`), the index of the match's first and
last token, the text, and the entry; it returns the category to use, or None
to drop the match. :data:`CONDITIONS` names them for the CSV files.

>>> from analysis.text.tokens import token_spans
>>> toks = token_spans("We must act.")
>>> _deontic(toks, 1, 1, "We must act.", None)
'self_obligation'
"""
from __future__ import annotations

from typing import Callable

# A condition gets the token list [(start, end, lower, original)], the index of
# the match's first and last token, the text, and the entry; it returns the
# category to use, or None to drop the match.

_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "billion", "billions", "half", "dozen", "dozens", "several",
    "once", "twice",
}
_UNITS = {
    "hour", "minute", "second", "day", "week", "month", "year", "decade", "century",
    "dozen", "hundred", "thousand", "million", "billion", "third", "quarter", "half",
    "mile", "kilometre", "kilometer", "percent", "fifth", "tenth",
}
_MONTH_CONTEXT = {"in", "since", "of", "last", "next", "early", "late", "mid", "until",
                  "by", "from", "this", "during", "through", "before", "after", "on"}
_MANNER_VERBS = {"communicate", "communicated", "communicating", "communicates", "speak",
                 "speaks", "spoke", "see", "saw", "seen", "explain", "explained", "write",
                 "written", "hear", "heard", "state", "stated", "express", "expressed",
                 "define", "defined", "think", "visible", "more"}
_FIRST_PERSON = {"i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've", "i'm", "we're"}
_DETERMINERS = {"the", "a", "an", "this", "that's", "no", "any", "urgent", "pressing", "their", "our", "its"}
_SKIP_ADVERBS = {"also", "really", "still", "now", "just", "all", "both", "therefore",
                 "then", "simply", "truly", "only", "certainly", "likewise", "too", "each", "first"}
_DELIBERATIVE = {"whether", "if"}


def _is_number(tok: str) -> bool:
    return tok[0].isdigit() or tok in _NUMBER_WORDS


def _before_quantity(tokens, i, j, text, entry):
    """Keep ``about``/``around`` only before a quantity: a number, ``half``,
    or ``a``/``an`` + a unit ("about an hour", "about half an hour", "about 30")."""
    nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
    if not nxt:
        return None
    if _is_number(nxt):
        return entry.category
    if nxt in {"a", "an"} and j + 2 < len(tokens) and tokens[j + 2][2].rstrip("s") in _UNITS:
        return entry.category
    return None


def _not_month(tokens, i, j, text, entry):
    """Drop ``May`` the month: capitalised ``May`` inside a sentence, or after
    in/since/last/... , or before a day number; keep lower-case modal ``may``."""
    orig = tokens[i][3]
    prev = tokens[i - 1][2] if i > 0 else ""
    nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
    if orig == "May":
        if i > 0 or prev in _MONTH_CONTEXT or (nxt and nxt[0].isdigit()):
            return None
    return entry.category


def _not_manner(tokens, i, j, text, entry):
    """Drop ``clearly`` used as a manner adverb ("communicate clearly")."""
    prev = tokens[i - 1][2] if i > 0 else ""
    return None if prev in _MANNER_VERBS else entry.category


def _not_after_make(tokens, i, j, text, entry):
    """Drop ``sure`` in "make sure" (= ensure), keep "I am sure", "for sure"."""
    prev = tokens[i - 1][2] if i > 0 else ""
    return None if prev in {"make", "makes", "made", "making"} else entry.category


def _clause_start(text: str, tokens, i: int) -> int:
    """Index of the first token of the clause holding token ``i`` (stops at , ; : — or quotes)."""
    k = i
    while k > 0:
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if any(ch in gap for ch in ",;:—–“”\"()"):
            break
        k -= 1
    return k


def _deontic(tokens, i, j, text, entry):
    """Directive or self-obligation: who is obliged?

    * ``the need to``: a noun, not an obligation -> dropped;
    * ``whether/if ... should``: a deliberative question -> dropped;
    * subject ``I``/``we`` -> ``self_obligation`` (first-person obligation,
      counted apart from directives);
    * anyone else (the United States, China, you, a choice ...) -> ``directive``.
    """
    prev = tokens[i - 1][2] if i > 0 else ""
    if prev in _DETERMINERS and entry.tokens[0] in {"need", "needs"}:
        return None
    start = _clause_start(text, tokens, i)
    window = [t[2] for t in tokens[max(start, i - 4):i]]
    if any(w in _DELIBERATIVE for w in window):
        return None
    k = i - 1
    while k >= start and tokens[k][2] in _SKIP_ADVERBS:
        k -= 1
    subject = tokens[k][2] if k >= start else ""
    if subject in _FIRST_PERSON:
        return "self_obligation"
    return entry.category


CONDITIONS: dict[str, Callable] = {
    "before_quantity": _before_quantity,
    "not_month": _not_month,
    "not_manner": _not_manner,
    "not_after_make": _not_after_make,
    "deontic": _deontic,
}
