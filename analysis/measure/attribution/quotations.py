"""Quotation marks: where each quotation of a document starts and ends, and the narration around them."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.text.tokens import ascii_apostrophes

OPEN, CLOSE = "\u201c", "\u201d"
#: Stands in for quoted text (and its marks) in the narration, so cues never come from inside a quotation.
MASK = "\x00"
#: The characters that open, close or (straight ``"``) do either; nothing else matters to the scan.
_MARK_RE = re.compile('[\u201c\u201d"]')
#: A straight " right after one of these (or a space) opens a quotation.
_OPENS_AFTER = "([{\u2014\u2013-/"

NEVER_CLOSED = "quotation mark opened here is never closed"
OPENS_INSIDE = "quotation mark opens while another quotation is still open"
CLOSES_NOTHING = "closing quotation mark without an opening one"


@dataclass
class Segment:
    para: int
    start: int  # content offsets in the paragraph text, marks excluded
    end: int
    open_at: int | None  # offset of the opening mark, None when the quote continues from the previous paragraph


@dataclass
class Quotation:
    segments: list[Segment]
    closed_at: int | None = None  # offset of the closing mark in the last segment's paragraph


def _is_straight_open(text: str, i: int) -> bool:
    """A straight " opens when it follows a space or bracket and precedes a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in _OPENS_AFTER) and not after.isspace()


class _Scanner:
    """Reads one document's quotation marks in order; at most one quotation is open at a time."""

    def __init__(self):
        self.quotes: list[Quotation] = []
        self.warnings: list[tuple[int, int, str]] = []
        self.segs: list[Segment] | None = None  # segments of the quotation now open, None when none is open
        self.open_para = self.open_at = self.seg_start = 0

    def segment(self, p: int, end: int) -> Segment:
        """The open quotation's segment in paragraph ``p``, up to ``end``."""
        return Segment(p, self.seg_start, end, self.open_at if self.open_para == p else None)

    def start_paragraph(self, text: str) -> int:
        """Continue or end a quotation left open; return the offset of a continuing mark (else -1)."""
        if self.segs is None:
            return -1
        stripped = text.lstrip()
        if stripped[:1] in (OPEN, '"'):  # newspaper convention: the quotation continues here
            skip = len(text) - len(stripped)
            self.seg_start = skip + 1
            return skip
        # The previous paragraph's quotation was never closed: it ended there.
        self.warnings.append((self.open_para, self.open_at, NEVER_CLOSED))
        self.quotes.append(Quotation(self.segs))
        self.segs = None
        return -1

    def mark(self, p: int, text: str, i: int) -> None:
        """The quotation mark ``text[i]`` of paragraph ``p``."""
        ch = text[i]
        if ch == OPEN or (ch == '"' and self.segs is None and _is_straight_open(text, i)):
            if self.segs is not None:  # a new quotation opens before the last one closed: close it here
                self.warnings.append((p, i, OPENS_INSIDE))
                self.segs.append(self.segment(p, i))
                self.quotes.append(Quotation(self.segs))
            self.segs, self.open_para, self.open_at, self.seg_start = [], p, i, i + 1
        elif self.segs is None:
            self.warnings.append((p, i, CLOSES_NOTHING))
        else:
            self.segs.append(self.segment(p, i))
            self.quotes.append(Quotation(self.segs, closed_at=i))
            self.segs = None

    def end_paragraph(self, p: int, text: str) -> None:
        if self.segs is not None:  # still open at the end of the paragraph: the next paragraph decides
            self.segs.append(self.segment(p, len(text)))

    def finish(self) -> None:
        if self.segs is not None:
            self.warnings.append((self.open_para, self.open_at, NEVER_CLOSED))
            self.quotes.append(Quotation(self.segs))
            self.segs = None


def _trimmed(quotes: list[Quotation], paragraphs: list[str]) -> list[Quotation]:
    """Trim spaces off each segment and drop empty segments ("" or a stray pair of marks)."""
    out = []
    for q in quotes:
        segs = []
        for s in q.segments:
            t = paragraphs[s.para - 1]
            a, b = s.start, s.end
            while a < b and t[a].isspace():
                a += 1
            while b > a and t[b - 1].isspace():
                b -= 1
            if b > a:
                segs.append(Segment(s.para, a, b, s.open_at))
        if segs:
            out.append(Quotation(segs, q.closed_at))
    return out


def find_quotations(paragraphs: list[str]) -> tuple[list[Quotation], list[tuple[int, int, str]]]:
    """Quotations in one document's paragraphs (1-based ``para``) and warnings ``(para, offset, message)``.

    Curly and straight double quotation marks; a quotation left open at the end
    of a paragraph continues when the next paragraph opens with a quotation mark
    (newspaper convention), otherwise it is closed there with a warning.

    >>> qs, warns = find_quotations(["“One. Two,” he said.", "“Three", "“four.” Done."])
    >>> [[(s.para, s.start, s.end) for s in q.segments] for q in qs]
    [[(1, 1, 10)], [(2, 1, 6), (3, 1, 6)]]
    >>> find_quotations(["He said “never."])[1]
    [(1, 8, 'quotation mark opened here is never closed')]
    """
    scan = _Scanner()
    for p, text in enumerate(paragraphs, 1):
        skip = scan.start_paragraph(text)
        for m in _MARK_RE.finditer(text):
            if m.start() != skip:
                scan.mark(p, text, m.start())
        scan.end_paragraph(p, text)
    scan.finish()
    return _trimmed(scan.quotes, paragraphs), scan.warnings


def narration(texts: list[str], quotations: list[Quotation]) -> list[str]:
    """Each paragraph with every quotation (marks included) masked by :data:`MASK`, same length.

    Apostrophes are straight, as in :meth:`Speakers.mentions`, so offsets hold.

    >>> qs, _ = find_quotations(["“Yes,” he said."])
    >>> narration(["“Yes,” he said."], qs)[0].replace(MASK, "#")
    '###### he said.'
    """
    chars = [list(ascii_apostrophes(t)) for t in texts]
    for q in quotations:
        for s in q.segments:
            text = texts[s.para - 1]
            a = s.open_at if s.open_at is not None else max(s.start - 1, 0)
            b = s.end + 1 if s.end < len(text) and text[s.end] in CLOSE + '"' else s.end
            chars[s.para - 1][a:b] = MASK * max(0, b - a)
    return ["".join(c) for c in chars]
