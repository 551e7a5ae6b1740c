"""The speakers table as a matcher: names, aliases, pronouns and document nouns in a text."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import pandas as pd

from analysis.text.tables import speaker_aliases
from analysis.text.tokens import ascii_apostrophes

#: Personal pronouns as subjects resolve to the last named person who spoke.
PRONOUN_RE = re.compile(r"(?<![\w'])(he|she)(?![\w'])", re.IGNORECASE)
#: "the statement said", "a readout said": resolve to the last source document (an institution, or a
#: speaker quoted "in a statement").
DOCUMENT_RE = re.compile(r"(?<![\w'])(?:the|a|an|that)\s+(?:(US|U\.S\.|American|Chinese|China's)\s+)?"
                         r"(statement|readout|reading|brief)(?![\w'])", re.IGNORECASE)
#: "a US statement", "a Chinese readout": the adjective says whose document it is.
SIDE_ADJECTIVES = {"us": "us", "u.s.": "us", "american": "us", "chinese": "china", "china's": "china"}
#: Roles that mark a speaker as a body or a document rather than a person.
INSTITUTION_ROLES = ("institution", "state media", "news outlet")


@dataclass
class Mention:
    """A name, pronoun or document noun at ``text[start:end]``."""

    start: int
    end: int
    text: str
    speaker: str | None
    kind: str  # name | pronoun | document
    side: str | None = None  # for "a US statement": whose document


@dataclass
class Speakers:
    """The speakers table as a matcher: aliases -> canonical names, sides, roles."""

    side: dict[str, str] = field(default_factory=dict)
    role: dict[str, str] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)  # normalised alias -> name
    pattern: re.Pattern | None = None

    @classmethod
    def from_table(cls, table: pd.DataFrame | None) -> "Speakers":
        """Build from a ``speakers`` frame; the name itself is always an alias.

        Aliases are normalised by :func:`analysis.text.tables.speaker_aliases`, the
        same function that checks speakers.csv. Where two speakers share an alias
        (which the check reports), the first row keeps it.

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
            for alias in speaker_aliases(row):
                self.alias.setdefault(alias, name)
        # Longest alias first, so "State Department official" wins over "State Department".
        alts = sorted(self.alias, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w'])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])", re.IGNORECASE)
        return self

    def is_institution(self, name: str) -> bool:
        return any(r in self.role.get(name, "").lower() for r in INSTITUTION_ROLES)

    def mentions(self, text: str) -> list[Mention]:
        """Named mentions, pronouns and document nouns in ``text``, in order (they never overlap).

        A pronoun or document noun inside a named mention is not a mention of its own.
        """
        text = ascii_apostrophes(text)
        named = []
        if self.pattern is not None:
            named = [Mention(m.start(), m.end(), m.group(0), self.alias[m.group(0).lower()], "name")
                     for m in self.pattern.finditer(text)]
        starts, ends = [m.start for m in named], [m.end for m in named]

        def free(m: re.Match) -> bool:
            # Named mentions are in order and disjoint: only the last one starting before m ends can overlap it.
            i = bisect_left(starts, m.end())
            return i == 0 or ends[i - 1] <= m.start()

        found = named + [Mention(m.start(), m.end(), m.group(0), None, "pronoun")
                         for m in PRONOUN_RE.finditer(text) if free(m)]
        found += [Mention(m.start(), m.end(), m.group(0), None, "document",
                          SIDE_ADJECTIVES.get((m.group(1) or "").lower()))
                  for m in DOCUMENT_RE.finditer(text) if free(m)]
        return sorted(found, key=lambda m: m.start)


class MentionIndex:
    """One paragraph's mentions, looked up by offset range (so a sentence never scans the paragraph)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions  # in order of start, as Speakers.mentions gives them
        self.starts = [m.start for m in mentions]

    def starting_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start in ``[lo, hi)``, in order."""
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

