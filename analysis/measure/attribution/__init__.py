"""Who says it, about which meeting: quotations, speakers, sides and meetings.

Input is a loaded :class:`~analysis.corpus.Corpus` with the optional tables
``speakers`` (name, aliases, side, role) and ``meetings`` (meeting_id, date,
place, participants, description). Everything here is a pure function of the
corpus: the same corpus always gives the same frames.

* :func:`extract_quotes` -- one row per quoted span per paragraph (``direct`` or
  ``partial``) and one row per reported sentence without quotation marks
  (``indirect``), each with its speaker, side, meeting and the cue that told us.
* :func:`quote_warnings` -- unbalanced quotation marks, with their place.
* :func:`attribute_sentences` -- the sentence frame plus ``speaker``, ``side``,
  ``meeting_id``, ``quote_id``, ``reported_speaker`` and ``meeting_evidence``.
* :func:`load_gold` and :func:`evaluate_quotes` -- the hand annotation in
  ``corpus/annotations/quotes_gold.csv`` and precision/recall/accuracy against it.

>>> from analysis import load_corpus
>>> corpus = load_corpus()
>>> quotes = extract_quotes(corpus)
>>> quotes.columns[:12].tolist()
['quote_id', 'doc_id', 'para', 'sent', 'start', 'end', 'text', 'kind', 'speaker', 'side', 'meeting_id', 'cue']
>>> row = quotes[quotes.text.str.startswith("It is clear who is responsible")].iloc[0]
>>> row.speaker, row.side, row.meeting_id
('Qin Gang', 'china', 'blinken-qin-call')
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.text.corpus import SIDES
from analysis.text.tokens import ascii_apostrophes
from analysis.errors import CorpusError, Problem, display_path

QUOTE_COLUMNS = ["quote_id", "doc_id", "para", "sent", "start", "end", "text", "kind", "speaker", "side",
                 "meeting_id", "cue", "quotation", "meeting_evidence"]
WARNING_COLUMNS = ["doc_id", "para", "line", "position", "message"]

#: Reporting verbs (and "according to") that introduce speech. Matched as whole words.
REPORTING_VERBS = (
    "according to", "said", "says", "say", "saying", "calling", "told", "tells", "telling", "added", "adding",
    "warned", "warning", "noted", "noting", "stressed", "urged", "pointed out", "opined", "enumerated",
    "described", "called", "acknowledged", "predicted", "touted", "reaffirmed", "reiterated", "blamed",
    "demanded", "accused", "asked", "emphasized", "emphasizing", "insisted", "announced", "stated",
    "explained", "argued", "reported", "confirmed", "hoped", "underscored", "underlined", "emphasised",
    "stressing", "vowed", "pledged", "cautioned", "complained",
)
_VERB_RE = re.compile(r"(?<![\w'])(" + "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True)) + r")(?![\w'])",
                      re.IGNORECASE)
#: Personal pronouns as subjects resolve to the last named person who spoke.
_PRONOUN_RE = re.compile(r"(?<![\w'])(he|she)(?![\w'])", re.IGNORECASE)
#: "the statement said", "a readout said": resolve to the last source document (an institution, or a
#: speaker quoted "in a statement").
_DOCUMENT_RE = re.compile(r"(?<![\w'])(?:the|a|an|that)\s+(?:(US|U\.S\.|American|Chinese|China's)\s+)?"
                          r"(statement|readout|reading|brief)(?![\w'])", re.IGNORECASE)
#: "a US statement", "a Chinese readout": the adjective says whose document it is.
_SIDE_ADJECTIVES = {"us": "us", "u.s.": "us", "american": "us", "chinese": "china", "china's": "china"}
_SOURCE_HINT = re.compile(r"\b(statement|readout|reading)\b", re.IGNORECASE)
#: Roles that mark a speaker as a body or a document rather than a person.
_INSTITUTION_ROLES = ("institution", "state media", "news outlet")
#: Words naming the kind of event; they count as evidence when a meeting's description uses them too.
EVENT_WORDS = ("phone", "call", "interview", "press conference", "news conference", "briefing", "reporters", "dinner",
               "departure", "spokesman")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ANAPHOR = re.compile(r"\bthe (talks|meeting|call|conversations?|discussions?|readout|reading)\b", re.IGNORECASE)
_MASK = "\x00"  # stands in for quoted text in narration, so cues never come from inside a quotation
_OPEN, _CLOSE = "\u201c", "\u201d"


# --------------------------------------------------------------------------- speakers


@dataclass
class Speakers:
    """The speakers table as a matcher: aliases -> canonical names, sides, roles."""

    side: dict[str, str] = field(default_factory=dict)
    role: dict[str, str] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)  # lower-case alias -> name
    pattern: re.Pattern | None = None

    @classmethod
    def from_table(cls, table: pd.DataFrame | None) -> "Speakers":
        """Build from a ``speakers`` frame; the name itself is always an alias.

        >>> t = pd.DataFrame({"name": ["Antony Blinken"], "aliases": ["Blinken;the secretary"],
        ...                   "side": ["us"], "role": ["Secretary of State"]})
        >>> s = Speakers.from_table(t)
        >>> [(m.speaker, m.text) for m in s.mentions("The Secretary said Blinken’s aides agreed.")]
        [('Antony Blinken', 'The Secretary'), ('Antony Blinken', 'Blinken')]
        """
        self = cls()
        if table is None or table.empty:
            return self
        for row in table.itertuples(index=False):
            name = row.name.strip()
            self.side[name] = row.side.strip()
            self.role[name] = row.role.strip()
            for a in [name, *str(row.aliases).split(";")]:
                a = _norm(a.strip())
                if a:
                    self.alias.setdefault(a.lower(), name)
        # Longest alias first, so "State Department official" wins over "State Department".
        alts = sorted(self.alias, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])", re.IGNORECASE)
        return self

    def is_institution(self, name: str) -> bool:
        return any(r in self.role.get(name, "").lower() for r in _INSTITUTION_ROLES)

    def mentions(self, text: str) -> list["Mention"]:
        """Named mentions, pronouns and document nouns in ``text``, in order."""
        text = _norm(text)
        found = []
        if self.pattern is not None:
            found += [Mention(m.start(), m.end(), m.group(0), self.alias[m.group(0).lower()], "name")
                      for m in self.pattern.finditer(text)]
        taken = [(m.start, m.end) for m in found]

        def free(a, b):
            return all(b <= s or a >= e for s, e in taken)

        found += [Mention(m.start(), m.end(), m.group(0), None, "pronoun") for m in _PRONOUN_RE.finditer(text) if free(*m.span())]
        found += [Mention(m.start(), m.end(), m.group(0), None, "document",
                          _SIDE_ADJECTIVES.get(ascii_apostrophes((m.group(1) or "").lower())))
                  for m in _DOCUMENT_RE.finditer(text) if free(*m.span())]
        return sorted(found, key=lambda m: m.start)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # name | pronoun | document
    side: str | None = None  # for "a US statement": whose document


def _norm(text: str) -> str:
    """Curly apostrophes as straight ones (same length, so offsets hold)."""
    return ascii_apostrophes(text)


# --------------------------------------------------------------------------- quotation marks


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
    return (before.isspace() or before in "([{\u2014\u2013-/") and not after.isspace()


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
    quotes: list[Quotation] = []
    warnings: list[tuple[int, int, str]] = []
    segs: list[Segment] | None = None  # segments of the quotation now open, None when none is open
    open_para = open_at = seg_start = 0
    for p, text in enumerate(paragraphs, 1):
        skip = -1
        if segs is not None:
            stripped = text.lstrip()
            if stripped[:1] in (_OPEN, '"'):  # newspaper convention: the quotation continues here
                skip = len(text) - len(stripped)
                seg_start = skip + 1
            else:  # the previous paragraph's quotation was never closed: it ended there
                warnings.append((open_para, open_at, "quotation mark opened here is never closed"))
                quotes.append(Quotation(segs))
                segs = None
        for i, ch in enumerate(text):
            if i == skip:
                continue
            if ch == _OPEN or (ch == '"' and segs is None and _is_straight_open(text, i)):
                if segs is not None:  # a new quotation opens before the last one closed: close it here
                    warnings.append((p, i, "quotation mark opens while another quotation is still open"))
                    segs.append(Segment(p, seg_start, i, open_at if open_para == p else None))
                    quotes.append(Quotation(segs))
                segs, open_para, open_at, seg_start = [], p, i, i + 1
            elif ch == _CLOSE or ch == '"':
                if segs is None:
                    warnings.append((p, i, "closing quotation mark without an opening one"))
                    continue
                segs.append(Segment(p, seg_start, i, open_at if open_para == p else None))
                quotes.append(Quotation(segs, closed_at=i))
                segs = None
        if segs is not None:  # still open at the end of the paragraph: the next paragraph decides
            segs.append(Segment(p, seg_start, len(text), open_at if open_para == p else None))
    if segs is not None:
        warnings.append((open_para, open_at, "quotation mark opened here is never closed"))
        quotes.append(Quotation(segs))
    # Trim spaces and drop empty segments ("" or a stray pair of marks).
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
    return out, warnings


# --------------------------------------------------------------------------- cues


@dataclass
class Cue:
    speaker: str | None
    text: str
    via: str  # name | pronoun | document


def _find_subject(narr: str, verb: re.Match, mentions: list[Mention], lo: int, hi: int) -> Mention | None:
    """The speaker of a reporting verb: the mention before it (skipping an apposition), or just after it."""
    v0, v1 = verb.span()
    word = verb.group(1).lower()
    before = [m for m in mentions if lo <= m.start and m.end <= v0]
    if word.endswith("ing") and narr[lo:v0].rstrip().endswith(","):
        # "Blinken said ..., saying": a participle after a comma shares the main clause's subject.
        named = [m for m in before if m.kind == "name" and _MASK not in narr[m.end:v0]]
        return named[0] if named else None
    if word != "according to":
        for i in range(len(before) - 1, -1, -1):
            m = before[i]
            gap = narr[m.end:v0]
            if _MASK in gap or re.search(r"[.;:!?]", gap):
                break
            if "," not in gap and len(gap.split()) <= 3:  # "Blinken has also repeatedly noted"
                return m
            if gap.lstrip().startswith(","):
                # "US officials, including Blinken, have acknowledged": m closes an apposition; the
                # subject is the mention before the apposition's opening comma.
                if i > 0 and re.fullmatch(r"\s*,[^,.;:!?\x00]*", narr[before[i - 1].end:m.start]):
                    return before[i - 1]
                if (gap.rstrip().endswith(",") and len(gap) <= 120 or re.match(r"\s*,\s*who\s+(\w+\s+)?$", gap)
                        or len(gap.split()) <= 2):
                    return m  # "Danny Russel, who was ..., said"; "Balakrishnan, who said"; "embassy in Washington, DC said"
    # "The Secretary raised concerns about ... and urged": a second verb shares the sentence's subject.
    if word != "according to" and before and before[0].start - lo <= 4 and before[0].kind != "document":
        gap = narr[before[0].end:v0]
        if re.search(r"\sand\s+(\w+\s+)?$", gap) and not re.search(r"[,.;:!?\x00]", gap) and len(before) == 1:
            return before[0]
    # After the verb only in inversions ("...,” said Blinken") and with "according to".
    lead = narr[lo:v0].replace(_MASK, " ").strip(" ,\u2014-")
    if word != "according to" and lead and not narr[lo:v0].rstrip().endswith(","):
        return None
    after = [m for m in mentions if v1 <= m.start < hi]
    limit = 40 if word == "according to" else 12
    for kind in ("name", "document", "pronoun"):
        for m in after:
            gap = narr[v1:m.start]
            if _MASK in gap or re.search(r"[.,;:!?]", gap) or len(gap) > limit:
                break
            if m.kind == kind:
                return m
    return None


class _Resolver:
    """Keeps the discourse history of one document: who spoke last, which source was last cited."""

    def __init__(self, speakers: Speakers):
        self.speakers = speakers
        self.last_person: str | None = None
        self.last_source: str | None = None
        self.sources: list[str] = []

    def resolve(self, m: Mention) -> str | None:
        if m.kind == "name":
            return m.speaker
        if m.kind == "pronoun":
            return self.last_person
        if m.side:
            # "a US statement": the last source of that side, else the first institution of that side
            # in speakers.csv (list a government's main source of readouts first).
            for name in reversed(self.sources):
                if self.speakers.side.get(name) == m.side:
                    return name
            return next((n for n in self.speakers.side if self.speakers.side[n] == m.side
                         and self.speakers.is_institution(n)), None)
        return self.last_source or self.last_person

    def record(self, speaker: str | None, sentence: str) -> None:
        if not speaker:
            return
        if self.speakers.is_institution(speaker) or _SOURCE_HINT.search(sentence):
            self.last_source = speaker
            self.sources.append(speaker)
        if not self.speakers.is_institution(speaker):
            self.last_person = speaker


def _cues_in(narr: str, mentions: list[Mention], lo: int, hi: int, resolver: _Resolver) -> list[tuple[int, int, Cue]]:
    """All reporting cues in narr[lo:hi] with a resolvable speaker: ``(verb_start, verb_end, cue)``."""
    out = []
    for verb in _VERB_RE.finditer(narr, lo, hi):
        m = _find_subject(narr, verb, mentions, lo, hi)
        if m is None:
            continue
        speaker = resolver.resolve(m)
        a, b = min(m.start, verb.start()), max(m.end, verb.end())
        out.append((verb.start(), verb.end(), Cue(speaker, narr[a:b].replace(_MASK, "…"), m.kind)))
    return out


# --------------------------------------------------------------------------- meetings


@dataclass
class _Meeting:
    meeting_id: str
    participants: set[str]
    weekdays: set[str]
    places: set[str]
    events: set[str]


class Meetings:
    """The meetings table as evidence scorer: participants, weekdays, places and event words."""

    def __init__(self, table: pd.DataFrame | None, speakers: Speakers):
        self.speakers = speakers
        self.items: list[_Meeting] = []
        if table is None:
            return
        for row in table.itertuples(index=False):
            desc = str(row.description).lower()
            days = {d for d in WEEKDAYS if d in desc}
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", row.date.strip()):
                days.add(WEEKDAYS[dt.date.fromisoformat(row.date.strip()).weekday()])
            places = {w.lower() for w in re.findall(r"[A-Z][\w'-]{3,}", row.place)}
            events = {w for w in EVENT_WORDS if re.search(r"\b" + w + r"\b", desc)}
            parts = {p.strip() for p in row.participants.split(";") if p.strip()}
            self.items.append(_Meeting(row.meeting_id, parts, days, places, events))
        # Evidence shared by many meetings says little: weight each participant and place by 1/count.
        self.p_weight = {}
        self.place_weight = {}
        for m in self.items:
            for p in m.participants:
                self.p_weight[p] = self.p_weight.get(p, 0) + 1
            for w in m.places:
                self.place_weight[w] = self.place_weight.get(w, 0) + 1

    def participants(self, meeting_id: str) -> set[str]:
        return next((m.participants for m in self.items if m.meeting_id == meeting_id), set())

    def score(self, text: str, speaker: str | None, quoted: str | None = None, min_items: int = 1) -> tuple[str, str]:
        """Best meeting for a sentence and the evidence, or ``("", evidence)`` when nothing decides.

        A meeting is chosen when its score is at least 1 and better than any other.
        ``speaker`` counts as a participant; ``quoted`` (the statement's speaker, when
        only the narration is scored) does not make a pair with others. Narration
        that reports no one needs ``min_items`` pieces of evidence (a passing
        "Biden administration" is not the Bali summit).
        """
        if not self.items:
            return "", ""
        low = _norm(text).lower()
        named = {m.speaker for m in self.speakers.mentions(text) if m.kind == "name"}
        days = {d for d in WEEKDAYS if re.search(r"\b" + d + r"\b", low)}
        words = set(re.findall(r"[a-z][\w'-]{3,}", low))
        scored = []
        for m in self.items:
            s, why = 0.0, []
            present = sorted(m.participants & (named | ({speaker} if speaker else set())))
            for p in present:
                if p != quoted:
                    s += 1 / self.p_weight[p]
                    why.append(p)
            # Two or more of a meeting's participants named together ("Xi told Blinken") point at it.
            s += 0.5 * max(0, len(set(present) - {quoted}) - 1)
            for d in sorted(m.weekdays & days):
                s += 1
                why.append(d.capitalize())
            for w in sorted(m.places & words):
                s += 1 / self.place_weight[w]
                why.append(w.capitalize())
            for e in sorted(m.events):
                if re.search(r"\b" + e + r"\b", low):
                    s += 1
                    why.append(f"'{e}'")
            if quoted in present and s > 0:
                # "Biden said" alone does not place a statement; with other evidence the speaker counts.
                s += 1 / self.p_weight[quoted]
                why.append(quoted)
            scored.append((s, m.meeting_id, why))
        scored.sort(key=lambda x: -x[0])
        best = scored[0]
        if best[0] >= 1 and len(best[2]) >= min_items and (len(scored) == 1 or best[0] > scored[1][0]):
            return best[1], f"{best[1]}: " + ", ".join(best[2]) + f" (score {best[0]:.2f})"
        return "", ""


# --------------------------------------------------------------------------- extraction


def _tables(corpus) -> tuple[Speakers, Meetings]:
    speakers = Speakers.from_table(corpus.tables.get("speakers"))
    return speakers, Meetings(corpus.tables.get("meetings"), speakers)


def _analyse(corpus):
    """Quotes and warnings for the whole corpus (the work behind the public functions)."""
    speakers, meetings = _tables(corpus)
    sentences = corpus.sentences
    rows, warns = [], []
    docs = corpus.documents.set_index("doc_id")
    for doc_id, paras in corpus.paragraphs.groupby("doc_id", sort=False):
        paras = paras.sort_values("para")
        texts = paras.text.tolist()
        lines = paras.line.tolist()
        voice = docs.at[doc_id, "voice"]
        doc_meeting = docs.at[doc_id, "meeting_id"] or ""
        doc_sents = sentences[sentences.doc_id == doc_id]
        bounds = {p: list(zip(g.sent, g.start, g.end)) for p, g in doc_sents.groupby("para")}
        quotations, found = find_quotations(texts)
        for p, pos, msg in found:
            warns.append({"doc_id": doc_id, "para": p, "line": lines[p - 1], "position": pos, "message": msg})
        rows += _attribute_document(doc_id, voice, doc_meeting, texts, bounds, quotations, speakers, meetings)
    quotes = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    quotes["quote_id"] = [f"{d}:q{i}" for d, i in zip(quotes.doc_id, quotes.groupby("doc_id", sort=False).cumcount() + 1)]
    return quotes, pd.DataFrame(warns, columns=WARNING_COLUMNS)


def _sentence_of(bounds: list[tuple[int, int, int]], offset: int) -> tuple[int, int, int]:
    for s in bounds:
        if s[1] <= offset < s[2]:
            return s
    return min(bounds, key=lambda s: min(abs(s[1] - offset), abs(s[2] - offset)))


def _attribute_document(doc_id, voice, doc_meeting, texts, bounds, quotations, speakers, meetings):
    # Narration: the paragraph with every quotation (marks included) masked, so cues come from outside quotes.
    narr = [list(_norm(t)) for t in texts]
    for q in quotations:
        for s in q.segments:
            a = s.open_at if s.open_at is not None else max(s.start - 1, 0)
            b = s.end + 1 if s.end < len(texts[s.para - 1]) and texts[s.para - 1][s.end] in _CLOSE + '"' else s.end
            for i in range(a, b):
                narr[s.para - 1][i] = _MASK
    narr = ["".join(n) for n in narr]
    mentions = [speakers.mentions(n.replace(_MASK, " ")) for n in narr]
    resolver = _Resolver(speakers)
    rows: list[dict] = []
    last_quote_speaker: str | None = None
    last_meeting: dict[str, str] = {}  # speaker -> meeting of their last statement
    prev_quote_end_para = -10

    topic: list[tuple[int, str]] = []  # (para, meeting) of what the narration has been about

    def meeting_for(p: int, narration: str, speaker: str | None) -> tuple[str, str]:
        """Evidence in order of strength: the document's own meeting; what the narration names (people,
        weekday, place, kind of event); the speaker's previous statement; the meeting this paragraph was
        about, or the last two paragraphs for one of its participants or after "the talks"; else none."""
        if doc_meeting:
            return doc_meeting, f"{doc_meeting}: the document's meeting_id"
        mid, why = meetings.score(narration, None, quoted=speaker)
        if mid:
            topic.append((p, mid))
            return mid, why
        if speaker and last_meeting.get(speaker):
            topic.append((p, last_meeting[speaker]))  # the story is still on that meeting
            return last_meeting[speaker], f"{last_meeting[speaker]}: same speaker's previous statement"
        if topic:
            tp, tm = topic[-1]
            # "the talks", "the meeting", "the call" point back at the meeting just described.
            if tp == p or (p - tp <= 2 and (speaker in meetings.participants(tm) or _ANAPHOR.search(narration))):
                topic.append((p, tm))
                return tm, f"{tm}: the meeting paragraph {tp} is about"
        return "", ""

    for p, text in enumerate(texts, 1):
        n = narr[p - 1]
        sents = bounds.get(p) or [(1, 0, len(text))]
        para_quotes = [q for q in quotations if q.segments[0].para == p]
        quoted_sents = set()
        for q in quotations:
            for s in q.segments:
                if s.para == p:
                    for sid, a, b in sents:
                        if a < s.end and s.start < b:
                            quoted_sents.add(sid)
        # Sentences are handled in order, so pronouns resolve to the speaker named before them.
        for sid, a, b in sents:
            for q in [q for q in para_quotes if a <= q.segments[0].start < b]:
                first, last = q.segments[0], q.segments[-1]
                lp = last.para
                lb = _sentence_of(bounds.get(lp) or [(1, 0, len(texts[lp - 1]))], last.end)[2]
                after_lo = (q.closed_at + 1) if q.closed_at is not None else last.end
                pre = _cues_in(n, mentions[p - 1], a, first.open_at if first.open_at is not None else first.start, resolver)
                post = _cues_in(narr[lp - 1], mentions[lp - 1], after_lo, lb, resolver) if after_lo < lb else []
                at_start = first.open_at is None or not n[a:first.open_at].strip(" ,:\u2014" + _MASK) or \
                    re.search(r"[,:]\s*$", n[a:first.open_at])
                capital = texts[p - 1][first.start:first.start + 1].isupper()
                kind = "direct" if at_start and (capital or first.open_at is None or not n[a:first.open_at].strip()) else "partial"
                # Direct quotes take the cue after them (",” Blinken said"); partial ones the verb that frames them.
                post_near = [c for c in post if len(narr[lp - 1][after_lo:c[0]].split()) <= 12]

                def non_acc(cs):  # "Qin said, according to the ministry": the speaker, not the source
                    return [c for c in cs if "according to" not in c[2].text.lower()] or cs

                choice = None
                if kind == "direct":
                    choice = (non_acc(post_near) or [None])[0] or (pre[-1] if pre else None)
                else:
                    # '..., “the importance of ...,” Miller said in a statement': a cue right after the
                    # quote names whose words they are, even when a verb before it frames them.
                    said_after = [c for c in post_near if "according to" not in c[2].text.lower() and
                                  (texts[lp - 1][:last.end].rstrip().endswith(",") or
                                   narr[lp - 1][after_lo:c[0]].lstrip().startswith(","))]
                    choice = said_after[0] if said_after else pre[-1] if pre else (non_acc(post_near) or [None])[0]
                if choice is None and post:
                    choice = non_acc(post)[0]
                if choice is not None and choice[2].speaker:
                    speaker, cue = choice[2].speaker, choice[2].text
                elif kind == "direct":
                    # No cue: a quotation that follows another one continues the same voice.
                    speaker = last_quote_speaker if p - prev_quote_end_para <= 1 else resolver.last_person
                    cue = "(continues the previous quotation)" if speaker else ""
                else:
                    # A partial quote with no reporting verb is the narrator's scare quote or a term.
                    speaker, cue = None, ""
                if speaker:
                    resolver.record(speaker, texts[p - 1][a:b])
                    last_quote_speaker = speaker
                    prev_quote_end_para = lp
                side = speakers.side.get(speaker, "") if speaker else voice
                mid, why = meeting_for(p, n[a:b].replace(_MASK, " "), speaker)
                if speaker and mid:
                    last_meeting[speaker] = mid
                qn = len({r["quotation"] for r in rows}) + 1
                for s in q.segments:
                    sb = _sentence_of(bounds.get(s.para) or [(1, 0, len(texts[s.para - 1]))], s.start)
                    rows.append({"doc_id": doc_id, "para": s.para, "sent": sb[0], "start": s.start, "end": s.end,
                                 "text": texts[s.para - 1][s.start:s.end], "kind": kind, "speaker": speaker or "",
                                 "side": side, "meeting_id": mid, "cue": cue, "quotation": qn,
                                 "meeting_evidence": why})
            if sid in quoted_sents:
                # Remember cue speakers of quoted sentences too (e.g. "Xi told Blinken, according to ...").
                for _, _, c in _cues_in(n, mentions[p - 1], a, b, resolver):
                    resolver.record(c.speaker, texts[p - 1][a:b])
                continue
            cues = _cues_in(n, mentions[p - 1], a, b, resolver)
            cues = [c for c in cues if c[2].speaker]
            if not cues:
                mid, _ = meetings.score(texts[p - 1][a:b], None, min_items=2) if not doc_meeting else ("", "")
                if mid:
                    topic.append((p, mid))
                continue
            ordered = [c for c in cues if "according to" not in c[2].text.lower()] or cues
            c = ordered[0][2]
            resolver.record(c.speaker, texts[p - 1][a:b])
            mid, why = meeting_for(p, texts[p - 1][a:b], c.speaker)
            if mid:
                last_meeting[c.speaker] = mid
            qn = len({r["quotation"] for r in rows}) + 1
            rows.append({"doc_id": doc_id, "para": p, "sent": sid, "start": a, "end": b, "text": texts[p - 1][a:b],
                         "kind": "indirect", "speaker": c.speaker, "side": speakers.side.get(c.speaker, ""),
                         "meeting_id": mid, "cue": c.text, "quotation": qn, "meeting_evidence": why})
    # A lead paragraph often summarises the quotes below it: a statement with no meeting takes the meeting
    # of the same speaker's next statement within three paragraphs.
    for i, r in enumerate(rows):
        if r["meeting_id"] or not r["speaker"]:
            continue
        for later in rows[i + 1:]:
            if later["para"] - r["para"] > 3:
                break
            if later["speaker"] == r["speaker"] and later["meeting_id"]:
                r["meeting_id"] = later["meeting_id"]
                r["meeting_evidence"] = f"{later['meeting_id']}: same speaker's next statement (paragraph {later['para']})"
                break
    return rows


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
    return _analyse(corpus)[0]


def quote_warnings(corpus) -> pd.DataFrame:
    """Unbalanced quotation marks: ``doc_id, para, line, position, message`` (never an exception).

    >>> from analysis import load_corpus
    >>> quote_warnings(load_corpus()).columns.tolist()
    ['doc_id', 'para', 'line', 'position', 'message']
    """
    return _analyse(corpus)[1]


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
    quotes, warnings = _analyse(corpus)
    return _attributed(corpus, quotes), quotes, warnings


def _attributed(corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    speakers, meetings = _tables(corpus)
    out = corpus.sentences.copy()
    docs = corpus.documents.set_index("doc_id")
    cols = {c: [] for c in ("speaker", "side", "quote_id", "reported_speaker", "reported_side",
                            "meeting_id", "meeting_evidence")}
    by_para = {k: g for k, g in quotes.groupby(["doc_id", "para"])}
    for r in out.itertuples(index=False):
        voice = docs.at[r.doc_id, "voice"]
        doc_meeting = docs.at[r.doc_id, "meeting_id"] or ""
        q = by_para.get((r.doc_id, r.para))
        quoted, best, reported = 0, None, None
        if q is not None:
            for x in q.itertuples(index=False):
                overlap = max(0, min(x.end, r.end) - max(x.start, r.start))
                if x.kind != "indirect":
                    quoted += overlap
                    if overlap and (best is None or overlap > best[0]):
                        best = (overlap, x)
                if overlap and reported is None:
                    reported = x
        length = max(1, len(r.text.strip()))
        # A sentence belongs to the quoted speaker when it is mostly quotation, or when
        # it opens with a direct quote and the rest is the reporting clause
        # ("“It is clear who is responsible,” Qin said, according to ...").
        opens_with_quote = best is not None and best[1].kind == "direct" and best[1].start <= r.start + 2
        if best is not None and (quoted * 2 >= length or opens_with_quote):
            x = best[1]
            cols["speaker"].append(x.speaker)
            cols["side"].append(x.side or voice)
            cols["quote_id"].append(x.quote_id)
            cols["reported_speaker"].append("")
            cols["reported_side"].append("")
            cols["meeting_id"].append(x.meeting_id)
            cols["meeting_evidence"].append(x.meeting_evidence)
            continue
        cols["speaker"].append("")
        cols["side"].append(voice)
        cols["quote_id"].append(reported.quote_id if reported is not None else "")
        cols["reported_speaker"].append(reported.speaker if reported is not None else "")
        cols["reported_side"].append((reported.side or "") if reported is not None else "")
        if reported is not None and reported.meeting_id:
            mid, why = reported.meeting_id, reported.meeting_evidence
        elif doc_meeting:
            mid, why = doc_meeting, f"{doc_meeting}: the document's meeting_id"
        else:
            mid, why = meetings.score(r.text, None, min_items=2)
        cols["meeting_id"].append(mid)
        cols["meeting_evidence"].append(why)
    for c, v in cols.items():
        out[c] = v
    return out


# --------------------------------------------------------------------------- gold and evaluation

GOLD_COLUMNS = ("doc_id", "para", "sent", "text", "kind", "speaker", "side", "meeting_id")
GOLD_FILE = Path("annotations") / "quotes_gold.csv"


def load_gold(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """Read the hand annotation and locate each quote in its paragraph (adds ``start``/``end``).

    ``path`` defaults to ``<corpus>/annotations/quotes_gold.csv``. A row whose
    text is not found in its paragraph, or with an unknown kind or side, raises
    :class:`~analysis.errors.CorpusError` naming the file and line.

    >>> from analysis import load_corpus
    >>> gold = load_gold(corpus=load_corpus())
    >>> set(gold.kind) == {"direct", "partial", "indirect"}
    True
    """
    from analysis.paths import BUNDLED_CORPUS
    from analysis.text.csvfile import read_csv_rows

    if corpus is None:
        from analysis.text.corpus import load_corpus
        corpus = load_corpus()
    path = Path(path) if path is not None else Path(corpus.path if corpus.path else BUNDLED_CORPUS) / GOLD_FILE
    rows, problems = read_csv_rows(path, GOLD_COLUMNS)
    name = display_path(path)
    paras = {(d, p): t for d, p, t in corpus.paragraphs[["doc_id", "para", "text"]].itertuples(index=False)}
    out = []
    for line, row in rows:
        try:
            key = (row["doc_id"], int(row["para"]))
        except ValueError:
            problems.append(Problem(name, f"para {row['para']!r} is not a number", "give the paragraph number", line=line))
            continue
        text = paras.get(key)
        if text is None:
            problems.append(Problem(name, f"no paragraph {key[1]} in {key[0]!r}", "check doc_id and para", line=line))
            continue
        # The text may keep its quotation marks (to tell “no” from "not"); the span excludes them.
        target = row["text"]
        start = text.find(target)
        if start >= 0 and target[:1] in "\u201c\"" and target[-1:] in "\u201d\"" and len(target) > 2:
            start, row = start + 1, {**row, "text": target[1:-1]}
        if start < 0 or not target:
            problems.append(Problem(name, f"text {row['text'][:40]!r} not found in {key[0]} paragraph {key[1]}",
                                    "copy the quoted words exactly as the paragraph has them", line=line))
            continue
        if row["kind"] not in ("direct", "partial", "indirect"):
            problems.append(Problem(name, f"unknown kind {row['kind']!r}", "use direct, partial or indirect", line=line))
        if row["side"] not in SIDES:
            problems.append(Problem(name, f"unknown side {row['side']!r}", f"use one of {', '.join(SIDES)}", line=line))
        out.append({**row, "para": key[1], "start": start, "end": start + len(row["text"]), "gold_line": line})
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(out, columns=[*GOLD_COLUMNS, "start", "end", "gold_line"])


def match_quotes(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair gold quotes with extracted ones: same doc and paragraph, overlapping spans.

    Each gold row takes the extracted row that overlaps it most and is not taken
    yet (a one-to-one matching, in gold order). Returns the gold rows with
    ``found_*`` columns (empty when no match).
    """
    taken: set[int] = set()
    out = []
    groups = {k: g for k, g in quotes.groupby(["doc_id", "para"])}
    for g in gold.itertuples(index=False):
        cand = groups.get((g.doc_id, g.para))
        best = None
        if cand is not None:
            for i, q in zip(cand.index, cand.itertuples(index=False)):
                ov = min(q.end, g.end) - max(q.start, g.start)
                if ov > 0 and i not in taken and (best is None or ov > best[0]):
                    best = (ov, i, q)
        row = g._asdict()
        if best:
            taken.add(best[1])
            q = best[2]
            row.update(found_id=q.quote_id, found_kind=q.kind, found_speaker=q.speaker, found_side=q.side,
                       found_meeting_id=q.meeting_id)
        else:
            row.update(found_id="", found_kind="", found_speaker="", found_side="", found_meeting_id="")
        out.append(row)
    return pd.DataFrame(out)


