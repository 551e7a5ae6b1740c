"""Reporting cues: a reporting verb, its subject, and who that subject is in the document so far."""
from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.measure.attribution.quotations import MASK
from analysis.measure.attribution.resolver import Resolver
from analysis.measure.attribution.speakers import Mention, MentionIndex
from analysis.measure.attribution.verbs import (ACCORDING_TO, REPORTING_VERBS, SOURCE_VERBS,  # noqa: F401
                                                 VERB_RE, speaker_nouns)


#: "Blinken has also repeatedly noted": at most this many words between a subject and its verb.
SUBJECT_GAP_WORDS = 3
#: "Danny Russel, who was ..., said": an apposition closed by a comma may run this many characters.
APPOSITION_CHARS = 120
#: ", the State Department said on Friday.": a closing cue has at most 4 words after it.
TRAILING_WORDS = 4
#: "the E.U.'s foreign policy chief and the U.N. secretary-general have both called": a subject that
#: speakers.csv does not know is at most 10 words.
APPOSITION_WORDS = 10
#: "embassy in Washington, DC said": a comma this many words before the verb still leaves the subject.
SHORT_GAP_WORDS = 2
#: "The Secretary raised concerns ... and urged": the shared subject opens the sentence (within 4 characters).
SENTENCE_OPENING_CHARS = 4
#: In an inversion ('...,” said Blinken') the subject follows the verb within 12 characters;
#: after "according to" within 40 ("according to a senior State Department official").
INVERSION_CHARS = 12
ACCORDING_TO_CHARS = 40

# Cues are read within one sentence, so a full stop inside one belongs to an abbreviation ("U.S.", "Mr.")
# and stops nothing.
_CLAUSE_STOP = re.compile(r"[;:!?]")
_AFTER_STOP = re.compile(r"[,;:!?]")
_APPOSITION_OPENING = re.compile(r"\s*,[^,;:!?" + MASK + r"]*")
#: "Balakrishnan, who said"; "the White House version, which says": a relative clause after the subject
#: (and up to two words of its head noun).
_WHO_CLAUSE = re.compile(r"(?:\s+[\w'-]+){0,2}\s*,\s*(?:who|which)\s+(\w+\s+)?$")
#: "Xie Feng, China's ambassador, had said": auxiliaries and adverbs between an apposition and its verb.
_AUXILIARIES = re.compile(r"(?:\s+(?:had|has|have|was|is|also|later|earlier|then|previously|already|"
                          r"repeatedly|once|again))+\s*$", re.IGNORECASE)
#: "Lucia Ferraro of the Harlow Centre told us": a name and its institution, up to the verb.
_AFFILIATION = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?[A-Z][^,;:!?" + MASK + r"]*$")
_AND_VERB = re.compile(r"\sand\s+(\w+\s+)?$")
_AND_GAP_STOP = re.compile(r"[,;:!?" + MASK + r"]")
#: "Blinken's aides said": the people of a named speaker, not the speaker.
_THEIR_PEOPLE = re.compile(r"^'s\s+(?:[\w-]+\s+){0,2}?([\w-]+)\s*$")


