"""Reporting cues: a reporting verb, its subject, and who that subject is in the document so far."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.measure.attribution.quotations import MASK
from analysis.measure.attribution.speakers import Mention, MentionIndex, Speakers

#: Reporting verbs (and "according to") that introduce speech. Matched as whole words.
REPORTING_VERBS = (
    "according to", "said", "says", "say", "saying", "calling", "told", "tells", "telling", "added", "adding",
    "warned", "warning", "noted", "noting", "stressed", "urged", "pointed out", "opined", "enumerated",
    "described", "called", "acknowledged", "predicted", "touted", "reaffirmed", "reiterated", "blamed",
    "demanded", "accused", "asked", "emphasized", "emphasizing", "insisted", "announced", "stated",
    "explained", "argued", "reported", "confirmed", "hoped", "underscored", "underlined", "emphasised",
    "stressing", "vowed", "pledged", "cautioned", "complained",
)
VERB_RE = re.compile(r"(?<![\w'])(" + "|".join(sorted(map(re.escape, REPORTING_VERBS), key=len, reverse=True))
                     + r")(?![\w'])", re.IGNORECASE)
ACCORDING_TO = "according to"
#: Sentences that mention a statement or readout make their speaker the source that later
#: "the statement said" points back to.
SOURCE_HINT = re.compile(r"\b(statement|readout|reading)\b", re.IGNORECASE)

#: "Blinken has also repeatedly noted": at most this many words between a subject and its verb.
SUBJECT_GAP_WORDS = 3
#: "Danny Russel, who was ..., said": an apposition closed by a comma may run this many characters.
APPOSITION_CHARS = 120
#: "embassy in Washington, DC said": a comma this many words before the verb still leaves the subject.
SHORT_GAP_WORDS = 2
#: "The Secretary raised concerns ... and urged": the shared subject opens the sentence (within 4 characters).
SENTENCE_OPENING_CHARS = 4
#: In an inversion ('...,” said Blinken') the subject follows the verb within 12 characters;
#: after "according to" within 40 ("according to a senior State Department official").
INVERSION_CHARS = 12
ACCORDING_TO_CHARS = 40

_CLAUSE_STOP = re.compile(r"[.;:!?]")
_AFTER_STOP = re.compile(r"[.,;:!?]")
_APPOSITION_OPENING = re.compile(r"\s*,[^,.;:!?" + MASK + r"]*")
_WHO_CLAUSE = re.compile(r"\s*,\s*who\s+(\w+\s+)?$")
_AND_VERB = re.compile(r"\sand\s+(\w+\s+)?$")
_AND_GAP_STOP = re.compile(r"[,.;:!?" + MASK + r"]")


@dataclass(frozen=True)
class Cue:
    """A reporting verb at ``narr[verb_start:verb_end]`` with its subject resolved to ``speaker``."""

    speaker: str | None
    text: str  # the subject and the verb, as the narration has them
    via: str  # name | pronoun | document
    verb_start: int
    verb_end: int

    @property
    def according_to(self) -> bool:
        """An "according to" cue names a source, which a speaker's own verb outranks."""
        return ACCORDING_TO in self.text.lower()


def _participle_subject(narr: str, before: list[Mention], v0: int) -> Mention | None:
    """'Blinken said ..., saying': a participle after a comma shares the main clause's named subject."""
    named = [m for m in before if m.kind == "name" and MASK not in narr[m.end:v0]]
    return named[0] if named else None


