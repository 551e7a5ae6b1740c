"""Word lists as data: reading and validating a lexicon CSV.

A lexicon is a CSV file under ``analysis/lexicons/`` (or any path a caller
passes). Stance and framing lists have the columns ``entry, category, kind,
source, note`` (and an optional ``condition``, a rule of
:mod:`analysis.measure.conditions`); the diplomatic sentiment overlay has
``term, valence, gloss, source``. :func:`load_lexicon` reads one strictly: a
malformed file raises :class:`~analysis.errors.CorpusError` naming the file and
the line. Finding entries in text is :mod:`analysis.measure.matching`.

A file is parsed once per content: the cache key is the SHA-256 of its bytes,
so an edited CSV takes effect at the next call, in a running kernel too.

>>> hedges = load_lexicon("hedges")
>>> hedges.name, len(hedges) > 10
('hedges', True)
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from analysis.errors import CorpusError, Problem, display_path
from analysis.paths import LEXICON_DIR
from analysis.text.tokens import WORD as TOKEN
from analysis.text.tokens import _APOSTROPHES as APOSTROPHES
from analysis.measure.conditions import CONDITIONS

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
        return entry_tokens(self.entry)


@lru_cache(maxsize=None)
def entry_tokens(entry: str) -> tuple[str, ...]:
    """The tokens of an entry, lower case, apostrophes straight; cached by the entry's text (read at every
    match with a condition; kept out of the Entry itself, whose fields are the word list's digest).

    >>> entry_tokens("China’s core interests")
    ("china's", 'core', 'interests')
    """
    return tuple(t.lower().translate(APOSTROPHES) for t in TOKEN.findall(entry))


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
    Every problem is reported with the file and line. The same content gives the
    same :class:`Lexicon` object (parsed once); a changed file is parsed again.

    >>> lex = load_lexicon("boosters")
    >>> lex.name, len(lex) > 10
    ('boosters', True)
    >>> load_lexicon("boosters") is lex
    True
    """
    path = _lexicon_path(name_or_path)
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = None  # _load reports the missing file
    return _load(str(path), tuple(categories) if categories else None, digest)


@lru_cache(maxsize=128)
def _load(path_str: str, categories: tuple[str, ...] | None, digest: str | None) -> Lexicon:
    from analysis.text.csvfile import read_csv_rows

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
