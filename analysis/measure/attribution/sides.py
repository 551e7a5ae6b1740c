"""Who speaks each sentence: the sentence frame plus speaker, side, quotation and meeting columns.

A sentence is the quoted speaker's when it is mostly quotation (or opens with a direct quote), else the
narration's: the paragraph's voice (the document's, a voices.csv range's, or a transcript turn's side) and
the turn's speaker, if any, with the speaker it reports, if any.
"""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from analysis.measure.attribution.meetings import NARRATION_MIN_EVIDENCE, Meetings

#: The columns attribute_sentences adds to the sentence frame.
SENTENCE_COLUMNS = ["speaker", "side", "quote_id", "reported_speaker", "reported_side", "meeting_id",
                    "meeting_evidence"]
#: A sentence is the quoted speaker's when at least half of it is inside quotation marks ...
QUOTED_SHARE = 0.5
#: ... or when a direct quote opens it: the quoted words start at most 2 characters in (the opening
#: mark and one more, such as a bracket or a dash).
OPENING_SLACK = 2


class Paragraph(NamedTuple):
    """What the sentence sweep needs of a paragraph: its voice and speaker (a transcript turn's; "" for
    narration), the meeting given to it (articles.csv or voices.csv; "" when none) and the evidence text for
    that meeting, and the document's date."""

    voice: str
    speaker: str
    meeting_id: str
    given_by: str
    published: str


class _Span(NamedTuple):
    """A quotes row as the sentence sweep needs it; ``order`` is its place in the quotes frame."""

    start: int
    order: int
    end: int
    kind: str
    speaker: str
    side: str
    quote_id: str
    meeting_id: str
    meeting_evidence: str


def _spans_by_paragraph(quotes: pd.DataFrame) -> dict[tuple[str, int], list[_Span]]:
    """(doc_id, para) -> that paragraph's quote rows in order of start."""
    cols = [quotes[c].tolist() for c in ("doc_id", "para", "start", "end", "kind", "speaker", "side", "quote_id",
                                         "meeting_id", "meeting_evidence")]
    out: dict[tuple[str, int], list[_Span]] = {}
    for order, (doc, para, start, end, *rest) in enumerate(zip(*cols)):
        out.setdefault((doc, para), []).append(_Span(start, order, end, *rest))
    for spans in out.values():
        spans.sort()
    return out


def _overlaps(sentences: list[tuple[int, int]], spans: list[_Span]) -> list[list[tuple[int, _Span]]]:
    """For each sentence ``(start, end)`` of a paragraph, ``(overlap, span)`` of the quote rows it shares
    characters with, in the quotes frame's order. One sweep over sentences and rows in order of start."""
    out: list[list[tuple[int, _Span]]] = [[] for _ in sentences]
    active: list[_Span] = []
    nxt = 0
    for i in sorted(range(len(sentences)), key=lambda i: sentences[i]):
        start, end = sentences[i]
        while nxt < len(spans) and spans[nxt].start < end:
            active.append(spans[nxt])
            nxt += 1
        active = [x for x in active if x.end > start]  # later sentences start later: these are done
        hits = [(min(x.end, end) - max(x.start, start), x) for x in active if x.start < end]
        out[i] = sorted(((ov, x) for ov, x in hits if ov > 0), key=lambda h: h[1].order)
    return out


def _speaker_of(start: int, text: str, hits: list[tuple[int, _Span]]) -> tuple[_Span | None, _Span | None]:
    """The quote row that speaks a sentence (None for narration) and the first row it reports."""
    quoted, best, best_overlap = 0, None, 0
    for overlap, x in hits:
        if x.kind != "indirect":
            quoted += overlap
            if best is None or overlap > best_overlap:
                best, best_overlap = x, overlap
    reported = hits[0][1] if hits else None
    length = max(1, len(text.strip()))
    # A sentence belongs to the quoted speaker when it is mostly quotation, or when
    # it opens with a direct quote and the rest is the reporting clause
    # ("“It is clear who is responsible,” Qin said, according to ...").
    opens_with_quote = best is not None and best.kind == "direct" and best.start <= start + OPENING_SLACK
    if best is not None and (quoted >= QUOTED_SHARE * length or opens_with_quote):
        return best, None
    return None, reported


def _sentence_columns(speaker: _Span | None, reported: _Span | None, para: Paragraph,
                      text: str, meetings: Meetings) -> tuple:
    """The values of :data:`SENTENCE_COLUMNS` for one sentence."""
    if speaker is not None:
        return (speaker.speaker, speaker.side or para.voice, speaker.quote_id, "", "", speaker.meeting_id,
                speaker.meeting_evidence)
    if reported is not None and reported.meeting_id:
        mid, why = reported.meeting_id, reported.meeting_evidence
    elif para.meeting_id:
        mid, why = para.meeting_id, f"{para.meeting_id}: {para.given_by}"
    else:
        mid, why = meetings.score(text, None, min_items=NARRATION_MIN_EVIDENCE, published=para.published)
    if reported is None:
        return (para.speaker, para.voice, "", "", "", mid, why)
    return (para.speaker, para.voice, reported.quote_id, reported.speaker, reported.side or "", mid, why)


def with_speakers(sentences: pd.DataFrame, quotes: pd.DataFrame, paragraphs: dict[tuple[str, int], Paragraph],
                  meetings: Meetings) -> pd.DataFrame:
    """The sentence frame plus :data:`SENTENCE_COLUMNS`; ``paragraphs``: (doc_id, para) -> :class:`Paragraph`."""
    out = sentences.copy()
    spans = _spans_by_paragraph(quotes)
    docs, paras = out.doc_id.tolist(), out.para.tolist()
    starts, ends, texts = out.start.tolist(), out.end.tolist(), out.text.tolist()
    by_para: dict[tuple[str, int], list[int]] = {}
    for i, key in enumerate(zip(docs, paras)):
        by_para.setdefault(key, []).append(i)
    values: list[tuple] = [()] * len(out)
    for key, rows in by_para.items():
        hits = _overlaps([(starts[i], ends[i]) for i in rows], spans.get(key, []))
        for i, h in zip(rows, hits):
            speaker, reported = _speaker_of(starts[i], texts[i], h)
            values[i] = _sentence_columns(speaker, reported, paragraphs[key], texts[i], meetings)
    for c, column in zip(SENTENCE_COLUMNS, zip(*values) if len(out) else [[]] * len(SENTENCE_COLUMNS)):
        out[c] = list(column)
    return out
