"""Hedges, boosters, directives and framing categories, found with the lexicons.

Hedges and boosters follow Hyland's metadiscourse categories (Hyland 2005,
*Metadiscourse*; Hyland 1998 on hedging); directives are deontic modals
addressed at another party (Palmer 2001) plus explicit request verbs (Searle
1976). The word lists are CSV files in ``analysis/lexicons/``.

Decisions on the known traps (each has a test):

* ``May`` the month is not the modal ``may`` (condition ``not_month``);
* ``about``/``around`` are hedges only before a quantity ("about half an hour"
  yes, "concerns about" and "about to" no);
* ``will`` is not a booster: in news it is mostly plain future or reported
  intention; it is in no list;
* ``clear`` boosts only in frames: "it is/was clear (that/who)", "made (it)
  clear", "very clear"; "differences were clear" (= visible) is not counted,
  nor "communicate clearly";
* ``should``/``must``/``need to``/``have to``: after ``I``/``we`` the obligation
  is the speaker's own, counted as ``self_obligation`` (a separate column, not
  a directive); after ``whether``/``if`` it is a deliberative question and is
  dropped; "the need to" is a noun and is dropped; any other subject (the
  United States, China, a choice ...) makes a ``directive``. Epistemic
  ``should`` ("that should help") is not told apart: a known limitation;
* "I think", "I believe" are hedges here (spoken stance, Holmes 1990), not
  boosters as in Hyland's list for academic writing;
* "would" is not a hedge here: in news it mostly marks reported speech or a
  hypothetical, not tentativeness.

>>> [(m.text, m.category) for m in find_stance("We must act. The US must act.")]
[('must', 'self_obligation'), ('must', 'directive')]
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from pathlib import Path

from analysis.measure.addressee import addressee_in
from analysis.measure.lexicon import Lexicon, load_lexicon
from analysis.measure.matching import Match, entry_key, spans_and_tokens
from analysis.measure.parties import Parties
from analysis.text.tokens import token_spans

HEDGE_CATEGORIES = ("hedge", "approximator")
BOOSTER_CATEGORIES = ("booster",)
DIRECTIVE_CATEGORIES = ("directive", "self_obligation")
FRAMING_CATEGORIES = ("cooperation_stability", "conflict_confrontation", "responsibility_blame",
                      "sovereignty_core_interests", "human_rights_values")
#: lexicon name -> allowed categories
STANCE_LEXICONS = {
    "hedges": HEDGE_CATEGORIES,
    "boosters": BOOSTER_CATEGORIES,
    "directives": DIRECTIVE_CATEGORIES,
    "framing": FRAMING_CATEGORIES,
}


def stance_lexicons(lexicons=None) -> tuple[Lexicon, ...]:
    """The four stance and framing lexicons (hedges, boosters, directives, framing).

    ``lexicons`` chooses them; the same argument is taken by every scorer:

    * None: the bundled lists in ``analysis/lexicons/``;
    * a folder: each of ``hedges.csv``, ``boosters.csv``, ``directives.csv``,
      ``framing.csv`` found there replaces the bundled one;
    * a mapping ``{"hedges": path_or_Lexicon, ...}``: those lists replaced;
    * a tuple of :class:`Lexicon` (what this function returns): used as it is.

    Files are read once per content, so an edited CSV takes effect at once.

    >>> [lex.name for lex in stance_lexicons()]
    ['hedges', 'boosters', 'directives', 'framing']
    """
    if isinstance(lexicons, tuple) and all(isinstance(x, Lexicon) for x in lexicons):
        return lexicons
    chosen: dict = {}
    if isinstance(lexicons, (str, Path)):
        folder = Path(lexicons)
        if not folder.is_dir():
            raise ValueError(f"lexicons={str(lexicons)!r} is not a folder; pass a folder holding "
                             f"{', '.join(n + '.csv' for n in STANCE_LEXICONS)}, or a mapping {{name: path}}")
        chosen = {n: folder / f"{n}.csv" for n in STANCE_LEXICONS if (folder / f"{n}.csv").is_file()}
    elif isinstance(lexicons, Mapping):
        unknown = sorted(set(lexicons) - set(STANCE_LEXICONS))
        if unknown:
            raise ValueError(f"unknown lexicon name(s) {unknown}; use {list(STANCE_LEXICONS)}")
        chosen = dict(lexicons)
    elif lexicons is not None:
        raise ValueError(f"lexicons must be None, a folder, a mapping {{name: path}} or a tuple of Lexicon; "
                         f"got {type(lexicons).__name__}")
    out = []
    for name, categories in STANCE_LEXICONS.items():
        given = chosen.get(name, name)
        out.append(given if isinstance(given, Lexicon) else load_lexicon(given, categories))
    return tuple(out)


def find_stance(text: str, tokens=None, lexicons=None, side: str | None = None) -> list[Match]:
    """Every hedge, booster, directive and framing match in ``text``.

    ``lexicons`` as in :func:`stance_lexicons`. Each directive match gets its
    ``addressee`` (:mod:`analysis.measure.addressee`): ``us``, ``china``,
    ``both``, ``other``, or ``self`` (category ``self_obligation``). ``side`` is
    the speaker's side (``us``/``china``; anything else: not known): with it the
    speaker's own country is ``self``.

    >>> [(m.text, m.lexicon) for m in find_stance("It lasted about an hour, raising concerns about it.")]
    [('about', 'hedges')]
    >>> [(m.text, m.category, m.addressee) for m in find_stance("China must act.", side="china")]
    [('must', 'self_obligation', 'self')]
    """
    lexes = stance_lexicons(lexicons)
    found, tokens = spans_and_tokens(text, lexes, tokens)
    if not any(m.category in DIRECTIVE_CATEGORIES for m in found):
        return found
    return _with_addressees(text, found, lexes, token_spans(text) if tokens is None else tokens, side)


def _with_addressees(text: str, found: list[Match], lexes, tokens, side) -> list[Match]:
    """The matches with each directive's addressee set (and dropped when it names no one)."""
    by_name = {lex.name: lex for lex in lexes}
    starts = [t[0] for t in tokens]
    parties = Parties.of(text, tokens)
    out = []
    for m in found:
        if m.category not in DIRECTIVE_CATEGORIES:
            out.append(m)
            continue
        entry = by_name[m.lexicon].by_tokens[entry_key(m.entry)]
        i = bisect_left(starts, m.start)
        who = addressee_in(parties, entry.condition or "request", i, i + len(entry.tokens) - 1, side)
        if who is None:
            continue
        out.append(m._replace(category="self_obligation" if who == "self" else "directive", addressee=who))
    return out
