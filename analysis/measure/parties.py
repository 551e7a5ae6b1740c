"""The parties a sentence names: the United States, China, both, the speaker's own side, third parties.

The names are data: ``analysis/lexicons/addressees.csv`` (``entry, addressee,
kind, source, note``). ``addressee`` is what the entry stands for (``us``,
``china``, ``both``, ``self``, ``other``, or ``counterpart``: the side opposite
the speaker's); ``kind`` is ``name`` (stands alone: *the U.S. side, Washington,
the two sides, we*) or ``adjective`` (only before a head noun of
:data:`HEAD_NOUNS`: *the Chinese side*, *American officials*).

Matching is on the words of :func:`analysis.text.tokens.token_spans`, lower
case, with full stops dropped (*U.S.*, *US*, *U.S* are one key), a leading
*the* ignored, and a possessive *'s* read as a flag (*the PRC's support* names
the PRC). The lower-case pronoun *us* is never the country. A party may follow
*the* and a modifier (*the new U.S. administration*) or a possessive determiner
(*his Chinese counterpart*), and extends over head nouns (*the U.S.
government*, *PRC authorities*). Parties joined by *and*, *or*, *as well as* or
a comma form one group (*China and the United States*).

>>> from analysis.text.tokens import token_spans
>>> text = "Wang said China and the U.S. side must talk."
>>> found = Parties.of(text, token_spans(text))
>>> [(p.start, p.end, p.addressee) for p in found.group_from(found.party(2))]
[(2, 3, 'china'), (5, 7, 'us')]
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from analysis.errors import CorpusError, Problem, display_path
from analysis.paths import LEXICON_DIR
from analysis.text.tokens import _APOSTROPHES, token_spans

ADDRESSEES_CSV = LEXICON_DIR / "addressees.csv"
ADDRESSEE_COLUMNS = ("entry", "addressee", "kind", "source", "note")
#: what an entry may stand for; ``counterpart`` is resolved to the side opposite the speaker's
ENTRY_ADDRESSEES = ("us", "china", "both", "self", "other", "counterpart")
#: nouns after a party that keep it the same party (the U.S. *government*, PRC *authorities*)
HEAD_NOUNS = frozenset({"side", "sides", "government", "governments", "administration", "authorities", "military",
                        "militaries", "army", "navy", "leadership", "leaders", "leader", "officials", "delegation",
                        "team", "teams", "agencies", "counterparts", "counterpart", "forces"})
#: modifiers a party may follow after "the" (the new U.S. administration, the current Chinese leadership)
MODIFIERS = frozenset({"new", "current", "incoming", "present", "next", "future", "outgoing"})
#: possessive determiners a party may follow (his Chinese counterpart, our American friends)
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our", "your", "my"})
#: the words that may join two parties into one group, besides a comma
_JOINERS = (["and"], ["or"], ["as", "well", "as"])


class Party(NamedTuple):
    """A party found in the tokens: ``start``/``end`` token indices (end exclusive)."""

    start: int
    end: int
    addressee: str
    possessive: bool


def norm(tok) -> tuple[str, bool]:
    """(key, possessive) of a token: lower case, full stops dropped, ``'s`` dropped; the lower-case
    pronoun *us* is ``us~`` (never the country).

    >>> norm((0, 6, "u.s.'s", "U.S.'s")), norm((0, 2, "us", "us"))
    (('us', True), ('us~', False))
    """
    return _norm_word(tok[2], tok[3])


@lru_cache(maxsize=8192)
def _norm_word(low: str, original: str) -> tuple[str, bool]:
    """:func:`norm` of a word (lower case and as written), cached: the same words recur."""
    low = low.translate(_APOSTROPHES)
    poss = low.endswith("'s") and len(low) > 2
    if poss:
        low = low[:-2]
    if low == "us" and original.translate(_APOSTROPHES).removesuffix("'s") == "us":
        return "us~", poss
    return (low.replace(".", "") if "." in low and low != "." else low), poss


def _entry_problem(row: dict, key: tuple, seen: dict) -> tuple[str, str] | None:
    """(what is wrong, what to do) with one row of the addressee CSV, or None."""
    if row["addressee"] not in ENTRY_ADDRESSEES:
        return f"addressee {row['addressee']!r} is unknown", f"use one of {', '.join(ENTRY_ADDRESSEES)}"
    if row["kind"] not in ("name", "adjective"):
        return f"kind {row['kind']!r} is not 'name' or 'adjective'", "write name or adjective"
    if not row["source"]:
        return f"entry {row['entry']!r} has no source", "cite a source, or write 'team judgement'"
    if not key:
        return "empty entry", "write the word or phrase, or delete the row"
    if key in seen:
        return (f"entry {row['entry']!r} is listed twice (also line {seen[key]}; 'the' and full stops are ignored)",
                "keep one row")
    return None


@lru_cache(maxsize=8)
def _load(path_str: str, digest: str | None) -> tuple[dict, int]:
    """{normalised tokens: (addressee, kind)} and the longest entry, from the addressee CSV."""
    from analysis.text.csvfile import read_csv_rows

    path = Path(path_str)
    rows, problems = read_csv_rows(path, ADDRESSEE_COLUMNS)
    name, table, seen = display_path(path), {}, {}
    for line, row in rows:
        key = tuple(k for k, _ in (norm(t) for t in token_spans(row["entry"])))
        key = key[1:] if key[:1] == ("the",) else key
        bad = _entry_problem(row, key, seen)
        if bad:
            problems.append(Problem(name, bad[0], bad[1], line=line))
        else:
            table[key], seen[key] = (row["addressee"], row["kind"]), line
    if problems:
        raise CorpusError(problems)
    return table, max((len(k) for k in table), default=1)


def addressee_table(path: str | Path | None = None) -> tuple[dict, int]:
    """The addressee entries, parsed once per file content: ``({tokens: (addressee, kind)}, longest)``.
    The file is hashed again only when its size or modification time changes (it is asked for once
    per directive).

    >>> table, _ = addressee_table()
    >>> table[("us", "side")], table[("prc",)], table[("chinese",)]
    (('us', 'name'), ('china', 'name'), ('china', 'adjective'))
    """
    path = Path(path) if path else ADDRESSEES_CSV
    try:
        st = path.stat()
        stamp = (st.st_size, st.st_mtime_ns)
    except OSError:
        stamp = None  # _load reports the missing file
    return _load(str(path), _digest(str(path), stamp))


@lru_cache(maxsize=8)
def _digest(path_str: str, stamp: tuple | None) -> str | None:
    """The SHA-256 of a file, for one (size, mtime) of it."""
    return None if stamp is None else hashlib.sha256(Path(path_str).read_bytes()).hexdigest()


def clause_start(text: str, tokens, i: int) -> int:
    """Index of the first token of the clause holding token ``i`` (stops at , ; : — or quotes)."""
    k = i
    while k > 0:
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if any(ch in gap for ch in ",;:—–“”\"()"):
            break
        k -= 1
    return k


class Parties(NamedTuple):
    """One sentence's tokens, their keys and possessive flags, and the addressee table."""

    text: str
    tokens: list
    keys: list
    poss: list
    table: dict
    longest: int

    @classmethod
    def of(cls, text: str, tokens, path=None) -> "Parties":
        normed = [norm(t) for t in tokens]
        table, longest = addressee_table(path)
        return cls(text, tokens, [k for k, _ in normed], [p for _, p in normed], table, longest)

    def party(self, p: int) -> Party | None:
        """The party that starts at token ``p`` (after *the* and a modifier, or a possessive
        determiner), or None."""
        keys = self.keys
        if p < len(keys) and keys[p] == "the":
            p += 1
            while p + 1 < len(keys) and keys[p] in MODIFIERS:
                p += 1
        found = self._entry_at(p)
        if found is None and p + 1 < len(keys) and keys[p] in POSSESSIVE_DETERMINERS:
            found = self._entry_at(p + 1)
        return found

    def _entry_at(self, p: int) -> Party | None:
        """The longest entry that starts exactly at token ``p``, extended over head nouns."""
        keys, poss = self.keys, self.poss
        for n in range(min(self.longest, len(keys) - p), 0, -1):
            hit = self.table.get(tuple(keys[p:p + n]))
            if hit is None or any(poss[p:p + n - 1]):
                continue
            end = p + n
            while end < len(keys) and not poss[end - 1] and keys[end] in HEAD_NOUNS:
                end += 1
            if hit[1] == "adjective" and (end == p + n or poss[p + n - 1]):
                continue
            return Party(p, end, hit[0], poss[end - 1])
        return None

    def find(self, a: int, b: int) -> list[Party]:
        """The parties in tokens ``[a, b)``, left to right, not overlapping."""
        out, p = [], a
        while p < b:
            found = self.party(p)
            if found is not None and found.end <= b:
                out.append(found)
                p = found.end
            else:
                p += 1
        return out

    def joined(self, left_end: int, right_start: int) -> bool:
        """Whether two parties are one group: only *and* / *or* / *as well as* / a comma (and *the*)
        between them."""
        words = [k for k in self.keys[left_end:right_start] if k != "the"]
        if words in _JOINERS:
            return True
        return not words and 0 < left_end < len(self.tokens) and \
            "," in self.text[self.tokens[left_end - 1][1]:self.tokens[left_end][0]]

    def group_from(self, first: Party) -> list[Party]:
        """``first`` and the parties joined after it."""
        group = [first]
        while group[-1].end < len(self.keys):
            end = group[-1].end
            for gap in (0, 1, 3):  # a comma, "and" / "or", "as well as"
                nxt = self.party(end + gap)
                if nxt is not None and nxt.start > end and self.joined(end, nxt.start):
                    break
            else:
                return group
            group.append(nxt)
        return group

    def group_before(self, found: list[Party], last: int) -> list[Party]:
        """``found[last]`` and the parties of ``found`` joined before it."""
        group, k = [found[last]], last
        while k > 0 and self.joined(found[k - 1].end, group[0].start):
            group.insert(0, found[k - 1])
            k -= 1
        return group
