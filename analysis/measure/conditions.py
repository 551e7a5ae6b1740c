"""Context rules for lexicon entries: the ``condition`` column of a lexicon CSV.

A condition gets the token list ``[(start, end, lower, original)]`` (from
:func:`analysis.text.tokens.token_spans`), the index of the match's first and
last token, the text, and the entry; it returns the category to use, or None
to drop the match. :data:`CONDITIONS` names them for the CSV files.

>>> from analysis.measure.lexicon import load_lexicon
>>> from analysis.text.tokens import token_spans
>>> need = load_lexicon("directives").by_tokens[("need", "to")]
>>> text = "Both agreed on the need to talk."
>>> _deontic(token_spans(text), 4, 5, text, need) is None
True
>>> _deontic(token_spans("They need to talk."), 1, 2, "They need to talk.", need)
'directive'
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
_DETERMINERS = {"the", "a", "an", "this", "that's", "no", "any", "urgent", "pressing", "their", "our", "its"}


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
    """Drop ``clearly`` used as a manner adverb ("communicate clearly"); keep it before a that-clause,
    where it vouches for what is said ("stated clearly that the United States opposes ...")."""
    prev = tokens[i - 1][2] if i > 0 else ""
    nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
    return None if prev in _MANNER_VERBS and nxt != "that" else entry.category


def _not_after_make(tokens, i, j, text, entry):
    """Drop ``sure`` in "make sure" (= ensure), keep "I am sure", "for sure"."""
    prev = tokens[i - 1][2] if i > 0 else ""
    return None if prev in {"make", "makes", "made", "making"} else entry.category


def _deontic(tokens, i, j, text, entry):
    """A deontic modal (must, should, need to ...): ``the need to`` is a noun and is dropped; any other
    match is a candidate ``directive``. Who must act, and whether anyone is named at all (*choices
    need to be made*, *it must be pointed out*: no one), is decided by
    :func:`analysis.measure.stance.find_stance` with :mod:`analysis.measure.addressee`, which also
    turns an obligation on the speaker's own side into ``self_obligation``."""
    prev = tokens[i - 1][2] if i > 0 else ""
    if prev in _DETERMINERS and entry.tokens[0] in {"need", "needs"}:
        return None
    return entry.category


def _candidate(tokens, i, j, text, entry):
    """A request verb, *hope*, *it is necessary for*, *responsibility to*: a candidate ``directive``,
    decided (object, subject, relayed or not) by :func:`analysis.measure.stance.find_stance`."""
    return entry.category


CONDITIONS: dict[str, Callable] = {
    "before_quantity": _before_quantity,
    "not_month": _not_month,
    "not_manner": _not_manner,
    "not_after_make": _not_after_make,
    "deontic": _deontic,
    # the kinds of analysis.measure.addressee: candidates here, decided by find_stance
    **{kind: _candidate for kind in ("request", "hope", "for_to", "responsibility")},
}
