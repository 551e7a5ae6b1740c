"""The optional tables beside articles.csv: speakers.csv and meetings.csv, validated
against each other and against articles.csv.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.errors import Problem, display_path
from analysis.text.csvfile import valid_date as _valid_date
from analysis.text.tokens import ascii_apostrophes

SIDES = ("us", "china", "third-party", "press")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def normalise_alias(text: str) -> str:
    """A speaker's name or alias as matching compares it: stripped, lower case, straight apostrophes.

    >>> normalise_alias("  China’s Embassy ")
    "china's embassy"
    """
    return ascii_apostrophes(text.strip()).lower()


def speaker_aliases(row) -> list[str]:
    """The normalised name and aliases of a speakers.csv row (``name``, ``aliases`` split on ``;``).

    The name comes first, then the aliases in their order; empty ones and repeats are dropped.

    >>> from types import SimpleNamespace
    >>> speaker_aliases(SimpleNamespace(name="Antony Blinken", aliases="Blinken; the Secretary;;blinken"))
    ['antony blinken', 'blinken', 'the secretary']
    """
    found = (normalise_alias(a) for a in [row.name, *str(row.aliases).split(";")])
    return list(dict.fromkeys(a for a in found if a))


def check_tables(path: Path, tables: dict[str, pd.DataFrame], articles: list[tuple[int, dict]]) -> list[Problem]:
    """Validate speakers.csv and meetings.csv against each other and articles.csv (attribution stage)."""
    speakers, meetings = tables.get("speakers"), tables.get("meetings")
    problems, names = _check_speakers(path, speakers) if speakers is not None else ([], None)
    if meetings is not None:
        problems += _check_meetings(path, meetings, names, articles)
    return problems


def _check_speakers(path: Path, speakers: pd.DataFrame) -> tuple[list[Problem], dict[str, int]]:
    """Problems of speakers.csv, and its names -> line."""
    problems: list[Problem] = []
    sname = display_path(path / "speakers.csv")
    names: dict[str, int] = {}
    aliases: dict[str, tuple[str, int]] = {}  # normalised alias -> (speaker, line)
    for r in speakers.itertuples(index=False):
        if not r.name:
            problems.append(Problem(sname, "empty name", "give every speaker a canonical name", line=r.csv_line))
            continue
        if r.name in names:
            problems.append(Problem(sname, f"speaker {r.name!r} is listed twice (first on line {names[r.name]})",
                                    "list each speaker once; put other spellings in aliases", line=r.csv_line))
            continue
        names[r.name] = r.csv_line
        if r.side not in SIDES:
            problems.append(Problem(sname, f"unknown side {r.side!r} for {r.name!r}",
                                    f"use one of {', '.join(SIDES)}", line=r.csv_line))
        for a in sorted(speaker_aliases(r)):
            if a in aliases and aliases[a][0] != r.name:
                other, line = aliases[a]
                problems.append(Problem(
                    sname, f"alias {a!r} of {r.name!r} is also a name or alias of {other!r} on line {line}",
                    "an alias must point to one speaker: keep it on one of the two lines", line=r.csv_line))
            else:
                aliases.setdefault(a, (r.name, r.csv_line))
    return problems, names


def _check_meetings(path: Path, meetings: pd.DataFrame, names: dict[str, int] | None,
                    articles: list[tuple[int, dict]]) -> list[Problem]:
    """Problems of meetings.csv (participants checked when there is a speakers.csv: ``names``) and of
    articles.csv meeting_ids."""
    problems: list[Problem] = []
    meeting_ids: dict[str, int] = {}
    mname = display_path(path / "meetings.csv")
    for r in meetings.itertuples(index=False):
        if not r.meeting_id:
            problems.append(Problem(mname, "empty meeting_id", "give the meeting a short slug", line=r.csv_line))
        elif r.meeting_id in meeting_ids:
            problems.append(Problem(mname, f"duplicate meeting_id {r.meeting_id!r} (first on line {meeting_ids[r.meeting_id]})",
                                    "give each meeting its own meeting_id", line=r.csv_line))
        else:
            meeting_ids[r.meeting_id] = r.csv_line
        if r.date and not (_PARTIAL_DATE.match(r.date) and _valid_date((r.date + "-01-01")[:10])):
            problems.append(Problem(mname, f"date {r.date!r} is not a date",
                                    "write it as YYYY-MM-DD (or YYYY-MM, YYYY), or leave it empty when the texts do not say",
                                    line=r.csv_line))
        if names is None:  # no speakers.csv: participants cannot be checked
            continue
        for person in (x.strip() for x in r.participants.split(";")):
            if person and person not in names:
                problems.append(Problem(mname, f"participant {person!r} of {r.meeting_id!r} is not in speakers.csv",
                                        "use the speaker's name as speakers.csv spells it, or add a row there",
                                        line=r.csv_line))
    aname = display_path(path / "articles.csv")
    for line, row in articles:
        mid = (row.get("meeting_id") or "").strip()
        if mid and mid not in meeting_ids:
            problems.append(Problem(aname, f"meeting_id {mid!r} is not in meetings.csv",
                                    "add the meeting to meetings.csv or correct the id", line=line))
    return problems
