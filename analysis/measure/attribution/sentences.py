"""The corpus-level pass: quotations, quotation-mark warnings and who speaks each sentence."""
from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from analysis.measure.attribution.documents import QUOTE_COLUMNS, Document, Tables, attribute_document
from analysis.measure.attribution.meetings import NARRATION_MIN_EVIDENCE, Meetings
from analysis.measure.attribution.quotations import find_quotations

WARNING_COLUMNS = ["doc_id", "para", "line", "position", "message"]
#: The columns attribute_sentences adds to the sentence frame.
SENTENCE_COLUMNS = ["speaker", "side", "quote_id", "reported_speaker", "reported_side", "meeting_id",
                    "meeting_evidence"]
#: A sentence is the quoted speaker's when at least half of it is inside quotation marks ...
QUOTED_SHARE = 0.5
#: ... or when a direct quote opens it: the quoted words start at most 2 characters in (the opening
#: mark and one more, such as a bracket or a dash).
OPENING_SLACK = 2


def _document_meta(corpus) -> dict[str, tuple[str, str]]:
    """doc_id -> (voice, the document's meeting_id or "")."""
    docs = corpus.documents
    return {d: (v, m or "") for d, v, m in zip(docs.doc_id.tolist(), docs.voice.tolist(), docs.meeting_id.tolist())}