#: "Blinken 'underscored the importance'", "Qin made 'clear demands'": a quotation whose verb is inside
#: it may follow its subject with at most 2 words between ("made", "has also").
ADJACENT_GAP_WORDS = 2
#: ... when the subject opens its clause: the sentence starts there, or a comma, colon, semicolon, dash
#: or one of these words comes just before it.
_CLAUSE_OPENING = re.compile(r"(?:^|[,;:\u2014\u2013]|\b(?:but|while|that|and then))\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Cue:
    """A reporting verb at ``narr[verb_start:verb_end]`` with its subject resolved to ``speaker``."""

    speaker: str | None
    text: str  # the subject and the verb, as the narration has them
    via: str  # name | pronoun | it | document | group (see speakers.Mention.kind)
    verb_start: int
    verb_end: int

    @property
    def found(self) -> bool:
        """Whether the cue names a speaker of speakers.csv."""
        return bool(self.speaker)

    @property
    def participle(self) -> bool:
        """'..., with state media characterising them as': an -ing verb, which introduces what follows."""
        return self.text.lower().endswith("ing")

    source: bool = False  # "according to ...", "Xinhua reported": a source, which a speaker's own verb outranks
    start: int = -1  # where the subject and verb begin and end in the narration (-1: not known)
    end: int = -1

    @property
    def according_to(self) -> bool:
        return self.source


def _participle_subject(narr: str, before: list[Mention], lo: int, v0: int) -> Mention | None:
    """'Blinken said ..., saying': a participle after a comma shares the main clause's named subject;
    'The US account of the meeting was brief, saying': or the document noun that opens the sentence."""
    named = [m for m in before if m.kind == "name" and MASK not in narr[m.end:v0]]
    if named:
        return named[0]
    opening = [m for m in before[:1] if m.kind == "document" and m.start - lo <= SENTENCE_OPENING_CHARS]
    return opening[0] if opening else None


def _subject_before(narr: str, before: list[Mention], v0: int) -> Mention | None:
    """The nearest mention before the verb in the same clause, skipping an apposition."""
    for i in range(len(before) - 1, -1, -1):
        m = before[i]
        gap = narr[m.end:v0]
        if MASK in gap or _CLAUSE_STOP.search(gap):
            return None
        if "," not in gap and len(gap.split()) <= SUBJECT_GAP_WORDS:
            return m
        people = _THEIR_PEOPLE.match(gap)
        if people and people.group(1).lower() in speaker_nouns():
            return None  # "Blinken's aides said": someone speakers.csv does not name (see unknown_subject)
        if (m.kind == "name" and "," not in gap and " and " not in gap and len(gap) <= APPOSITION_CHARS
                and _AFFILIATION.fullmatch(gap)):
            return m
        if not _WHO_CLAUSE.match(gap) and not gap.lstrip().startswith(","):
            continue
        # "US officials, including Blinken, have acknowledged": m closes an apposition; the
        # subject is the mention before the apposition's opening comma.
        if i > 0 and _APPOSITION_OPENING.fullmatch(narr[before[i - 1].end:m.start]):
            return before[i - 1]
        # "Danny Russel, who was ..., said"; "Balakrishnan, who said"; "embassy in Washington, DC said";
        # "Xie Feng, China's ambassador in Washington, had said"
        core = _AUXILIARIES.sub("", gap)
        if (core.rstrip().endswith(",") and len(gap) <= APPOSITION_CHARS or _WHO_CLAUSE.match(gap)
                or len(gap.split()) <= SHORT_GAP_WORDS):
            return m
    return None


def _shared_subject(narr: str, before: list[Mention], lo: int, v0: int) -> Mention | None:
    """'The Secretary raised concerns about ... and urged', 'Xi received Blinken ... and told him': a second
    verb shares the subject that opens the sentence."""
    if not before or before[0].start - lo > SENTENCE_OPENING_CHARS or before[0].kind == "document":
        return None
    gap = narr[before[0].end:v0]
    if _AND_VERB.search(gap) and not _AND_GAP_STOP.search(gap):
        return before[0]
    return None


def _subject_after(narr: str, after: list[Mention], v1: int, limit: int) -> Mention | None:
    """The first name (else group, document, pronoun) right after the verb, within ``limit`` characters."""
    for kind in ("name", "group", "document", "pronoun"):
        for m in after:
            gap = narr[v1:m.start]
            if MASK in gap or _AFTER_STOP.search(gap) or len(gap) > limit:
                break
            if m.kind == kind:
                return m
    return None


#: Words that open a sentence or a clause and are capitalised there without naming anyone.
_FUNCTION_WORDS = frozenset(("the", "a", "an", "but", "and", "or", "so", "yet", "it", "this", "that", "there",
                             "they", "we", "i", "you", "in", "on", "at", "after", "before", "when", "while", "as"))
_CLAUSE_TAIL = re.compile(r"[^,;:!?\u2014\u2013(" + MASK + r"]*$")


def unknown_subject(narr: str, lo: int, v0: int) -> Mention | None:
    """'Analysts say', 'Li Ming said', 'the U.N. secretary-general has called': a subject that speakers.csv
    does not know, right before the verb in its clause: a capitalised word or a noun of
    ``lexicons/speaker_nouns.csv`` (auxiliaries and adverbs between are skipped), else None."""
    tail = _CLAUSE_TAIL.search(narr, lo, v0)
    words = _AUXILIARIES.sub("", narr[tail.start():v0] if tail else "").split()
    if not words or len(words) > APPOSITION_WORDS:
        return None
    last = words[-1].strip("'\".").removesuffix("'s")
    named = last[:1].isupper() and last.lower() not in _FUNCTION_WORDS
    if not (named or last.lower() in speaker_nouns()):
        return None
    start = narr.rfind(words[0], lo, v0)
    return Mention(start, start + len(" ".join(words)), " ".join(words), None, "unknown")


def find_subject(narr: str, verb: re.Match, mentions: list[Mention], lo: int, hi: int) -> Mention | None:
    """The speaker of a reporting verb in ``narr[lo:hi]``: the mention before it (skipping an apposition),
    or just after it in an inversion and with "according to". ``mentions`` are in order of start."""
    v0, v1 = verb.span()
    word = verb.group(1).lower()
    before = [m for m in mentions if lo <= m.start and m.end <= v0]
    if word.endswith("ing") and narr[lo:v0].rstrip().endswith(","):
        return _participle_subject(narr, before, lo, v0)
    if word != ACCORDING_TO:
        found = _subject_before(narr, before, v0) or _shared_subject(narr, before, lo, v0)
        if found is not None:
            return found
        # After the verb only in inversions ("...,” said Blinken").
        lead = narr[lo:v0].replace(MASK, " ").strip(" ,\u2014-")
        if lead and not narr[lo:v0].rstrip().endswith(","):
            return unknown_subject(narr, lo, v0)
    after = [m for m in mentions if v1 <= m.start < hi]
    found = _subject_after(narr, after, v1, ACCORDING_TO_CHARS if word == ACCORDING_TO else INVERSION_CHARS)
    if found is None and word != ACCORDING_TO:
        return unknown_subject(narr, lo, v0)
    return found


def cues_in(narr: str, mentions: MentionIndex, lo: int, hi: int, resolver: Resolver) -> list[Cue]:
    """Every reporting cue in ``narr[lo:hi]`` whose verb has a subject, in order (the speaker may be None)."""
    window = mentions.starting_in(lo, hi)
    out = []
    for verb in VERB_RE.finditer(narr, lo, hi):
        m = find_subject(narr, verb, window, lo, hi)
        if m is None:
            continue
        a, b = min(m.start, verb.start()), max(m.end, verb.end())
        before = [x for x in window if x.end <= m.start] if m.kind in ("it", "title") else ()
        out.append(Cue(resolver.resolve(m, before), narr[a:b].replace(MASK, "…"), m.kind, verb.start(), verb.end(),
                       source=verb.group(1).lower() in SOURCE_VERBS, start=a, end=b))
    return out


def adjacent_cue(narr: str, mentions: MentionIndex, lo: int, opens: int, resolver: Resolver) -> Cue | None:
    """'Blinken “underscored the importance ...”', 'Qin made “clear demands”': the subject right before a
    quotation that holds its own verb (at most :data:`ADJACENT_GAP_WORDS` words between, the subject
    opening its clause), else None. Names, groups and he/she only."""
    before = [m for m in mentions.starting_in(lo, opens) if m.end <= opens]
    if not before or before[-1].kind not in ("name", "group", "pronoun"):
        return None
    m = before[-1]
    gap = narr[m.end:opens]
    if MASK in gap or _CLAUSE_STOP.search(gap) or "," in gap or len(gap.split()) > ADJACENT_GAP_WORDS:
        return None
    if not _CLAUSE_OPENING.search(narr[lo:m.start].replace(MASK, " ")):
        return None
    return Cue(resolver.resolve(m), narr[m.start:opens].strip(), m.kind, m.end, m.end)


def trailing_cue(cues: list[Cue], narr: str, end: int) -> Cue | None:
    """'Blinken also raised human rights, the State Department said.': a cue set off by a comma that closes
    the sentence (at most :data:`TRAILING_WORDS` words after it) reports the whole sentence, else None."""
    for c in reversed(cues):
        if c.source or c.start < 0 or not narr[:c.start].rstrip().endswith(","):
            continue
        if len(narr[c.end:end].split()) <= TRAILING_WORDS:
            return c
    return None


def speaker_first(cues: list[Cue]) -> list[Cue]:
    """The cues that are not "according to" ("Qin said, according to the ministry": Qin), else all."""
    return [c for c in cues if not c.according_to] or cues
