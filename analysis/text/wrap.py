"""Hard-wrapped text: lines that continue a sentence are joined into one paragraph.

A repost, an e-mail or a plain-text archive breaks its paragraphs into lines of
about the same width (often 70-80 characters). Cleaning and splitting look at
one paragraph at a time, so those lines are joined first, before any rule sees
them: otherwise a line such as "that the US must stop undermining China's
sovereignty, security and" reads like a subheading, and a sentence is cut in two.

Two consecutive raw lines (no blank line between them) are joined when all of
these hold:

* the first has no sentence-final punctuation (``.!?…:;``, ``。！？``);
* the run of consecutive lines they belong to is wrapped: its longest line has
  :data:`WRAP_MIN_WIDTH` to :data:`WRAP_MAX_WIDTH` characters, and the first
  line is full: the next line's first word would not have fitted on it;
* the next line does not open a paragraph of its own: a transcript speaker
  label (``SECRETARY BLINKEN:``, ``Q:``), a wire dateline (``BEIJING, June 19``),
  a list item;
* the first line ends mid-clause (a comma, a hyphen, a word such as ``and`` or
  ``the``), or the next starts with a lower-case letter or a digit, or the run
  has at least :data:`WRAP_MIN_FULL_LINES` full lines (a wrapped paragraph, in
  which a line may end on any word).

A headline or a subheading is short, so it is not full, and it is never joined
onto the body; neither is a line the corpus repeats across documents (chrome).
"""
from __future__ import annotations

import re

from analysis.text.clean import Line, has_final_punctuation

#: A run whose longest line is shorter is a list or a menu ("Home", "World"), not wrapped prose.
WRAP_MIN_WIDTH = 40
#: A run with a longer line holds unwrapped paragraphs (one paragraph a line): wrappers use 60-100.
WRAP_MAX_WIDTH = 110
#: Characters by which a full line may fall short of the run's longest line: wrappers break
#: before a word that does not fit, and some leave a little room (a right margin, a hyphen).
WRAP_SLACK = 3
#: Full lines a run needs before a line that ends on any word, followed by a capital, is joined:
#: a headline and one body line make a run with one full line.
WRAP_MIN_FULL_LINES = 3

#: "SECRETARY BLINKEN:", "PRESIDENT XI: (Via interpreter)", "MR MILLER:", "Q:", "MODERATOR:".
SPEAKER_LABEL = re.compile(r"^(?:[A-Z][A-Z.'’\-]*\s+){0,3}[A-Z][A-Z.'’\-]*\s*:")
# A wire dateline ("BEIJING, June 19 (Xinhua) --", "WASHINGTON (Reuters) -") or a list item.
_OPENS_PARAGRAPH = re.compile(r"^(?:[A-Z]{3,}[A-Z .'’-]*(?:,|\s\()|[•·▪*\-–—]\s|\d{1,2}[.)]\s)")
# A line that ends mid-clause: a comma, a hyphen, or a word that cannot end a sentence.
_MID_CLAUSE = re.compile(
    r"(?:[,\-–—]|\b(?:a|an|the|and|or|but|nor|of|in|on|at|to|for|from|with|by|as|that|which|who|whom|whose|"
    r"this|these|those|its|their|his|her|our|is|are|was|were|be|been|has|have|had|will|would|can|could|"
    r"should|may|might|must|not|than|into|over|between|about|after|before|during|said|says))$",
    re.IGNORECASE)
_FIRST_WORD = re.compile(r"\S+")


def join_wrapped(lines: list[Line], keep_apart: frozenset[int] = frozenset()) -> list[Line]:
    """The lines with hard-wrapped ones joined: each joined paragraph is one :class:`Line` whose
    ``number`` is its first raw line and ``last`` its last, its text the lines joined by a space
    (by nothing after a hyphen ending a word, "U.S.-" + "led", which is kept). Lines in
    ``keep_apart`` are never joined.

    >>> lines = [Line(1, "Talks resume"), Line(3, "The envoys met in Vienna on Sunday and agreed that the"),
    ...          Line(4, "talks would go on, officials said."), Line(5, "Q: Will they meet again?")]
    >>> [(ln.number, ln.last, ln.text) for ln in join_wrapped(lines)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [(1, 0, 'Talks resume'),
     (3, 4, 'The envoys met in Vienna on Sunday and agreed that the talks would go on, officials said.'),
     (5, 0, 'Q: Will they meet again?')]
    """
    out: list[Line] = []
    for run in _runs(lines):
        width = max(len(ln.text) for ln in run)
        if len(run) < 2 or not WRAP_MIN_WIDTH <= width <= WRAP_MAX_WIDTH:
            out += run
            continue
        full = [_is_full(a.text, b.text, width) for a, b in zip(run, run[1:])]
        many_full = sum(full) >= WRAP_MIN_FULL_LINES
        block = [run[0]]
        for k, nxt in enumerate(run[1:]):
            if full[k] and _continues(run[k], nxt, many_full, keep_apart):
                block.append(nxt)
            else:
                out.append(_joined(block))
                block = [nxt]
        out.append(_joined(block))
    return out


def _runs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive raw lines (no blank line between), in order."""
    runs: list[list[Line]] = []
    for ln in lines:
        if runs and ln.number == runs[-1][-1].number + 1:
            runs[-1].append(ln)
        else:
            runs.append([ln])
    return runs


def _is_full(text: str, next_text: str, width: int) -> bool:
    """Would the next line's first word have made ``text`` longer than the run's width?"""
    m = _FIRST_WORD.match(next_text)
    return len(text) + 1 + (len(m.group()) if m else 0) > width - WRAP_SLACK


def _continues(prev: Line, nxt: Line, many_full: bool, keep_apart: frozenset[int]) -> bool:
    """Does ``nxt`` go on with the sentence of the (full) line ``prev``?"""
    if prev.number in keep_apart or nxt.number in keep_apart or has_final_punctuation(prev.text):
        return False
    if SPEAKER_LABEL.match(nxt.text) or _OPENS_PARAGRAPH.match(nxt.text):
        return False
    first = nxt.text[:1]
    return many_full or bool(_MID_CLAUSE.search(prev.text)) or first.islower() or first.isdigit()


def _joined(block: list[Line]) -> Line:
    if len(block) == 1:
        return block[0]
    text = block[0].text
    for ln in block[1:]:
        broken = text.endswith("-") and text[-2:-1].strip() != "" and ln.text[:1].islower()
        text += ln.text if broken else " " + ln.text
    return Line(block[0].number, text, block[-1].number)


def line_starts(block: Line, raw: dict[int, str]) -> list[tuple[int, int]]:
    """``(offset in the paragraph text, raw line number)`` where each raw line of a joined paragraph
    starts; ``raw`` maps line numbers to their stripped text.

    >>> line_starts(Line(3, "a b c", 4), {3: "a b", 4: "c"})
    [(0, 3), (4, 4)]
    """
    if not block.last:
        return [(0, block.number)]
    out, pos = [], 0
    for number in range(block.number, block.last + 1):
        i = block.text.find(raw[number], pos)
        out.append((i, number))
        pos = i + len(raw[number])
    return out
