"""Word lists as data, and the matcher that finds their entries in text.

A lexicon is a CSV file under ``analysis/lexicons/``. Stance and framing lists
have the columns ``entry, category, kind, source, note`` (and an optional
``condition``); the diplomatic sentiment overlay has ``term, valence, gloss,
source``. :func:`load_lexicon` reads one strictly: a malformed file raises
:class:`~analysis.errors.CorpusError` naming the file and the line.

Matching is case-insensitive and on whole words, where a word is a
:data:`TOKEN` (letters and digits, with inner apostrophes and hyphens, so
``win-win`` and ``it's`` are one word and ``China’s`` does not contain
``China``). The words of a phrase may be separated by white space or quotation
marks only, so ``made it “very clear”`` contains ``very clear`` but ``candid,
frank`` does not contain ``candid frank``. The lexicons given to one call of
:func:`find_spans` are compiled together into one regular expression shaped as
a character trie (fast: one scan of the text whatever the number of entries);
at each position the longest entry wins and matches never overlap. Typographic
apostrophes count as ASCII ones.

Some entries need context. Their ``condition`` column names a rule in
:data:`CONDITIONS` that looks at the neighbouring tokens and keeps the match,
drops it, or changes its category (for example ``must`` after ``we`` is a
``self_obligation``, not a ``directive``).

>>> hedges = load_lexicon("hedges")
>>> [(m.text, m.category) for m in find_spans("It lasted about half an hour, in May.", [hedges])]
[('about', 'approximator')]
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from analysis.paths import LEXICON_DIR
from analysis.errors import CorpusError, Problem, display_path


#: Word tokens: letters/digits with inner apostrophes or hyphens ("it's", "win-win", "4:34").
TOKEN = re.compile(r"\w+(?:['’\-:.]\w+)*")
#: What may stand between the words of a phrase: white space and quotation marks only.
_GAP = re.compile(r"[\s\"“”‘’']*")
_APOS = str.maketrans({"’": "'", "‘": "'"})

STANCE_COLUMNS = ("entry", "category", "kind", "source", "note")
OVERLAY_COLUMNS = ("term", "valence", "gloss", "source")
KINDS = ("word", "phrase")


@dataclass(frozen=True)
class Entry:
    """One lexicon row. ``valence`` is set for the sentiment overlay only."""

    entry: str
    category: str
    kind: str
    source: str
    note: str
    lexicon: str
    line: int  # line in the CSV file, for error messages
    condition: str = ""
    valence: float | None = None

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(t.lower().translate(_APOS) for t in TOKEN.findall(self.entry))


class Lexicon:
    """A loaded lexicon: its entries and an index from first token to entries."""

    def __init__(self, name: str, entries: list[Entry], path: Path | None = None):
        self.name = name
        self.entries = entries
        self.path = path
        self.by_tokens = {e.tokens: e for e in entries}

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Lexicon({self.name!r}, {len(self)} entries)"


# --------------------------------------------------------------------------- conditions
# A condition gets the token list [(start, end, lower, original)], the index of
# the match's first and last token, the text, and the entry; it returns the
# category to use, or None to drop the match.

_NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
    "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "billion", "billions", "half", "dozen", "dozens", "several",
    "once", "twice",
}
_UNITS = {
    "hour", "minute", "second", "day", "week", "month", "year", "decade", "century",
    "dozen", "hundred", "thousand", "million", "billion", "third", "quarter", "half",
    "mile", "kilometre", "kilometer", "percent", "fifth", "tenth",
}
_MONTH_CONTEXT = {"in", "since", "of", "last", "next", "early", "late", "mid", "until",
                  "by", "from", "this", "during", "through", "before", "after", "on"}
_MANNER_VERBS = {"communicate", "communicated", "communicating", "communicates", "speak",
                 "speaks", "spoke", "see", "saw", "seen", "explain", "explained", "write",
                 "written", "hear", "heard", "state", "stated", "express", "expressed",
                 "define", "defined", "think", "visible", "more"}
_FIRST_PERSON = {"i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've", "i'm", "we're"}
_DETERMINERS = {"the", "a", "an", "this", "that's", "no", "any", "urgent", "pressing", "their", "our", "its"}
_SKIP_ADVERBS = {"also", "really", "still", "now", "just", "all", "both", "therefore",
                 "then", "simply", "truly", "only", "certainly", "likewise", "too", "each", "first"}
_DELIBERATIVE = {"whether", "if"}


def _is_number(tok: str) -> bool:
    return tok[0].isdigit() or tok in _NUMBER_WORDS


def _before_quantity(tokens, i, j, text, entry):
    """Keep ``about``/``around`` only before a quantity: a number, ``half``,
    or ``a``/``an`` + a unit ("about an hour", "about half an hour", "about 30")."""
    nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
    if not nxt:
        return None
    if _is_number(nxt):
        return entry.category
    if nxt in {"a", "an"} and j + 2 < len(tokens) and tokens[j + 2][2].rstrip("s") in _UNITS:
        return entry.category
    return None


def _not_month(tokens, i, j, text, entry):
    """Drop ``May`` the month: capitalised ``May`` inside a sentence, or after
    in/since/last/... , or before a day number; keep lower-case modal ``may``."""
    orig = tokens[i][3]
    prev = tokens[i - 1][2] if i > 0 else ""
    nxt = tokens[j + 1][2] if j + 1 < len(tokens) else ""
    if orig == "May":
        if i > 0 or prev in _MONTH_CONTEXT or (nxt and nxt[0].isdigit()):
            return None
    return entry.category


def _not_manner(tokens, i, j, text, entry):
    """Drop ``clearly`` used as a manner adverb ("communicate clearly")."""
    prev = tokens[i - 1][2] if i > 0 else ""
    return None if prev in _MANNER_VERBS else entry.category


def _not_after_make(tokens, i, j, text, entry):
    """Drop ``sure`` in "make sure" (= ensure), keep "I am sure", "for sure"."""
    prev = tokens[i - 1][2] if i > 0 else ""
    return None if prev in {"make", "makes", "made", "making"} else entry.category


def _clause_start(text: str, tokens, i: int) -> int:
    """Index of the first token of the clause holding token ``i`` (stops at , ; : — or quotes)."""
    k = i
    while k > 0:
        gap = text[tokens[k - 1][1]:tokens[k][0]]
        if any(ch in gap for ch in ",;:—–“”\"()"):
            break
        k -= 1
    return k


def _deontic(tokens, i, j, text, entry):
    """Directive or self-obligation: who is obliged?

    * ``the need to``: a noun, not an obligation -> dropped;
    * ``whether/if ... should``: a deliberative question -> dropped;
    * subject ``I``/``we`` -> ``self_obligation`` (first-person obligation,
      counted apart from directives);
    * anyone else (the United States, China, you, a choice ...) -> ``directive``.
    """
    prev = tokens[i - 1][2] if i > 0 else ""
    if prev in _DETERMINERS and entry.tokens[0] in {"need", "needs"}:
        return None
    start = _clause_start(text, tokens, i)
    window = [t[2] for t in tokens[max(start, i - 4):i]]
    if any(w in _DELIBERATIVE for w in window):
        return None
    k = i - 1
    while k >= start and tokens[k][2] in _SKIP_ADVERBS:
        k -= 1
    subject = tokens[k][2] if k >= start else ""
    if subject in _FIRST_PERSON:
        return "self_obligation"
    return entry.category


CONDITIONS: dict[str, Callable] = {
    "before_quantity": _before_quantity,
    "not_month": _not_month,
    "not_manner": _not_manner,
    "not_after_make": _not_after_make,
    "deontic": _deontic,
}


# --------------------------------------------------------------------------- loading
def _lexicon_path(name_or_path: str | Path) -> Path:
    p = Path(name_or_path)
    if p.suffix == ".csv" or p.parent != Path("."):
        return p
    return LEXICON_DIR / f"{name_or_path}.csv"


def _check_entry_kind(entry: str, kind: str) -> str | None:
    n = len(TOKEN.findall(entry))
    if n == 0:
        return f"entry {entry!r} has no word in it"
    if kind == "word" and (n > 1 or "-" in entry):
        return f"entry {entry!r} has several words but kind is 'word'"
    if kind == "phrase" and n == 1 and "-" not in entry:
        return f"entry {entry!r} is one word but kind is 'phrase'"
    return None


def load_lexicon(name_or_path: str | Path, categories: Iterable[str] | None = None) -> Lexicon:
    """Read a lexicon CSV (a name under ``analysis/lexicons/`` or a path).

    Stance/framing files need ``entry, category, kind, source, note``; the
    overlay (``diplomatic_valence``) needs ``term, valence, gloss, source``.
    Every problem is reported with the file and line.

    >>> lex = load_lexicon("boosters")
    >>> lex.name, len(lex) > 10
    ('boosters', True)
    """
    path = _lexicon_path(name_or_path)
    # The file's size and modification time are part of the cache key, so an
    # edited lexicon (an exercise adds a hedge) is read again, not served stale.
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None  # _load reports the missing file
    return _load(str(path), tuple(categories) if categories else None, stamp)


@lru_cache(maxsize=None)
def _load(path_str: str, categories: tuple[str, ...] | None, stamp=None) -> Lexicon:
    from analysis.text.corpus import read_csv_rows

    path = Path(path_str)
    name = path.stem
    shown = display_path(path)
    overlay = False
    if path.is_file():
        head = path.read_text(encoding="utf-8-sig").split("\n", 1)[0]
        overlay = "valence" in [h.strip() for h in head.split(",")]
    rows, problems = read_csv_rows(path, OVERLAY_COLUMNS if overlay else STANCE_COLUMNS)
    entries: list[Entry] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, row in rows:
        if overlay:
            text, kind = row["term"], ("phrase" if len(TOKEN.findall(row["term"])) > 1 or "-" in row["term"] else "word")
            try:
                valence = float(row["valence"])
            except ValueError:
                problems.append(Problem(shown, f"valence {row['valence']!r} is not a number", "give a number between -4 and 4 (VADER's scale)", line=line))
                continue
            if not -4 <= valence <= 4:
                problems.append(Problem(shown, f"valence {valence} is outside VADER's scale", "give a number between -4 and 4", line=line))
                continue
            category, note, condition = "diplomatic", row["gloss"], ""
        else:
            text, kind, category, note = row["entry"], row["kind"], row["category"], row["note"]
            condition, valence = row.get("condition", ""), None
            if kind not in KINDS:
                problems.append(Problem(shown, f"kind {kind!r} is not 'word' or 'phrase'", "write word or phrase", line=line))
                continue
            if categories and category not in categories:
                problems.append(Problem(shown, f"unknown category {category!r}", f"use one of {', '.join(categories)}", line=line))
                continue
            if condition and condition not in CONDITIONS:
                problems.append(Problem(shown, f"unknown condition {condition!r}", f"use one of {', '.join(CONDITIONS)} or leave it empty", line=line))
                continue
        if not text:
            problems.append(Problem(shown, "empty entry", "write the word or phrase, or delete the row", line=line))
            continue
        if not row["source"]:
            problems.append(Problem(shown, f"entry {text!r} has no source", "cite a published source, or write 'team judgement'", line=line))
            continue
        bad = _check_entry_kind(text, kind)
        if bad:
            problems.append(Problem(shown, bad, "fix the kind column", line=line))
            continue
        e = Entry(text, category, kind, row["source"], note, name, line, condition, valence)
        if e.tokens in seen:
            problems.append(Problem(shown, f"entry {text!r} is listed twice (also line {seen[e.tokens]})", "keep one row", line=line))
            continue
        seen[e.tokens] = line
        entries.append(e)
    if problems:
        raise CorpusError(problems)
    return Lexicon(name, entries, path)


# --------------------------------------------------------------------------- matching
def token_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Word tokens as ``(start, end, lower, original)``.

    >>> [t[2] for t in token_spans("It’s a win-win, at 4:34 pm.")]
    ["it's", 'a', 'win-win', 'at', '4:34', 'pm']
    """
    return [(m.start(), m.end(), m.group().lower().translate(_APOS), m.group()) for m in TOKEN.finditer(text)]