def evaluate_quotes(corpus, gold: pd.DataFrame | None = None) -> dict:
    """Precision and recall of extraction, accuracy of speaker, side, meeting and kind on matched quotes.

    Matching rule: a gold quote and an extracted row match when they are in the
    same document and paragraph and their character spans overlap (one to one).
    Precision = matched extracted rows / extracted rows; recall = matched gold
    rows / gold rows; the accuracies are over matched pairs. ``gold`` defaults
    to the corpus's ``annotations/quotes_gold.csv``.

    >>> from analysis import load_corpus
    >>> r = evaluate_quotes(load_corpus())
    >>> sorted(r)
    ['kind_accuracy', 'matched', 'meeting_accuracy', 'n_extracted', 'n_gold', 'precision', 'recall', 'side_accuracy', 'speaker_accuracy']
    """
    if gold is None:
        gold = load_gold(corpus=corpus)
    quotes = extract_quotes(corpus)
    m = match_quotes(quotes, gold)
    hit = m[m.found_id != ""] if len(m) else m
    n = len(hit)

    def acc(a, b):
        return round(float((hit[a] == hit[b]).mean()), 3) if n else 0.0

    return {
        "n_gold": len(gold), "n_extracted": len(quotes), "matched": n,
        "precision": round(n / len(quotes), 3) if len(quotes) else 0.0,
        "recall": round(n / len(gold), 3) if len(gold) else 0.0,
        "speaker_accuracy": acc("speaker", "found_speaker"),
        "side_accuracy": acc("side", "found_side"),
        "meeting_accuracy": acc("meeting_id", "found_meeting_id"),
        "kind_accuracy": acc("kind", "found_kind"),
    }
