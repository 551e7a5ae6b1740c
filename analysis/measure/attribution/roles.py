"""Offices held for a time: "China's foreign minister" is whoever held the office on the document's date.

Two sources, one table of terms. First, the ``role`` column of speakers.csv: an office that
``lexicons/offices.csv`` knows ("Chinese Foreign Minister", "US Secretary of State"), with its dates in
brackets when it was held for a time ("Chinese Foreign Minister (2022-12-30 to 2023-07-25)"; see
:func:`analysis.text.tables.role_terms`); the texts then name it in any of the lexicon's phrases
("China's foreign minister", "the top US diplomat"). Second, for any other office or phrasing, the
optional corpus table ``roles.csv``, whose terms come first. It has one row per term of office: ``role`` (the office, e.g.
``Chinese foreign minister``), ``aliases`` (other ways texts name it, ``;``-separated), ``speaker``
(a ``speakers.csv`` name), ``from`` and ``to`` (ISO dates ``YYYY-MM-DD``; ``from`` is the first day
in office, ``to`` the first day out of it, so one term's ``to`` is the next term's ``from``; either
may be empty: since always, still in office). The office and its aliases are matched like speaker
aliases (case-insensitive, curly or straight apostrophes), and resolve through the document's
``published`` date. A document with no date gets the holder only when every term of that alias
names the same person.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import SimpleNamespace

import pandas as pd

from analysis.text.tables import normalise_alias, role_aliases, role_terms


@dataclass(frozen=True)
class Term:
    """One person's term in an office: ``start`` inclusive, ``end`` exclusive, None when open."""

    speaker: str
    start: dt.date | None
    end: dt.date | None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:  # roles.csv dates are checked when the corpus is loaded; a bad one is an open end
        return None


@lru_cache(maxsize=1)
def office_phrases() -> dict[str, tuple[str, ...]]:
    """``lexicons/offices.csv``: office -> the phrases that name it (normalised, the office itself first).

    >>> "china's foreign minister" in office_phrases()["chinese foreign minister"]
    True
    """
    path = resources.files("analysis") / "lexicons" / "offices.csv"
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            office, phrase = normalise_alias(row.get("office") or ""), normalise_alias(row.get("phrase") or "")
            if office and phrase:
                out.setdefault(office, [office])
                if phrase not in out[office]:
                    out[office].append(phrase)
    return {k: tuple(v) for k, v in out.items()}


def _office_of(text: str, phrases: dict[str, tuple[str, ...]]) -> str | None:
    """The office a speakers.csv role names ("US Secretary of State", "President of China"), else None."""
    text = text.replace("u.s.", "us")
    return next((office for office, forms in phrases.items() if text in forms), None)


def _first(date: str) -> dt.date | None:
    """The first day of ``2023``, ``2023-07`` or ``2023-07-25`` (None when empty)."""
    return _day((date + "-01-01")[:10]) if date else None


def _after(date: str) -> dt.date | None:
    """The first day out of office for a ``to`` date: the day itself when it is full (the next holder's first
    day), else the first day after the month or year (``to 2025``: in office through 2025)."""
    if not date or len(date) == 10:
        return _day(date)
    start = _first(date)
    if start is None:
        return None
    if len(date) == 4:
        return start.replace(year=start.year + 1)
    return start.replace(year=start.year + start.month // 12, month=start.month % 12 + 1)


@dataclass
class Roles:
    """Normalised alias -> the terms of the office it names.

    >>> t = pd.DataFrame({"role": ["Chinese foreign minister"] * 3, "aliases": ["China's foreign minister"] * 3,
    ...                   "speaker": ["Wang Yi", "Qin Gang", "Wang Yi"],
    ...                   "from": ["2013-03-16", "2022-12-30", "2023-07-25"], "to": ["2022-12-30", "2023-07-25", ""]})
    >>> roles = Roles.from_table(t)
    >>> [roles.holder("china's foreign minister", d) for d in ("2023-06-18", "2023-07-25", "2022-12-29", "")]
    ['Qin Gang', 'Wang Yi', 'Wang Yi', None]
    """

    terms: dict[str, list[Term]] = field(default_factory=dict)

    @classmethod
    def from_tables(cls, roles: pd.DataFrame | None, speakers: pd.DataFrame | None) -> "Roles":
        """roles.csv's terms, then those of speakers.csv's ``role`` column (offices of lexicons/offices.csv)."""
        self = cls.from_table(roles)
        if speakers is None:
            return self
        phrases = office_phrases()
        for row in speakers.itertuples(index=False):
            for office, spans in role_terms(str(row.role))[0]:
                key = _office_of(office, phrases)
                for start, end in (spans or [("", "")]) if key else ():
                    term = Term(str(row.name).strip(), _first(start), _after(end))
                    for alias in phrases[key]:
                        self.terms.setdefault(alias, []).append(term)
        return self

    @classmethod
    def from_table(cls, table: pd.DataFrame | None) -> "Roles":
        self = cls()
        if table is None:
            return self
        for row in table.to_dict("records"):  # "from" is a Python keyword: rows as dicts, not tuples
            term = Term(str(row["speaker"]).strip(), _day(str(row["from"])), _day(str(row["to"])))
            for alias in role_aliases(SimpleNamespace(**row)):
                self.terms.setdefault(alias, []).append(term)
        return self

    def holder(self, alias: str, published: str) -> str | None:
        """Who held the office ``alias`` names on ``published`` (None when no term covers that day, or when
        there is no date and the terms name more than one person)."""
        terms = self.terms.get(alias, [])
        day = _day(published)
        if day is None:
            people = {t.speaker for t in terms}
            return people.pop() if len(people) == 1 else None
        return next((t.speaker for t in terms if t.holds(day)), None)