def _subject_before(narr: str, before: list[Mention], v0: int) -> Mention | None:
    """The nearest mention before the verb in the same clause, skipping an apposition."""
    for i in range(len(before) - 1, -1, -1):
        m = before[i]
        gap = narr[m.end:v0]
        if MASK in gap or _CLAUSE_STOP.search(gap):
            return None
        if "," not in gap and len(gap.split()) <= SUBJECT_GAP_WORDS:
            return m
        if not gap.lstrip().startswith(","):
            continue
        # "US officials, including Blinken, have acknowledged": m closes an apposition; the
        # subject is the mention before the apposition's opening comma.
        if i > 0 and _APPOSITION_OPENING.fullmatch(narr[before[i - 1].end:m.start]):
            return before[i - 1]
        # "Danny Russel, who was ..., said"; "Balakrishnan, who said"; "embassy in Washington, DC said"
        if (gap.rstrip().endswith(",") and len(gap) <= APPOSITION_CHARS or _WHO_CLAUSE.match(gap)
                or len(gap.split()) <= SHORT_GAP_WORDS):
            return m
    return None


def _shared_subject(narr: str, before: list[Mention], lo: int, v0: int) -> Mention | None:
    """'The Secretary raised concerns about ... and urged': a second verb shares the sentence's subject."""
    if len(before) != 1 or before[0].start - lo > SENTENCE_OPENING_CHARS or before[0].kind == "document":
        return None
    gap = narr[before[0].end:v0]
    if _AND_VERB.search(gap) and not _AND_GAP_STOP.search(gap):
        return before[0]
    return None


def _subject_after(narr: str, after: list[Mention], v1: int, limit: int) -> Mention | None:
    """The first name (else document, else pronoun) right after the verb, within ``limit`` characters."""
    for kind in ("name", "document", "pronoun"):
        for m in after:
            gap = narr[v1:m.start]
            if MASK in gap or _AFTER_STOP.search(gap) or len(gap) > limit:
                break
            if m.kind == kind:
                return m
    return None


def find_subject(narr: str, verb: re.Match, mentions: list[Mention], lo: int, hi: int) -> Mention | None:
    """The speaker of a reporting verb in ``narr[lo:hi]``: the mention before it (skipping an apposition),
    or just after it in an inversion and with "according to". ``mentions`` are in order of start."""
    v0, v1 = verb.span()
    word = verb.group(1).lower()
    before = [m for m in mentions if lo <= m.start and m.end <= v0]
    if word.endswith("ing") and narr[lo:v0].rstrip().endswith(","):
        return _participle_subject(narr, before, v0)
    if word != ACCORDING_TO:
        found = _subject_before(narr, before, v0) or _shared_subject(narr, before, lo, v0)
        if found is not None:
            return found
        # After the verb only in inversions ("...,” said Blinken").
        lead = narr[lo:v0].replace(MASK, " ").strip(" ,\u2014-")
        if lead and not narr[lo:v0].rstrip().endswith(","):
            return None
    after = [m for m in mentions if v1 <= m.start < hi]
    return _subject_after(narr, after, v1, ACCORDING_TO_CHARS if word == ACCORDING_TO else INVERSION_CHARS)


class Resolver:
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
        if self.speakers.is_institution(speaker) or SOURCE_HINT.search(sentence):
            self.last_source = speaker
            self.sources.append(speaker)
        if not self.speakers.is_institution(speaker):
            self.last_person = speaker


def cues_in(narr: str, mentions: MentionIndex, lo: int, hi: int, resolver: Resolver) -> list[Cue]:
    """Every reporting cue in ``narr[lo:hi]`` whose verb has a subject, in order (the speaker may be None)."""
    window = mentions.starting_in(lo, hi)
    out = []
    for verb in VERB_RE.finditer(narr, lo, hi):
        m = find_subject(narr, verb, window, lo, hi)
        if m is None:
            continue
        a, b = min(m.start, verb.start()), max(m.end, verb.end())
        out.append(Cue(resolver.resolve(m), narr[a:b].replace(MASK, "…"), m.kind, verb.start(), verb.end()))
    return out


def speaker_first(cues: list[Cue]) -> list[Cue]:
    """The cues that are not "according to" ("Qin said, according to the ministry": Qin), else all."""
    return [c for c in cues if not c.according_to] or cues
