"""One document's quotations and reported statements, each with its speaker, side and meeting.

Sentences are read in order, so a pronoun resolves to the speaker named before
it; the :class:`Discourse` of the document carries what the reading so far
has established (who spoke last, about which meeting).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from analysis.measure.attribution.cues import Cue, Resolver, cues_in, speaker_first
from analysis.measure.attribution.meetings import NARRATION_MIN_EVIDENCE, Meetings
from analysis.measure.attribution.quotations import MASK, Quotation, narration
from analysis.measure.attribution.spans import SentenceSpans
from analysis.measure.attribution.speakers import MentionIndex, Speakers

QUOTE_COLUMNS = ["quote_id", "doc_id", "para", "sent", "start", "end", "text", "kind", "speaker", "side",
                 "meeting_id", "cue", "quotation", "meeting_evidence"]

#: A cue at most 12 words after a quotation's closing mark is the quotation's own ('...,” Blinken told reporters').
POST_CUE_WORDS = 12
#: A direct quotation without a cue continues the voice of a quotation that ended in the same or the previous
#: paragraph (further away, it is the last person who spoke).
CONTINUES_WITHIN = 1
#: "The talks" (or one of its participants) points back at a meeting described up to 2 paragraphs before.
TOPIC_LOOKBACK = 2
#: A lead paragraph's statement with no meeting takes the meeting of the same speaker's next statement
#: within 3 paragraphs.
LEAD_LOOKAHEAD = 3
#: "the talks", "the meeting", "the call": the narration points back at the meeting just described.
_ANAPHOR = re.compile(r"\bthe (talks|meeting|call|conversations?|discussions?|readout|reading)\b", re.IGNORECASE)
#: What may stand between a sentence's start and a direct quotation's opening mark.
_QUOTE_LEAD = " ,:\u2014" + MASK
#: '..., he said: “' or '...said, “': the quotation is introduced by a comma or colon.
_INTRODUCED = re.compile(r"[,:]\s*$")
_CONTINUES_CUE = "(continues the previous quotation)"


@dataclass(frozen=True)
class Tables:
    """The corpus's speakers and meetings tables, as matchers."""

    speakers: Speakers
    meetings: Meetings

    @classmethod
    def of(cls, corpus) -> "Tables":
        speakers = Speakers.from_table(corpus.tables.get("speakers"))
        return cls(speakers, Meetings(corpus.tables.get("meetings"), speakers))


@dataclass(frozen=True)
class Document:
    """One document's paragraphs (1-based), their narration, mentions and sentence spans."""

    doc_id: str
    voice: str
    meeting_id: str  # the document's own meeting, "" when none
    texts: list[str]
    narr: list[str]  # the paragraphs with quotations masked (see quotations.narration)
    mentions: list[MentionIndex]
    sentences: list[SentenceSpans]

    @classmethod
    def build(cls, doc_id: str, voice: str, meeting_id: str, texts: list[str], bounds: dict[int, list],
              quotations: list[Quotation], speakers: Speakers) -> "Document":
        narr = narration(texts, quotations)
        mentions = [MentionIndex(speakers.mentions(n.replace(MASK, " "))) for n in narr]
        sentences = [SentenceSpans(bounds.get(p) or [], len(t)) for p, t in enumerate(texts, 1)]
        return cls(doc_id, voice, meeting_id, texts, narr, mentions, sentences)

    def row(self, para: int, sent: int, start: int, end: int, **fields) -> dict:
        """A quotation row of paragraph ``para`` (the columns of :data:`QUOTE_COLUMNS` but ``quote_id``)."""
        return {"doc_id": self.doc_id, "para": para, "sent": sent, "start": start, "end": end,
                "text": self.texts[para - 1][start:end], **fields}


