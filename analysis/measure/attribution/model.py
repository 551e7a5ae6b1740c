"""What attribution reads a document with: the corpus tables as matchers, the document's paragraphs
(with their voices, meetings, mentions, sentences and transcript turns) and the discourse so far."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.measure.attribution.cues import Resolver
from analysis.measure.attribution.meetings import Meetings
from analysis.measure.attribution.places import dateline_end
from analysis.measure.attribution.quotations import MASK, Quotation, narration
from analysis.measure.attribution.spans import SentenceSpans
from analysis.measure.attribution.speakers import MentionIndex, Speakers
from analysis.measure.attribution.transcripts import Turn, find_turns
from analysis.measure.attribution.voices import VoiceRange, paragraph_voices, voice_ranges

QUOTE_COLUMNS = ["quote_id", "doc_id", "para", "sent", "start", "end", "text", "kind", "speaker", "side",
                 "meeting_id", "cue", "quotation", "meeting_evidence"]

#: In a press report with a meeting_id, the statements of the two governments' people are at that meeting
#: unless the text points at another; an analyst's, a journalist's or an unnamed speaker's only with evidence.
GOVERNMENT_SIDES = ("us", "china")
#: Words for an occasion of speaking ("told reporters", "at a news conference", "in a speech"): when the
#: meetings table has no such occasion for the statement (no meeting scored), it is at none of its meetings.
OCCASION_RE = re.compile(r"\b(?:(?:told|telling|tells|briefed|briefing|speaking\s+to|spoke\s+to)\s+"
                         r"(?:the\s+)?(?:reporters|journalists|students|the\s+press)|(?:news|press)\s+(?:conference|"
                         r"briefing|availability)|in\s+an?\s+(?:speech|lecture|interview|address)|phone\s+call)\b",
                         re.IGNORECASE)
#: "The talks" (or one of its participants) points back at a meeting described up to 2 paragraphs before.
TOPIC_LOOKBACK = 2
#: "the talks", "the meeting", "the call": the narration points back at the meeting just described.
_ANAPHOR = re.compile(r"\bthe (talks|meeting|call|conversations?|discussions?|readout|reading)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Tables:
    """The corpus's speakers (with roles.csv), meetings and voices.csv tables, as matchers."""

    speakers: Speakers
    meetings: Meetings
    voices: dict[str, list[VoiceRange]]

    @classmethod
    def of(cls, corpus) -> "Tables":
        speakers = Speakers.from_table(corpus.tables.get("speakers"), corpus.tables.get("roles"))
        return cls(speakers, Meetings(corpus.tables.get("meetings"), speakers), voice_ranges(corpus.tables.get("voices")))


@dataclass(frozen=True)
class Meta:
    """A document's articles.csv fields that attribution uses."""

    doc_id: str
    voice: str
    meeting_id: str  # the document's own meeting, "" when none
    published: str  # YYYY-MM-DD, "" when unknown
    title: str = ""  # the page's title: who answers after "Answer:" in a Q&A page


