"""The speakers table as a matcher: names, aliases, pronouns and document nouns in a text."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import pandas as pd

from analysis.measure.attribution.labels import label_words
from analysis.measure.attribution.roles import Roles
from analysis.text.tables import speaker_aliases
from analysis.text.tokens import ascii_apostrophes
from analysis.text.tries import trie_pattern

#: Personal pronouns as subjects resolve to the last named person who spoke.
PRONOUN_RE = re.compile(r"(?<![\w'])(he|she)(?![\w'])", re.IGNORECASE)
#: "it said", "it added": resolves to the last institution named.
IT_RE = re.compile(r"(?<![\w'])(it)(?![\w'])", re.IGNORECASE)
#: "the statement said", "a readout said": resolve to the last source document (an institution, or a
#: speaker quoted "in a statement").
DOCUMENT_RE = re.compile(r"(?<![\w'])(?:the|a|an|that)\s+(?:(US|U\.S\.|American|Chinese|China's)\s+)?"
                         r"(statement|readout|reading|brief|account|version)(?![\w'])", re.IGNORECASE)
#: "a US spokesperson", "Chinese state media", "the US side": someone whom speakers.csv does not name.
#: Such a subject claims its verb (so the words are not given to the speaker before it), but its words
#: keep an empty speaker and the document's voice, as any speaker not found (add a speakers.csv row).
GROUP_RE = re.compile(
    r"(?<![\w'])(?:(?:a|an|the)\s+)?(?:senior\s+|top\s+)?(US|U\.S\.|American|Chinese|China's)\s+"
    r"(?:(?:(?:government|foreign\s+ministry|defen[cs]e\s+ministry|embassy|military)\s+)?"
    r"(?:spokesperson|spokesman|spokeswoman|officials?|diplomats?|side|delegation|negotiators?|authorities|sources?)"
    r"|state\s+(?:media|broadcaster|news\s+agency|television))(?![\w'])", re.IGNORECASE)
#: A capitalised word right after an office ("US Secretary of State Antony Blinken").
_BEFORE_NAME = re.compile(r"\s+[A-Z]")
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
    speaker: str | None  # None: a pronoun, title or document noun (resolved in context), a group, an office unfilled
    kind: str  # name | title | pronoun | it | document | group
    side: str | None = None  # for "a US statement": whose document
    candidates: tuple[str, ...] = ()  # for "the Secretary": the speakers whose aliases carry that title


@dataclass
class Speakers:
    """The speakers table as a matcher: aliases -> canonical names, sides, roles."""

    side: dict[str, str] = field(default_factory=dict)
    role: dict[str, str] = field(default_factory=dict)
    alias: dict[str, str] = field(default_factory=dict)  # normalised alias -> name
    roles: Roles = field(default_factory=Roles)  # offices whose holder depends on the date (roles.csv)
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "secretary" -> speakers so titled
    pattern: re.Pattern | None = None
    title_pattern: re.Pattern | None = None

    @classmethod
    def from_table(cls, table: pd.DataFrame | None, roles: pd.DataFrame | None = None) -> "Speakers":
        """Build from a ``speakers`` frame; the name itself is always an alias.

        Aliases are normalised by :func:`analysis.text.tables.speaker_aliases`, the
        same function that checks speakers.csv. Where two speakers share an alias
        (which the check reports), the first row keeps it. ``roles``: the roles.csv
        frame (see :mod:`.roles`); its offices are matched as names whose speaker
        depends on the document's date.

        >>> t = pd.DataFrame({"name": ["Antony Blinken"], "aliases": ["Blinken;the secretary"],
        ...                   "side": ["us"], "role": ["Secretary of State"]})
        >>> s = Speakers.from_table(t)
        >>> [(m.speaker, m.text) for m in s.mentions("The Secretary said Blinken’s aides agreed.")]
        [('Antony Blinken', 'The Secretary'), ('Antony Blinken', 'Blinken')]
        """
        self = cls(roles=Roles.from_tables(roles, table))
        if table is None or table.empty:
            return self
        for row in table.itertuples(index=False):
            name = row.name.strip()
            self.side[name] = row.side.strip()
            self.role[name] = row.role.strip()
            for alias in speaker_aliases(row):
                self.alias.setdefault(alias, name)
        words = set(self.alias) | set(self.roles.terms)
        self.pattern = re.compile(r"(?<![\w'])(" + trie_pattern(words) + r")(?![\w])", re.IGNORECASE)
        self.titles = alias_titles(self.alias)
        if self.titles:
            self.title_pattern = re.compile(r"(?<![\w'])the\s+(" + trie_pattern(self.titles) + r")(?![\w'])",
                                            re.IGNORECASE)
        return self

    def name_of(self, alias: str, published: str) -> str | None:
        """The speaker a normalised alias or office names on the date ``published``."""
        if alias in self.alias:
            return self.alias[alias]
        return self.roles.holder(alias, published)

    def is_institution(self, name: str) -> bool:
        role = self.role.get(name, "")
        return bool(role) and any(r in role.lower() for r in INSTITUTION_ROLES)

    def mentions(self, text: str, published: str = "") -> list[Mention]:
        """Named mentions, groups, pronouns and document nouns in ``text``, in order (they never overlap).

        A group, pronoun or document noun inside a named mention is not a mention of its own. An
        office of roles.csv names whoever held it on ``published`` (the document's date).

        >>> s = Speakers.from_table(pd.DataFrame({"name": ["Mara Velt"], "aliases": ["Velt"], "side": ["us"],
        ...                                       "role": ["envoy"]}))
        >>> [(m.kind, m.speaker, m.side) for m in s.mentions("Velt and a Chinese spokesperson said it was late.")]
        [('name', 'Mara Velt', None), ('group', None, 'china'), ('it', None, None)]
        """
        text = ascii_apostrophes(text)
        named = []
        if self.pattern is not None:
            # An office right before a name is that person's title ("Secretary of State Dana Whitfield"): the
            # name, known or not, says who it is.
            named = [Mention(m.start(), m.end(), m.group(0), self.name_of(m.group(0).lower(), published), "name")
                     for m in self.pattern.finditer(text)
                     if m.group(0).lower() in self.alias or not _BEFORE_NAME.match(text, m.end())]
        groups = [Mention(m.start(), m.end(), m.group(0), None, "group", SIDE_ADJECTIVES[m.group(1).lower()])
                  for m in GROUP_RE.finditer(text) if _free(named, m)]
        if groups:
            named = sorted(named + groups, key=lambda m: m.start)
        found = named + [Mention(m.start(), m.end(), m.group(0), None, "pronoun")
                         for m in PRONOUN_RE.finditer(text) if _free(named, m)]
        found += [Mention(m.start(), m.end(), m.group(0), None, "it") for m in IT_RE.finditer(text) if _free(named, m)]
        if self.title_pattern is not None:
            found += [Mention(m.start(), m.end(), m.group(0), None, "title", None,
                              self.titles[" ".join(m.group(1).lower().split())])
                      for m in self.title_pattern.finditer(text) if _free(named, m)]
        found += [Mention(m.start(), m.end(), m.group(0), None, "document",
                          SIDE_ADJECTIVES.get((m.group(1) or "").lower()))
                  for m in DOCUMENT_RE.finditer(text) if _free(named, m)]
        return sorted(found, key=lambda m: m.start)


def alias_titles(alias: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The titles and head nouns the aliases give each speaker, for "the Secretary", "the official":
    the title before another alias of the same speaker ("secretary blinken" with "blinken": a title of
    lexicons/transcript_labels.csv), and the last word of a descriptive alias ("a senior state department
    official": "official"; "the state department": "department"). Honorifics (Mr, Ms) are not titles.

    >>> alias_titles({"secretary blinken": "Blinken", "blinken": "Blinken", "a senior state department official": "SO"})
    {'secretary': ('Blinken',), 'official': ('SO',)}
    """
    titles = set(label_words()["title"])
    found: dict[str, list[str]] = {}
    for a, name in alias.items():
        words = a.split()
        heads = [" ".join(words[:k]) for k in range(1, len(words))
                 if " ".join(words[:k]) in titles and alias.get(" ".join(words[k:])) == name]
        if len(words) >= 2 and words[0] in ("a", "an", "the") and words[-1].isalpha():
            heads.append(words[-1])
        for h in heads:
            if name not in found.setdefault(h, []):
                found[h].append(name)
    return {h: tuple(names) for h, names in found.items()}


def _free(named: list[Mention], m: re.Match) -> bool:
    """Whether ``m`` overlaps none of ``named`` (in order and disjoint: only the last one starting before
    ``m`` ends can overlap it)."""
    i = bisect_left(named, m.end(), key=_start)
    return i == 0 or named[i - 1].end <= m.start()


def _start(m: Mention) -> int:
    return m.start


class MentionIndex:
    """One paragraph's mentions, looked up by offset range (so a sentence never scans the paragraph)."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions  # in order of start, as Speakers.mentions gives them
        self.starts = [m.start for m in mentions]

    def starting_in(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start in ``[lo, hi)``, in order."""
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

