"""Sentences and words: split a paragraph into sentences with character offsets.

The splitter is sentencex (Wikimedia's rule-based segmenter; its rules ship in
the wheel, nothing is downloaded). sentencex never breaks inside a quotation,
which is right for ``“Is it over?” she asked.`` but leaves a five-sentence
quotation as one "sentence". We therefore run the same rules a second time on
the inside of every quotation, then apply two merge rules for broken input:

* a piece that starts with a lower-case letter continues the previous one
  (``bilateral talks. between the two``: a stray full stop, not a boundary);
* a piece with no letter or digit (a lone ``.``) belongs to the previous one.

Offsets are character positions in the paragraph text (Python ``str`` indices),
so ``paragraph[start:end] == sentence`` always holds.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import sentencex

from analysis.text.tokens import WORD, count_words, tokenize  # noqa: F401  (re-exported: words and sentences go together)

#: Quotation spans whose inside is split again: curly “…” and straight "…".
_QUOTE_SPAN = re.compile(r"“([^“”]*)”|\"([^\"\n]*)\"")
_HAS_ALNUM = re.compile(r"\w")


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
    for cut in sorted(cuts) + [len(text)]:
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
