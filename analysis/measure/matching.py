"""Finding lexicon entries in text: one compiled scan for several word lists.

Matching is case-insensitive and on whole words (:data:`analysis.text.tokens.WORD`).
The words of a phrase may be separated by white space or quotation marks only,
so ``made it “very clear”`` contains ``very clear`` but ``candid, frank`` does
not contain ``candid frank``. The lexicons given to one call of
:func:`find_spans` are compiled together into one regular expression shaped as
a character trie (one scan of the text whatever the number of entries); at each
position the longest entry wins and matches never overlap. Typographic
apostrophes count as ASCII ones.

>>> from analysis.measure.lexicon import load_lexicon
>>> hedges = load_lexicon("hedges")
>>> [(m.text, m.category) for m in find_spans("It lasted about half an hour, in May.", [hedges])]
[('about', 'approximator')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Iterable, NamedTuple

from analysis.errors import CorpusError, Problem, display_path
from analysis.measure.conditions import CONDITIONS
from analysis.measure.lexicon import Entry, Lexicon
from analysis.text.tokens import WORD as TOKEN
from analysis.text.tokens import _APOSTROPHES as APOSTROPHES
from analysis.text.tokens import token_spans

class Match(NamedTuple):
    """A matched span: ``start``/``end`` are offsets in the text given; ``addressee`` is set on
    directives by :func:`analysis.measure.stance.find_stance` (us, china, both, self, other)."""

    start: int
    end: int
    text: str
    entry: str
    category: str
    lexicon: str
    kind: str
    source: str
    note: str
    valence: float | None = None
    addressee: str = ""


def _units(entry: str) -> list[str]:
    """An entry as regex pieces, one per character (gaps and apostrophes as classes)."""
    units = []
    for tok_i, tok in enumerate(TOKEN.findall(entry)):
        if tok_i:
            units.append(_GAP_RX)
        for ch in tok.lower().translate(APOSTROPHES):
            units.append("['’]" if ch == "'" else re.escape(ch))
    return units


_GAP_RX = r"[\s\"“”‘’']+"
_END = object()


def _build_regex(entries: list[Entry], flags: int = 0) -> re.Pattern:
    """One compiled regex for a list of entries: a character trie, so each
    position costs the depth of the trie, not the number of entries; greedy
    optional continuations make the longest entry win. Entries are lower case:
    the text is lower-cased before matching (or ``flags=re.IGNORECASE``).
    ``\\b`` bounds the match; :func:`find_spans` then drops matches glued to a
    word by an apostrophe or hyphen (``China’s``, ``self-ruled``)."""
    trie: dict = {}
    for e in entries:
        node = trie
        for u in _units(e.entry):
            node = node.setdefault(u, {})
        node[_END] = True

    def ser(node: dict) -> str:
        alts = [k + ser(v) for k, v in sorted(node.items(), key=lambda kv: str(kv[0])) if k is not _END]
        if not alts:
            return ""
        if _END in node:
            return "(?:" + "|".join(alts) + ")?"
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    pattern = ser(trie) or r"(?!x)x"
    return re.compile(r"\b" + pattern + r"\b", flags)


_GLUE = "'’-:."


@lru_cache(maxsize=64)
def _combined(lexicons: tuple[Lexicon, ...]):
    """(regex, case-insensitive regex, tokens -> (lexicon, entry)) for several lexicons at once."""
    table: dict[tuple[str, ...], tuple[Lexicon, Entry]] = {}
    entries = []
    for lex in lexicons:
        for e in lex.entries:
            if e.tokens in table:
                other = table[e.tokens][0]
                raise CorpusError([Problem(display_path(lex.path) if lex.path else lex.name,
                                           f"entry {e.entry!r} is also in {other.name}",
                                           "an entry may belong to one list only", line=e.line)])
            table[e.tokens] = (lex, e)
            entries.append(e)
    fast = {" ".join(k): v for k, v in table.items()}
    return _build_regex(entries), _build_regex(entries, re.IGNORECASE), table, fast


def entry_key(surface: str) -> tuple[str, ...]:
    """The lookup key of a matched surface: its lower-cased words.

    >>> entry_key("Made it “Very clear”")
    ('made', 'it', 'very', 'clear')
    """
    return tuple(t.lower().translate(APOSTROPHES) for t in TOKEN.findall(surface))


def find_spans(text: str, lexicons: Iterable[Lexicon], tokens=None) -> list[Match]:
    """Every match of the lexicons in ``text``, in order of position.

    The lexicons are matched together in one scan: matches never overlap, and
    at any position the longest entry of any of them wins (so "no doubt" is a
    booster, not also the hedge "doubt"). Call once per lexicon to allow
    overlaps between lists.

    >>> from analysis.measure.lexicon import load_lexicon
    >>> boosters = load_lexicon("boosters")
    >>> [(m.text, m.entry) for m in find_spans("We will go. It is clear who is responsible.", [boosters])]
    [('It is clear', 'it is clear')]
    """
    return spans_and_tokens(text, lexicons, tokens)[0]


def spans_and_tokens(text: str, lexicons: Iterable[Lexicon], tokens=None) -> tuple[list[Match], list | None]:
    """:func:`find_spans` and the text's tokens (:func:`~analysis.text.tokens.token_spans`): those given,
    or made at the first match with a condition (None when no condition was needed), for a caller
    that reads the context again (:func:`analysis.measure.stance.find_stance`)."""
    regex, regex_ic, table, fast = _combined(tuple(lexicons))
    low = text.lower()
    if len(low) != len(text):  # rare characters whose lower case is longer: keep offsets exact
        low, regex = text, regex_ic
    out: list[Match] = []
    starts = None if tokens is None else [t[0] for t in tokens]
    n = len(text)
    for rm in regex.finditer(low):
        a, b = rm.span()
        if (a >= 2 and text[a - 1] in _GLUE and text[a - 2].isalnum()) or \
                (b + 1 < n and text[b] in _GLUE and text[b + 1].isalnum()):
            continue
        surface = text[a:b]
        hit = fast.get(low[a:b])
        lex, e = hit if hit is not None else table[entry_key(surface)]
        category = e.category
        if e.condition:
            if tokens is None:  # tokenised once, at the first match that needs its context
                tokens = token_spans(text)
                starts = [t[0] for t in tokens]
            i = bisect_left(starts, a)
            category = CONDITIONS[e.condition](tokens, i, i + len(e.tokens) - 1, text, e)
            if category is None:
                continue
        out.append(Match(a, b, surface, e.entry, category, lex.name, e.kind, e.source, e.note, e.valence))
    return out, tokens
