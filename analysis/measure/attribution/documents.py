"""One document's quotations and reported statements, each with its speaker, side and meeting.

Sentences are read in order, so a pronoun resolves to the speaker named before
it; the :class:`~.model.Discourse` of the document carries what the reading so far
has established (who spoke last, about which meeting). The document model is in
:mod:`.model`, the rows in :mod:`.rows`.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict

from analysis.measure.attribution.cues import Resolver
from analysis.measure.attribution.model import QUOTE_COLUMNS, Discourse, Document, Meta, Tables  # noqa: F401
from analysis.measure.attribution.quotations import Quotation
from analysis.measure.attribution.rows import _CONTINUES_CUE, quotation_rows, remember_cues, statement_rows  # noqa: F401

#: A lead paragraph's statement with no meeting takes the meeting of the same speaker's next statement
#: within 3 paragraphs.
LEAD_LOOKAHEAD = 3


def quotations_by_sentence(doc: Document, quotations: list[Quotation]) -> tuple[dict, dict]:
    """``(para, sentence position) -> quotations opening there`` and ``para -> sent numbers inside quotes``."""
    opening: dict[tuple[int, int], list[Quotation]] = defaultdict(list)
    quoted: dict[int, set[int]] = defaultdict(set)
    for q in quotations:
        first = q.segments[0]
        i = doc.sentences[first.para - 1].index_of(first.start)
        if i is not None:  # a quotation opening between sentences has no sentence to be read in
            opening[(first.para, i)].append(q)
        for s in q.segments:
            quoted[s.para].update(doc.sentences[s.para - 1].overlapping(s.start, s.end))
    return opening, quoted


def attribute_document(doc: Document, quotations: list[Quotation], tables: Tables) -> list[dict]:
    """Quotation rows of one document (without ``quote_id``), in reading order."""
    opening, quoted = quotations_by_sentence(doc, quotations)
    state = Discourse(Resolver(tables.speakers))
    rows: list[dict] = []
    for p in range(1, len(doc.texts) + 1):
        for i, sentence in enumerate(doc.sentences[p - 1]):
            for q in opening.get((p, i), ()):
                rows += quotation_rows(doc, tables, state, q, p, sentence)
            if sentence[0] in quoted.get(p, ()):
                remember_cues(doc, state, p, sentence)
            else:
                rows += statement_rows(doc, tables, state, p, sentence)
            state.resolver.see(doc.mentions[p - 1].starting_in(sentence[1], sentence[2]))
    return with_lead_meetings(rows)


def _next_statements(rows: list[dict]) -> dict[int, int]:
    """Row ``i`` -> row ``j``: the same speaker's next row with a meeting, for rows with a speaker but no
    meeting. The look-ahead stops at the first row more than :data:`LEAD_LOOKAHEAD` paragraphs after row
    ``i`` (rows of a quotation over several paragraphs come before the next paragraph's rows)."""
    found: dict[int, int] = {}
    with_meeting: dict[str, int] = {}  # speaker -> their nearest later row with a meeting
    # The later rows whose paragraph is beyond every row's before them (nearest last): the first row
    # beyond a paragraph number is always one of these. Paragraphs negated, so the list is increasing.
    beyond_rows: list[int] = []
    beyond_paras: list[int] = []
    for i in range(len(rows) - 1, -1, -1):
        r = rows[i]
        if r["speaker"] and not r["meeting_id"] and r["speaker"] in with_meeting:
            k = bisect_left(beyond_paras, -(r["para"] + LEAD_LOOKAHEAD))  # rows [0, k) lie beyond the look-ahead
            stop = beyond_rows[k - 1] if k else len(rows)
            if with_meeting[r["speaker"]] < stop:
                found[i] = with_meeting[r["speaker"]]
        if r["speaker"] and r["meeting_id"]:
            with_meeting[r["speaker"]] = i
        while beyond_paras and -beyond_paras[-1] <= r["para"]:
            beyond_paras.pop()
            beyond_rows.pop()
        beyond_paras.append(-r["para"])
        beyond_rows.append(i)
    return found


def with_lead_meetings(rows: list[dict]) -> list[dict]:
    """A lead paragraph often summarises the quotes below it: a statement with no meeting takes the meeting
    of the same speaker's next statement within :data:`LEAD_LOOKAHEAD` paragraphs."""
    out = list(rows)
    for i, j in _next_statements(rows).items():
        mid, para = rows[j]["meeting_id"], rows[j]["para"]
        out[i] = {**rows[i], "meeting_id": mid, "meeting_evidence": f"{mid}: same speaker's next statement (paragraph {para})"}
    return out