class Match(NamedTuple):
    """A matched span: ``start``/``end`` are offsets in the text given."""

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


def _units(entry: str) -> list[str]:
    """An entry as regex pieces, one per character (gaps and apostrophes as classes)."""
    units = []
    for tok_i, tok in enumerate(TOKEN.findall(entry)):
        if tok_i:
            units.append(_GAP_RX)
        for ch in tok.lower().translate(_APOS):
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
    return tuple(t.lower().translate(_APOS) for t in TOKEN.findall(surface))


def find_spans(text: str, lexicons: Iterable[Lexicon], tokens=None) -> list[Match]:
    """Every match of the lexicons in ``text``, in order of position.

    The lexicons are matched together in one scan: matches never overlap, and
    at any position the longest entry of any of them wins (so "no doubt" is a
    booster, not also the hedge "doubt"). Call once per lexicon to allow
    overlaps between lists.

    >>> boosters = load_lexicon("boosters")
    >>> [(m.text, m.entry) for m in find_spans("We will go. It is clear who is responsible.", [boosters])]
    [('It is clear', 'it is clear')]
    """
    regex, regex_ic, table, fast = _combined(tuple(lexicons))
    low = text.lower()
    if len(low) != len(text):  # rare characters whose lower case is longer: keep offsets exact
        low, regex = text, regex_ic
    out: list[Match] = []
    starts = None
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
            if tokens is None:  # conditions look at a window of about 12 words around the match
                w0 = max(0, a - 80)
                window = text[w0:b + 40]
                wtokens = token_spans(window)
                i = bisect_left([t[0] for t in wtokens], a - w0)
                category = CONDITIONS[e.condition](wtokens, i, i + len(e.tokens) - 1, window, e)
            else:
                if starts is None:
                    starts = [t[0] for t in tokens]
                i = bisect_left(starts, a)
                category = CONDITIONS[e.condition](tokens, i, i + len(e.tokens) - 1, text, e)
            if category is None:
                continue
        out.append(Match(a, b, surface, e.entry, category, lex.name, e.kind, e.source, e.note, e.valence))
    return out
