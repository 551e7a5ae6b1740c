"""How VADER's own rules act on the diplomatic overlay's terms, said in words for :func:`explain`.

The overlay changes VADER's lexicon only (:mod:`analysis.measure.sentiment`):
a word gets a new valence, a phrase becomes one placeholder word with the
phrase's valence. VADER's rules then treat an overlay term exactly as any word:

* **negation**: a negator (*not, never, no, without, n't* ... VADER's
  ``NEGATE`` list) among the three words before the term multiplies its
  valence by ``N_SCALAR`` (-0.74). So *did not raise concerns* (-2.0) scores
  +1.48 for that term: the absence of criticism reads as mildly positive, and
  *China is not hegemonic* as mildly positive. A negator *inside* a phrase is
  part of the phrase and is not applied again (*not support Taiwan
  independence* +1.5, *not underestimate* -1.5);
* **"but"**: the words before *but* count half and those after it one and a
  half times: *constructive, but raised concerns* is negative (-0.79), *raised
  concerns, but the talks were constructive* slightly positive (+0.09);
* intensifiers (*very*, *deeply*) and capitals raise a term's weight as for any
  word; a term with valence 0 is removed from the lexicon, so an intensifier
  before it adds nothing.

>>> rule_notes("The Secretary did not raise concerns, but the talks went on.")[0]
"  'raise concerns' follows the negator 'not': VADER multiplies its valence (-2.0) by -0.74 (-> +1.48)"
>>> rule_notes("The Secretary did not raise concerns, but the talks went on.")[1][:40]
"  VADER's 'but' rule: the words before '"
"""
from __future__ import annotations

#: how many words before a term VADER looks for a negator (its ``_negation_check``)
NEGATION_REACH = 3


def _units(words, matches) -> list[tuple[int, str]]:
    """(start, lower-case word) of each word VADER sees: an overlay phrase is one word (its placeholder)."""
    units, k = [], 0
    for m in matches:
        while k < len(words) and words[k][0] < m.start:
            units.append((words[k][0], words[k][2]))
            k += 1
        units.append((m.start, m.text.lower()))
        while k < len(words) and words[k][0] < m.end:
            k += 1
    return units + [(w[0], w[2]) for w in words[k:]]


def rule_notes(text: str, overlay=None) -> list[str]:
    """Lines saying which VADER rules act on the overlay terms of ``text`` (empty when none)."""
    from vaderSentiment import vaderSentiment as vader

    from analysis.measure.sentiment import overlay_matches, prepare
    from analysis.text.tokens import token_spans

    found = overlay_matches(text, overlay)
    units = _units(token_spans(prepare(text)), found)
    starts = [u[0] for u in units]
    notes = []
    for m in found:
        i = starts.index(m.start)
        negators = [w for _, w in units[max(0, i - NEGATION_REACH):i] if w in vader.NEGATE or "n't" in w]
        if negators and m.valence:
            notes.append(f"  {m.text!r} follows the negator {negators[-1]!r}: VADER multiplies its valence "
                         f"({m.valence:+.1f}) by {vader.N_SCALAR} (-> {m.valence * vader.N_SCALAR:+.2f})")
    if found and any(w == "but" for _, w in units):
        notes.append("  VADER's 'but' rule: the words before 'but' count half, those after it 1.5 times")
    return notes
