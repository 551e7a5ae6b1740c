"""The corpus-level pass: quotations, quotation-mark warnings and who speaks each sentence."""
from __future__ import annotations

import pandas as pd

from analysis.measure.attribution.documents import QUOTE_COLUMNS, Document, Meta, Tables, attribute_document
from analysis.measure.attribution.quotations import find_quotations
from analysis.measure.attribution.sides import SENTENCE_COLUMNS, Paragraph, with_speakers  # noqa: F401
from analysis.measure.attribution.transcripts import unknown_labels

WARNING_COLUMNS = ["doc_id", "para", "line", "position", "message"]


def _document_meta(corpus) -> dict[str, Meta]:
    """doc_id -> its :class:`~.model.Meta` (voice, meeting_id, published, title)."""
    docs = corpus.documents
    n = len(docs)
    columns = [docs[c].tolist() if c in docs else [""] * n
               for c in ("doc_id", "voice", "meeting_id", "published", "title")]
    return {d: Meta(d, v, m or "", p or "", t if isinstance(t, str) else "") for d, v, m, p, t in zip(*columns)}


def _paragraphs(paragraphs: pd.DataFrame) -> dict[str, tuple[list[str], list[int]]]:
    """doc_id -> (paragraph texts, their raw lines), in order of ``para`` (plain lists: no groupby per document)."""
    by_doc: dict[str, list[tuple[int, str, int]]] = {}
    for d, p, t, ln in zip(*(paragraphs[c].tolist() for c in ("doc_id", "para", "text", "line"))):
        by_doc.setdefault(d, []).append((p, t, ln))
    out = {}
    for d, rows in by_doc.items():
        rows.sort(key=lambda r: r[0])
        out[d] = ([t for _, t, _ in rows], [ln for _, _, ln in rows])
    return out


def _sentence_bounds(sentences: pd.DataFrame) -> dict[str, dict[int, list[tuple[int, int, int]]]]:
    """doc_id -> para -> ``(sent, start, end)`` of its sentences, in the frame's order."""
    out: dict[str, dict[int, list[tuple[int, int, int]]]] = {}
    for d, p, k, a, b in zip(*(sentences[c].tolist() for c in ("doc_id", "para", "sent", "start", "end"))):
        out.setdefault(d, {}).setdefault(p, []).append((k, a, b))
    return out


def _label_warnings(doc: Document, lines: list[int]) -> list[dict]:
    """One warning per transcript label of the document that names no speaker."""
    out = []
    for label, (p, n) in unknown_labels(doc.turns).items():
        out.append({"doc_id": doc.doc_id, "para": p, "line": lines[p - 1], "position": 0,
                    "message": f"speaker label {label!r} ({n} turn{'s' if n > 1 else ''}) is not a name, alias or "
                               "title in speakers.csv: its words keep the document's voice and no speaker; add a "
                               "speakers.csv row or alias for it"})
    return out


def _pass(corpus, tables: Tables) -> tuple[pd.DataFrame, pd.DataFrame, dict[tuple[str, int], Paragraph]]:
    """Quotes, warnings and each paragraph's voice and meeting, for the whole corpus (the work behind
    the public functions)."""
    meta = _document_meta(corpus)
    rows, warns, paragraphs = [], [], {}
    bounds_of = _sentence_bounds(corpus.sentences)
    for doc_id, (texts, lines) in _paragraphs(corpus.paragraphs).items():
        quotations, found = find_quotations(texts)
        warns += [{"doc_id": doc_id, "para": p, "line": lines[p - 1], "position": pos, "message": msg}
                  for p, pos, msg in found]
        m = meta[doc_id]
        doc = Document.build(m, texts, lines, bounds_of.get(doc_id, {}), quotations, tables)
        warns += _label_warnings(doc, lines)
        rows += attribute_document(doc, quotations, tables)
        for p, (voice, speaker, mid) in enumerate(zip(doc.voices, doc.turn_speakers, doc.meetings), 1):
            given = "the document's meeting_id" if mid == m.meeting_id else "the meeting_id voices.csv gives"
            paragraphs[(doc_id, p)] = Paragraph(voice, speaker, mid, given, m.published)
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    numbers = quotes.groupby("doc_id", sort=False).cumcount() + 1
    quotes["quote_id"] = [f"{d}:q{i}" for d, i in zip(quotes.doc_id, numbers)]
    return quotes, pd.DataFrame(warns, columns=WARNING_COLUMNS), paragraphs


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
    return _pass(corpus, Tables.of(corpus))[0]


def quote_warnings(corpus) -> pd.DataFrame:
    """Unbalanced quotation marks: ``doc_id, para, line, position, message`` (never an exception).

    >>> from analysis import load_corpus
    >>> quote_warnings(load_corpus()).columns.tolist()
    ['doc_id', 'para', 'line', 'position', 'message']
    """
    return _pass(corpus, Tables.of(corpus))[1]


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
    quotes, warnings, paragraphs = _pass(corpus, tables)
    return with_speakers(corpus.sentences, quotes, paragraphs, tables.meetings), quotes, warnings
