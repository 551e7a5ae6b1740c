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

from functools import lru_cache

from analysis.measure.lexicon import Lexicon, Match, find_spans, load_lexicon

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


@lru_cache(maxsize=1)
def stance_lexicons() -> tuple[Lexicon, ...]:
    """The four stance/framing lexicons, loaded once."""
    return tuple(load_lexicon(name, cats) for name, cats in STANCE_LEXICONS.items())


def find_stance(text: str, tokens=None) -> list[Match]:
    """Every hedge, booster, directive and framing match in ``text``.

    >>> [(m.text, m.lexicon) for m in find_stance("It lasted about an hour, raising concerns about it.")]
    [('about', 'hedges')]
    """
    return find_spans(text, stance_lexicons(), tokens)