@dataclass(frozen=True)
class Document:
    """One document's paragraphs (1-based), their narration, mentions, sentence spans, voices, meetings
    and transcript turns."""

    meta: Meta
    texts: list[str]
    narr: list[str]  # the paragraphs with quotations masked (see quotations.narration)
    mentions: list[MentionIndex]
    sentences: list[SentenceSpans]
    voices: list[str]  # each paragraph's voice: the document's, a voices.csv range's, or a transcript turn's side
    meetings: list[str]  # each paragraph's given meeting: the document's, or a voices.csv range's
    turns: list[Turn | None]  # each paragraph's transcript turn, None outside turns
    turn_speakers: list[str]  # the speaker of each paragraph's turn, "" outside turns (and for the press)

    @classmethod
    def build(cls, meta: Meta, texts: list[str], lines: list[int], bounds: dict[int, list],
              quotations: list[Quotation], tables: Tables) -> "Document":
        narr = narration(texts, quotations)
        speakers = tables.speakers
        mentions = [MentionIndex(_without_dateline(speakers.mentions(n.replace(MASK, " "), meta.published), n))
                    for n in narr]
        sentences = [SentenceSpans(bounds.get(p) or [], len(t)) for p, t in enumerate(texts, 1)]
        voices, meetings = paragraph_voices(lines, meta.voice, meta.meeting_id, tables.voices.get(meta.doc_id, []))
        turns = find_turns(texts, speakers, meta.published, meta.title)
        turn_speakers = [(t.label.speaker or "") if t else "" for t in turns]
        # A turn speaks in its speaker's side ("PRESIDENT XI:" on a US embassy page is China), the press's for
        # QUESTION:, and the paragraph's voice for a label that names no one.
        voices = [("press" if t.label.kind == "press" else speakers.side.get(sp, "") or v) if t else v
                  for t, sp, v in zip(turns, turn_speakers, voices)]
        return cls(meta, texts, narr, mentions, sentences, voices, meetings, turns, turn_speakers)

    @property
    def doc_id(self) -> str:
        return self.meta.doc_id

    def row(self, para: int, sent: int, start: int, end: int, **fields) -> dict:
        """A quotation row of paragraph ``para`` (the columns of :data:`QUOTE_COLUMNS` but ``quote_id``)."""
        return {"doc_id": self.meta.doc_id, "para": para, "sent": sent, "start": start, "end": end,
                "text": self.texts[para - 1][start:end], **fields}

    def reports(self, p: int) -> bool:
        """Whether paragraph ``p`` is a press report's own (not a readout, nor a voices.csv range): its
        document's meeting_id is what the report is about, not where every statement in it was made."""
        return self.meta.voice == "press" and self.meetings[p - 1] == self.meta.meeting_id

    def named(self, p: int, a: int, b: int) -> set[str]:
        """The speakers named in paragraph ``p`` between offsets ``a`` and ``b``."""
        return {m.speaker for m in self.mentions[p - 1].starting_in(a, b) if m.kind == "name" and m.speaker
                and m.end <= b}


def _without_dateline(mentions: list, narr: str) -> list:
    """A wire dateline's place ("WASHINGTON (Reuters) -") names where the story was filed, not a speaker."""
    end = dateline_end(narr) if narr[:1].isupper() else 0
    return [m for m in mentions if m.start >= end] if end else mentions


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


def meeting_for(doc: Document, meetings: Meetings, state: Discourse, p: int, text: str, speaker: str | None,
                named: set[str] | None = None) -> tuple[str, str]:
    """The meeting of a statement in paragraph ``p`` and the evidence, strongest first: the meeting
    articles.csv or voices.csv gives a readout's paragraph; what the narration ``text`` names (people,
    weekday, place, kind of event; ``named``: its speakers, when known), where an occasion the table does
    not list ("told reporters") means none; the speaker's previous statement; in a press report, its
    meeting_id for the two governments' people; the meeting this paragraph is about, or the last
    paragraphs' for one of its participants or after "the talks"; else ``("", "")``. Never a meeting
    dated after the document was published."""
    given = doc.meetings[p - 1]
    if given and not doc.reports(p):
        source = "the document's meeting_id" if given == doc.meta.meeting_id else "the meeting_id voices.csv gives"
        return given, f"{given}: {source}"
    mid, why = meetings.score(text, None, quoted=speaker, named=named, published=doc.meta.published)
    if mid:
        return mid, why
    if state.topic and state.topic[0] == p:  # this paragraph's narration is about a meeting
        return state.topic[1], f"{state.topic[1]}: the meeting paragraph {p} is about"
    if OCCASION_RE.search(text):  # "told reporters", "in a speech": an occasion no meeting of the table fits
        if speaker:
            state.last_meeting[speaker] = ""  # ... and the speaker's next words are still there
        return "", ""
    if speaker and speaker in state.last_meeting:  # the story is still on that meeting (or occasion)
        last = state.last_meeting[speaker]
        return (last, f"{last}: same speaker's previous statement") if last else ("", "")
    side = meetings.speakers.side.get(speaker or "", "")
    if given and (side in GOVERNMENT_SIDES or speaker in meetings.participants(given)):
        return given, f"{given}: the document's meeting_id (a {side} speaker)"
    if state.topic:
        tp, tm = state.topic
        if tp == p or (p - tp <= TOPIC_LOOKBACK
                       and (speaker in meetings.participants(tm) or _ANAPHOR.search(text))):
            return tm, f"{tm}: the meeting paragraph {tp} is about"
    return "", ""
