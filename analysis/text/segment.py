"""Sentences and words: split a paragraph into sentences with character offsets.

The splitter is sentencex (Wikimedia's rule-based segmenter; its rules ship in
the wheel, nothing is downloaded). sentencex never breaks inside a quotation,
which is right for ``“Is it over?” she asked.`` but leaves a five-sentence
quotation as one "sentence". We therefore run the same rules a second time on
the inside of every quotation, then apply two merge rules for broken input:

* a piece that starts with a lower-case letter continues the previous one
  (``bilateral talks. between the two``: a stray full stop, not a boundary);
* a piece with no letter or digit (a lone ``.``) belongs to the previous one.

Before merging, a cut the segmenter proposes is dropped when it cannot be a
sentence end, whatever the segmenter's rules say:

* it falls inside a word of the one tokenizer (:data:`~analysis.text.tokens.WORD`):
  ``China-U.S.``, ``U.S.-led`` and ``a.m.`` are one word each, so
  ``and China-U.`` + ``S. relations`` is never two sentences;
* it follows an abbreviation of ``lexicons/abbreviations.csv`` that cannot end
  a sentence: a ``title`` (``Mr.``, ``Gen.``) always, a ``before_number`` one
  (``No.``, ``Jan.``) when a digit comes next, a ``time`` one (``a.m.``) when a
  time zone comes next (a ``zone`` entry: ``EST``, ``Beijing time``).

A cut at the end of ``U.S.`` is kept: ``They met in the U.S. Then they left.``
is two sentences, as the segmenter decides. Closing marks right after a cut
(``”」』）``) go with the sentence they close. Chinese sentence ends (``。！？``,
also half-width ``!?`` after Chinese text) are the segmenter's own: a Chinese
paragraph splits at them, in an English corpus too.

Offsets are character positions in the paragraph text (Python ``str`` indices),
so ``paragraph[start:end] == sentence`` always holds.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import sentencex

from analysis.paths import entries_by_kind
from analysis.text.tokens import WORD, count_words, tokenize  # noqa: F401  (re-exported: words and sentences go together)

#: Quotation spans whose inside is split again: curly “…” and straight "…".
_QUOTE_SPAN = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
_HAS_ALNUM = re.compile(r"\w")
_NON_SPACE = re.compile(r"\S")
_SPACE = re.compile(r"\s")
#: A character a word of the tokenizer can hold (letters, digits, and its inner marks).
_WORD_CHAR = re.compile(r"[\w.,:'’\-]")
#: Marks that close what a sentence end stands inside of: they belong before the cut. Straight
#: quotes and ’ are left out, since they may as well open the next sentence or be an apostrophe.
_CLOSERS = "”」』）)］]》〉"
#: The kinds of lexicons/abbreviations.csv; ``initialism`` rows are one token and may end a sentence.
ABBREVIATION_KINDS = ("title", "before_number", "time", "zone", "initialism")


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, tuple[str, ...]]:
    """The entries of ``lexicons/abbreviations.csv`` by kind (file order).

    >>> "Mr." in abbreviations()["title"], "Jan." in abbreviations()["before_number"]
    (True, True)
    """
    return entries_by_kind("abbreviations.csv", ABBREVIATION_KINDS)


@lru_cache(maxsize=1)
def _no_end_after() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, int]:
    """Patterns matching a title, a before-number abbreviation or a time abbreviation at the end of
    the searched text; a pattern matching a time zone at its start; and the length of the longest
    entry (how far back to look)."""
    def ending(entries):
        forms = {f for e in entries for f in (e, e.upper())}  # transcripts write "AMB. BURNS:"
        alts = "|".join(re.escape(e) for e in sorted(forms, key=lambda f: (-len(f), f)))
        return re.compile(rf"(?<![\w.])(?:{alts})$")
    table = abbreviations()
    forms = {f for z in table["zone"] for f in (z, z.replace(" time", " Time"), z.upper())}
    zone = re.compile("(?:" + "|".join(re.escape(z) for z in sorted(forms, key=lambda z: (-len(z), z))) + r")\b")
    longest = max(len(e) for kind in ("title", "before_number", "time") for e in table[kind])
    return ending(table["title"]), ending(table["before_number"]), ending(table["time"]), zone, longest


def _sentencex_ends(text: str) -> list[int]:
    """End offsets of the sentences sentencex finds in ``text``."""
    ends, pos = [], 0
    for piece in sentencex.segment("en", text):
        i = text.find(piece, pos)
        if i < 0:  # sentencex returns substrings; this guards against a future change
            raise RuntimeError("sentencex returned text that is not in its input")
        pos = i + len(piece)
        ends.append(pos)
    return ends


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split one paragraph into sentences; return ``(start, end)`` offsets.

    Leading and trailing white space is excluded from each span.

    >>> p = "“We weren’t talking. Now we are,” Blinken said. The U.S. side agreed."
    >>> [p[s:e] for s, e in split_sentences(p)]
    ['“We weren’t talking.', 'Now we are,” Blinken said.', 'The U.S. side agreed.']
    """
    if not text.strip():
        return []
    cuts = set(_sentencex_ends(text)[:-1])
    for m in _QUOTE_SPAN.finditer(text):
        group = 1 if m.group(1) is not None else 2
        a, b = m.start(group), m.end(group)
        cuts.update(a + e for e in _sentencex_ends(text[a:b])[:-1])

    spans: list[tuple[int, int]] = []
    prev = 0
    for cut in _real_cuts(text, cuts) + [len(text)]:
        start, end = _trim(text, prev, cut)
        prev = cut
        if start == end:
            continue
        piece = text[start:end]
        if spans and (piece[0].islower() or not _HAS_ALNUM.search(piece)):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _real_cuts(text: str, cuts) -> list[int]:
    """The proposed cuts that can be sentence ends (see the module docstring), sorted, each moved
    past the closing marks that follow it."""
    title, before_number, time, zone, longest = _no_end_after()
    kept: set[int] = set()
    for cut in sorted(cuts):
        if _inside_word(text, cut):
            continue  # "China-U." + "S."
        last = cut  # the end of the text before the cut, without its spaces
        while last > 0 and text[last - 1].isspace():
            last -= 1
        nxt = _NON_SPACE.search(text, cut)
        at = nxt.start() if nxt else len(text)  # where the next sentence would start
        if title.search(text, max(0, last - longest), last):
            continue
        if at < len(text) and text[at].isdigit() and before_number.search(text, max(0, last - longest), last):
            continue
        if zone.match(text, at) and time.search(text, max(0, last - longest), last):
            continue  # "9 a.m. Beijing time"
        end = at
        while end < len(text) and text[end] in _CLOSERS:
            end += 1
        kept.add(end if end > at else cut)
    return sorted(c for c in kept if 0 < c < len(text))


