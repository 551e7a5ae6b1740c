"""A paragraph's sentence spans, looked up by offset in logarithmic time."""
from __future__ import annotations

from bisect import bisect_left, bisect_right

Span = tuple[int, int, int]  # (sent, start, end)


class SentenceSpans:
    """The sentences of one paragraph, as ``(sent, start, end)``: in order, not empty and not
    overlapping (as :func:`analysis.text.segment.split_sentences` makes them).

    >>> s = SentenceSpans([(1, 0, 10), (2, 11, 20)], 20)
    >>> s.containing(12), s.containing(10), s.containing(25), s.overlapping(5, 15)
    ((2, 11, 20), (1, 0, 10), (2, 11, 20), [1, 2])
    >>> SentenceSpans([], 7).spans  # a paragraph without sentences is one sentence
    [(1, 0, 7)]
    """

    def __init__(self, spans: list[Span], length: int):
        self.spans = spans or [(1, 0, length)]
        self.starts = [s[1] for s in self.spans]
        self.ends = [s[2] for s in self.spans]

    def __iter__(self):
        return iter(self.spans)

    def index_of(self, offset: int) -> int | None:
        """The position of the sentence with ``start <= offset < end``, None when in none."""
        i = bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.ends[i] else None

    def containing(self, offset: int) -> Span:
        """The sentence around ``offset``, else the nearest one (the earlier one on a tie)."""
        inside = self.index_of(offset)
        if inside is not None:
            return self.spans[inside]
        i = bisect_right(self.starts, offset) - 1
        # Between sentences: the nearest is the last one before the offset or the first one after it.
        near = [j for j in (i, i + 1) if 0 <= j < len(self.spans)]
        return self.spans[min(near, key=lambda j: (min(abs(self.starts[j] - offset), abs(self.ends[j] - offset)), j))]

    def overlapping(self, start: int, end: int) -> list[int]:
        """The ``sent`` numbers of the sentences that overlap ``[start, end)``."""
        lo = bisect_right(self.ends, start)  # the first sentence ending after start
        hi = bisect_left(self.starts, end)  # sentences from here on start at or after end
        return [self.spans[j][0] for j in range(lo, hi)]