@dataclass
class Discourse:
    """What reading a document so far has established."""

    resolver: Resolver
    last_quote_speaker: str | None = None
    last_quote_para: int = -10  # paragraph where the last attributed quotation ended (none yet: far back)
    last_meeting: dict[str, str] = field(default_factory=dict)  # speaker -> meeting of their last statement
    topic: tuple[int, str] | None = None  # (para, meeting) the narration was last about
    quotations: int = 0  # quotations and statements numbered so far

    def note_meeting(self, para: int, speaker: str | None, meeting_id: str) -> None:
        if meeting_id:
            self.topic = (para, meeting_id)
            if speaker:
                self.last_meeting[speaker] = meeting_id

    def number(self) -> int:
        """The number of the next quotation (its rows share it)."""
        self.quotations += 1
        return self.quotations


def meeting_for(doc: Document, meetings: Meetings, state: Discourse, p: int, narration_text: str,
                speaker: str | None) -> tuple[str, str]:
    """The meeting of a statement in paragraph ``p`` and the evidence, strongest first: the document's own
    meeting; what the narration names (people, weekday, place, kind of event); the speaker's previous
    statement; the meeting this paragraph is about, or the last paragraphs' for one of its participants or
    after "the talks"; else ``("", "")``."""
    if doc.meeting_id:
        return doc.meeting_id, f"{doc.meeting_id}: the document's meeting_id"
    mid, why = meetings.score(narration_text, None, quoted=speaker)
    if mid:
        return mid, why
    if speaker and state.last_meeting.get(speaker):  # the story is still on that meeting
        return state.last_meeting[speaker], f"{state.last_meeting[speaker]}: same speaker's previous statement"
    if state.topic:
        tp, tm = state.topic
        if tp == p or (p - tp <= TOPIC_LOOKBACK
                       and (speaker in meetings.participants(tm) or _ANAPHOR.search(narration_text))):
            return tm, f"{tm}: the meeting paragraph {tp} is about"
    return "", ""


# --------------------------------------------------------------------------- quotations


def _ends_with_comma(text: str, end: int) -> bool:
    """``text[:end].rstrip().endswith(",")`` without copying the text before ``end``."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == ","


def quotation_kind(doc: Document, q: Quotation, p: int, a: int) -> str:
    """``direct`` when the quotation opens its sentence (or follows "..., he said:") with a capital or nothing
    before it, or continues from the previous paragraph; else ``partial``. ``a``: the sentence's start."""
    first = q.segments[0]
    if first.open_at is None:
        return "direct"
    lead = doc.narr[p - 1][a:first.open_at]
    at_start = not lead.strip(_QUOTE_LEAD) or _INTRODUCED.search(lead)
    capital = doc.texts[p - 1][first.start:first.start + 1].isupper()
    return "direct" if at_start and (capital or not lead.strip()) else "partial"


def quotation_cue(doc: Document, q: Quotation, p: int, a: int, kind: str, resolver: Resolver) -> Cue | None:
    """The cue that names a quotation's speaker. Direct quotes take the cue after them (',” Blinken said'),
    partial ones the verb that frames them, unless a cue right after them says whose words they are."""
    first, last = q.segments[0], q.segments[-1]
    lp, narr = last.para, doc.narr[last.para - 1]
    sentence_end = doc.sentences[lp - 1].containing(last.end)[2]
    after = q.closed_at + 1 if q.closed_at is not None else last.end
    opens = first.open_at if first.open_at is not None else first.start
    pre = cues_in(doc.narr[p - 1], doc.mentions[p - 1], a, opens, resolver)
    post = cues_in(narr, doc.mentions[lp - 1], after, sentence_end, resolver) if after < sentence_end else []
    near = [c for c in post if len(narr[after:c.verb_start].split()) <= POST_CUE_WORDS]
    if kind == "direct":
        choice = (speaker_first(near) or [None])[0] or (pre[-1] if pre else None)
    else:
        # '..., “the importance of ...,” Miller said in a statement': a cue right after the
        # quote names whose words they are, even when a verb before it frames them.
        comma_before = _ends_with_comma(doc.texts[lp - 1], last.end)
        said_after = [c for c in near if not c.according_to
                      and (comma_before or narr[after:c.verb_start].lstrip().startswith(","))]
        choice = said_after[0] if said_after else pre[-1] if pre else (speaker_first(near) or [None])[0]
    if choice is None and post:
        choice = speaker_first(post)[0]
    return choice