#: How far back from a cut a word may start: no word of the tokenizer is this long.
_LONGEST_WORD = 100


def _inside_word(text: str, cut: int) -> bool:
    """Whether a word of :data:`WORD` runs across ``cut``. Words hold no white space, so only the
    stretch of text without white space around the cut is scanned, and only when the characters
    on both sides could belong to a word (not after "。" or a space)."""
    if not 0 < cut < len(text) or not _WORD_CHAR.match(text[cut - 1]) or not _WORD_CHAR.match(text[cut]):
        return False
    start = cut
    while start > max(0, cut - _LONGEST_WORD) and not text[start - 1].isspace():
        start -= 1
    nxt = _SPACE.search(text, cut)
    end = nxt.start() if nxt else len(text)
    return any(m.start() < cut < m.end() for m in WORD.finditer(text, start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def word_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the words of ``text`` (:data:`analysis.text.tokens.WORD`), from one scan.

    >>> word_bounds("It’s a U.S. deal.")
    ([0, 5, 7, 12], [4, 6, 11, 16])
    """
    spans = [m.span() for m in WORD.finditer(text)]
    return [a for a, _ in spans], [b for _, b in spans]


def words_within(text: str, a: int, b: int, starts: list[int], ends: list[int]) -> int:
    """``count_words(text[a:b])``, from the :func:`word_bounds` of the whole ``text``.

    The words inside the span, when no word of the text crosses its edges (the tokenizer looks at
    nothing outside a word, so it finds the same words in the span alone); else the span is counted
    on its own.

    >>> text = "The U.S. side agreed. It’s done."
    >>> [words_within(text, a, b, *word_bounds(text)) for a, b in split_sentences(text)]
    [4, 2]
    """
    i, j = bisect_left(starts, a), bisect_right(ends, b)
    if (i > 0 and ends[i - 1] > a) or (j < len(starts) and starts[j] < b):
        return count_words(text[a:b])
    return j - i