def _quotes_and_warnings(corpus, tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quotes and warnings for the whole corpus (the work behind the public functions)."""
    meta = _document_meta(corpus)
    sentences = {d: g for d, g in corpus.sentences.groupby("doc_id", sort=False)}
    rows, warns = [], []
    for doc_id, paras in corpus.paragraphs.groupby("doc_id", sort=False):
        paras = paras.sort_values("para")
        texts, lines = paras.text.tolist(), paras.line.tolist()
        sents = sentences.get(doc_id)
        bounds = {} if sents is None else {p: list(zip(g.sent.tolist(), g.start.tolist(), g.end.tolist()))
                                           for p, g in sents.groupby("para")}
        quotations, found = find_quotations(texts)
        warns += [{"doc_id": doc_id, "para": p, "line": lines[p - 1], "position": pos, "message": msg}
                  for p, pos, msg in found]
        voice, meeting_id = meta[doc_id]
        doc = Document.build(doc_id, voice, meeting_id, texts, bounds, quotations, tables.speakers)
        rows += attribute_document(doc, quotations, tables)
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    numbers = quotes.groupby("doc_id", sort=False).cumcount() + 1
    quotes["quote_id"] = [f"{d}:q{i}" for d, i in zip(quotes.doc_id, numbers)]
    return quotes, pd.DataFrame(warns, columns=WARNING_COLUMNS)


def extract_quotes(corpus) -> pd.DataFrame:
    """Every quotation and reported statement: one row per quoted span per paragraph.

    Columns: ``quote_id`` (``doc_id:qN``), ``doc_id``, ``para``, ``sent`` (the
    sentence where the span starts), ``start``/``end`` (offsets of the quoted
    text in the paragraph, marks excluded; for ``indirect`` rows the whole
    sentence), ``text``, ``kind`` (direct | partial | indirect), ``speaker``
    (a name from speakers.csv, or empty when unresolved), ``side``,
    ``meeting_id`` (empty when no meeting), ``cue`` (the words that named the
    speaker), ``quotation`` (rows of one quotation that runs over several
    paragraphs share it) and ``meeting_evidence``.

    >>> from analysis import load_corpus
    >>> q = extract_quotes(load_corpus())
    >>> sorted(q.kind.unique())
    ['direct', 'indirect', 'partial']
    """
    return _quotes_and_warnings(corpus, Tables.of(corpus))[0]


def quote_warnings(corpus) -> pd.DataFrame:
    """Unbalanced quotation marks: ``doc_id, para, line, position, message`` (never an exception).

    >>> from analysis import load_corpus
    >>> quote_warnings(load_corpus()).columns.tolist()
    ['doc_id', 'para', 'line', 'position', 'message']
    """
    return _quotes_and_warnings(corpus, Tables.of(corpus))[1]


def attribute_sentences(corpus) -> pd.DataFrame:
    """The sentence frame plus who speaks each sentence, their side and its meeting.

    Added columns: ``speaker`` (the quoted speaker when at least half of the
    sentence is inside quotation marks, or when the sentence opens with a direct
    quote followed by its reporting clause; empty for narration), ``side`` (the
    speaker's side, or the document's ``voice`` for narration),
    ``quote_id`` (the quotation the sentence belongs to), ``reported_speaker``
    and ``reported_side`` (for narration that reports someone's words: who, and
    their side), ``meeting_id`` and ``meeting_evidence``.

    >>> from analysis import load_corpus
    >>> s = attribute_sentences(load_corpus())
    >>> s[s.text.str.startswith("Now we are")][["speaker", "side", "meeting_id"]].values.tolist()
    [['Antony Blinken', 'us', 'cnn-zakaria-interview']]
    """
    return attribute(corpus)[0]


def attribute(corpus) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Attributed sentences, quotations and quotation-mark warnings, from one pass.

    The same frames as :func:`attribute_sentences`, :func:`extract_quotes` and
    :func:`quote_warnings`, without finding the quotations three times.

    >>> from analysis import load_corpus
    >>> sentences, quotes, warnings = attribute(load_corpus())
    >>> len(sentences), len(quotes) > 0
    (178, True)
    """
    tables = Tables.of(corpus)
    quotes, warnings = _quotes_and_warnings(corpus, tables)
    return _with_speakers(corpus, quotes, tables.meetings), quotes, warnings


# --------------------------------------------------------------------------- who speaks each sentence


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


def _sentence_columns(speaker: _Span | None, reported: _Span | None, voice: str, doc_meeting: str,
                      text: str, meetings: Meetings) -> tuple:
    """The values of :data:`SENTENCE_COLUMNS` for one sentence."""
    if speaker is not None:
        return (speaker.speaker, speaker.side or voice, speaker.quote_id, "", "", speaker.meeting_id,
                speaker.meeting_evidence)
    if reported is not None and reported.meeting_id:
        mid, why = reported.meeting_id, reported.meeting_evidence
    elif doc_meeting:
        mid, why = doc_meeting, f"{doc_meeting}: the document's meeting_id"
    else:
        mid, why = meetings.score(text, None, min_items=NARRATION_MIN_EVIDENCE)
    if reported is None:
        return ("", voice, "", "", "", mid, why)
    return ("", voice, reported.quote_id, reported.speaker, reported.side or "", mid, why)


def _with_speakers(corpus, quotes: pd.DataFrame, meetings: Meetings) -> pd.DataFrame:
    """The sentence frame plus :data:`SENTENCE_COLUMNS`."""
    out = corpus.sentences.copy()
    meta = _document_meta(corpus)
    spans = _spans_by_paragraph(quotes)
    docs, paras = out.doc_id.tolist(), out.para.tolist()
    starts, ends, texts = out.start.tolist(), out.end.tolist(), out.text.tolist()
    by_para: dict[tuple[str, int], list[int]] = {}
    for i, key in enumerate(zip(docs, paras)):
        by_para.setdefault(key, []).append(i)
    values: list[tuple] = [()] * len(out)
    for key, rows in by_para.items():
        hits = _overlaps([(starts[i], ends[i]) for i in rows], spans.get(key, []))
        voice, doc_meeting = meta[key[0]]
        for i, h in zip(rows, hits):
            speaker, reported = _speaker_of(starts[i], texts[i], h)
            values[i] = _sentence_columns(speaker, reported, voice, doc_meeting, texts[i], meetings)
    for c, column in zip(SENTENCE_COLUMNS, zip(*values) if len(out) else [[]] * len(SENTENCE_COLUMNS)):
        out[c] = list(column)
    return out