def quotation_speaker(cue: Cue | None, kind: str, state: Discourse, p: int) -> tuple[str | None, str]:
    """The speaker and the cue text; without a cue, a direct quote continues the voice before it."""
    if cue is not None and cue.speaker:
        return cue.speaker, cue.text
    if kind == "direct":
        recent = p - state.last_quote_para <= CONTINUES_WITHIN
        speaker = state.last_quote_speaker if recent else state.resolver.last_person
        return speaker, _CONTINUES_CUE if speaker else ""
    # A partial quote with no reporting verb is the narrator's scare quote or a term.
    return None, ""


def quotation_rows(doc: Document, tables: Tables, state: Discourse, q: Quotation, p: int,
                   sentence: tuple[int, int, int]) -> list[dict]:
    """The rows of a quotation that opens in ``sentence`` of paragraph ``p``: one per paragraph it spans."""
    _, a, b = sentence
    kind = quotation_kind(doc, q, p, a)
    speaker, cue = quotation_speaker(quotation_cue(doc, q, p, a, kind, state.resolver), kind, state, p)
    if speaker:
        state.resolver.record(speaker, doc.texts[p - 1][a:b])
        state.last_quote_speaker, state.last_quote_para = speaker, q.segments[-1].para
    side = tables.speakers.side.get(speaker, "") if speaker else doc.voice
    mid, why = meeting_for(doc, tables.meetings, state, p, doc.narr[p - 1][a:b].replace(MASK, " "), speaker)
    state.note_meeting(p, speaker, mid)
    number = state.number()
    return [doc.row(s.para, doc.sentences[s.para - 1].containing(s.start)[0], s.start, s.end, kind=kind,
                    speaker=speaker or "", side=side, meeting_id=mid, cue=cue, quotation=number, meeting_evidence=why)
            for s in q.segments]


# --------------------------------------------------------------------------- sentences without quotation marks


def statement_rows(doc: Document, tables: Tables, state: Discourse, p: int,
                   sentence: tuple[int, int, int]) -> list[dict]:
    """An ``indirect`` row for a narration sentence that reports someone ("He further said that ..."), else none."""
    sid, a, b = sentence
    text = doc.texts[p - 1][a:b]
    cues = [c for c in cues_in(doc.narr[p - 1], doc.mentions[p - 1], a, b, state.resolver) if c.speaker]
    if not cues:
        if not doc.meeting_id:  # narration about a meeting sets the topic for the statements after it
            mid, _ = tables.meetings.score(text, None, min_items=NARRATION_MIN_EVIDENCE)
            state.note_meeting(p, None, mid)
        return []
    c = speaker_first(cues)[0]
    state.resolver.record(c.speaker, text)
    mid, why = meeting_for(doc, tables.meetings, state, p, text, c.speaker)
    state.note_meeting(p, c.speaker, mid)
    return [doc.row(p, sid, a, b, kind="indirect", speaker=c.speaker, side=tables.speakers.side.get(c.speaker, ""),
                    meeting_id=mid, cue=c.text, quotation=state.number(), meeting_evidence=why)]


def remember_cues(doc: Document, state: Discourse, p: int, sentence: tuple[int, int, int]) -> None:
    """Record the cue speakers of a quoted sentence too (e.g. "Xi told Blinken, according to ...")."""
    _, a, b = sentence
    text = doc.texts[p - 1][a:b]
    for c in cues_in(doc.narr[p - 1], doc.mentions[p - 1], a, b, state.resolver):
        state.resolver.record(c.speaker, text)


# --------------------------------------------------------------------------- the document


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
