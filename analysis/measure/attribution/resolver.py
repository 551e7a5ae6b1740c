"""Who a subject is in the document so far: the discourse history of one document (who spoke last, which
source was last cited, which institution and which titled people were last named)."""
from __future__ import annotations

import re

from analysis.measure.attribution.speakers import Mention, Speakers

#: Sentences that mention a statement or readout make their speaker the source that later
#: "the statement said" points back to.
SOURCE_HINT = re.compile(r"\b(statement|readout|reading)\b", re.IGNORECASE)


class Resolver:
    """Keeps the discourse history of one document: who spoke last, which source was last cited, which
    institution was last named."""

    def __init__(self, speakers: Speakers):
        self.speakers = speakers
        self.last_person: str | None = None
        self.last_source: str | None = None
        self.last_institution: str | None = None
        self.last_subject: str | None = None  # the last person named first in a sentence
        self.named_at: dict[str, int] = {}  # speaker -> the sentence where they were last named
        self.sources: list[str] = []
        # Sentences read so far, and the sentence where the last source was cited and the last institution named.
        self.clock = self.source_at = self.institution_at = 0

    def resolve(self, m: Mention, before: list[Mention] = ()) -> str | None:
        """Who mention ``m`` is; ``before``: the mentions of the sentence before it (for "it said")."""
        if m.kind == "name":
            return m.speaker
        if m.kind == "pronoun":  # the last person who spoke, else the last person named as a subject
            return self.last_person or self.last_subject
        if m.kind == "title":  # "the Secretary": the most recently named speaker with that title
            return self._titled(m.candidates, before)
        if m.kind in ("group", "unknown"):  # "a US spokesperson", "analysts": not in speakers.csv, so no speaker
            return None
        if m.kind == "it":  # "the White House said ... it said": the last institution named
            named = [x.speaker for x in before if x.kind == "name" and x.speaker
                     and self.speakers.is_institution(x.speaker)]
            return named[-1] if named else self.last_institution
        if m.side:
            # "a US statement": the last source of that side, else the first institution of that side
            # in speakers.csv (list a government's main source of readouts first).
            for name in reversed(self.sources):
                if self.speakers.side.get(name) == m.side:
                    return name
            return next((n for n in self.speakers.side if self.speakers.side[n] == m.side
                         and self.speakers.is_institution(n)), None)
        # "the statement said": the source last cited or the institution last named, whichever is more
        # recent (the source on a tie: "Qin said in a statement"); else the last person.
        if self.last_institution and self.institution_at > self.source_at:
            return self.last_institution
        return self.last_source or self.last_institution or self.last_person

    def record(self, speaker: str | None, sentence: str) -> None:
        if not speaker:
            return
        if self.speakers.is_institution(speaker) or SOURCE_HINT.search(sentence):
            self.last_source, self.source_at = speaker, self.clock
            self.sources.append(speaker)
        if not self.speakers.is_institution(speaker):
            self.last_person = speaker

    def see(self, mentions: list[Mention]) -> None:
        """A sentence's mentions, read: the last institution it names is what a later "it" means."""
        names = [m.speaker for m in mentions if m.kind == "name" and m.speaker]
        for name in names:
            self.named_at[name] = self.clock
            if self.speakers.is_institution(name):
                self.last_institution, self.institution_at = name, self.clock
        if names and not self.speakers.is_institution(names[0]):
            self.last_subject = names[0]
        self.clock += 1

    def _titled(self, candidates: tuple[str, ...], before) -> str | None:
        """Of the speakers with a title, the one named last (in the sentence so far, else before it); the
        only one when none was named."""
        here = [m.speaker for m in before if m.kind == "name" and m.speaker in candidates]
        if here:
            return here[-1]
        named = [c for c in candidates if c in self.named_at]
        if named:
            return max(named, key=lambda c: self.named_at[c])
        return candidates[0] if len(candidates) == 1 else None
