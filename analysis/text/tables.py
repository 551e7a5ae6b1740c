"""The optional tables beside articles.csv: speakers.csv, meetings.csv, roles.csv (offices held
for a time) and voices.csv (line ranges of a document in another voice), validated against each
other, against articles.csv and against the raw files.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from analysis.errors import Problem, display_path
from analysis.text.csvfile import valid_date as _valid_date
from analysis.text.texts_table import TABLE_FILE
from analysis.text.tokens import ascii_apostrophes

SIDES = ("us", "china", "third-party", "press")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
_LINE_NUMBER = re.compile(r"^[1-9]\d*$")


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


def role_aliases(row) -> list[str]:
    """The normalised office and aliases of a roles.csv row (``role``, ``aliases`` split on ``;``).

    >>> from types import SimpleNamespace
    >>> role_aliases(SimpleNamespace(role="Chinese foreign minister", aliases="China’s foreign minister;"))
    ['chinese foreign minister', "china's foreign minister"]
    """
    found = (normalise_alias(a) for a in [row.role, *str(row.aliases).split(";")])
    return list(dict.fromkeys(a for a in found if a))


#: A role's dates in brackets: "(2021-01-26 to 2025-01-20)", "(from 2023-07-25)", "(2013-03 to 2022-12-30 and
#: from 2023-07-25)", "(2021-2025)". A date is YYYY-MM-DD, YYYY-MM or YYYY.
_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_ROLE_PART = re.compile(r"^(?P<office>[^()]*?)\s*(?:\((?P<dates>[^()]*)\).*)?$")
_SPAN = re.compile(rf"^(?:(?:from|since)\s+(?P<from>{_DATE})|(?:to|until)\s+(?P<to>{_DATE})|"
                   rf"(?P<a>{_DATE})(?:\s*(?:to|until|\u2013|\u2014|-)\s*(?P<b>{_DATE}))?)$")


def role_terms(role: str) -> tuple[list[tuple[str, list[tuple[str, str]]]], list[str]]:
    """The offices of a speakers.csv ``role`` (``;``-separated), each with its terms ``(from, to)`` as written
    (empty: open), and the bracketed date phrases that could not be read. The office is the text before the
    first bracket; brackets without a digit are a note ("institution (the U.S. side)"), not dates.

    >>> role_terms("Director of the Office (from 2022-10); Chinese Foreign Minister (2013-03 to 2022-12-30 and from 2023-07-25)")
    ([('director of the office', [('2022-10', '')]), ('chinese foreign minister', [('2013-03', '2022-12-30'), ('2023-07-25', '')])], [])
    >>> role_terms("US Treasury Secretary (2021-2025), lead")[0], role_terms("envoy (since last May)")[1]
    ([('us treasury secretary', [('2021', '2025')])], ['since last May'])
    """
    offices, bad = [], []
    for part in (p.strip() for p in str(role).split(";")):
        m = _ROLE_PART.match(part)
        if not part or m is None:
            continue
        dates = (m.group("dates") or "").strip()
        terms = []
        if any(c.isdigit() for c in dates) or dates.lower().startswith(("from", "since", "to ", "until")):
            for seg in (x.strip() for x in re.split(r"\s*(?:,|\band\b)\s*", dates) if x.strip()):
                span = _SPAN.match(seg)
                if span is None or not all(_valid_partial(d) for d in span.groups() if d):
                    bad.append(seg)
                elif span.group("a"):
                    terms.append((span.group("a"), span.group("b") or span.group("a")))
                else:
                    terms.append((span.group("from") or "", span.group("to") or ""))
        offices.append((" ".join(normalise_alias(m.group("office")).split()), terms))
    return offices, bad


def _valid_partial(date: str) -> bool:
    return bool(_PARTIAL_DATE.match(date)) and _valid_date((date + "-01-01")[:10])


def check_tables(path: Path, tables: dict[str, pd.DataFrame], articles: list[tuple[int, dict]]) -> list[Problem]:
    """Validate the optional tables against each other, articles.csv and the raw files (attribution stage)."""
    speakers, meetings = tables.get("speakers"), tables.get("meetings")
    problems, names = _check_speakers(path, speakers) if speakers is not None else ([], None)
    if meetings is not None:
        problems += _check_meetings(path, meetings, names, articles)
    if tables.get("roles") is not None:
        problems += check_roles(path, tables["roles"], speakers)
    if tables.get("voices") is not None:
        problems += check_voices(path, tables["voices"], meetings, articles)
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
        for phrase in role_terms(r.role)[1]:
            problems.append(Problem(sname, f"the dates {phrase!r} in the role of {r.name!r} cannot be read",
                                    "write a term as (YYYY-MM-DD to YYYY-MM-DD), (from YYYY-MM-DD) or (to YYYY-MM-DD); "
                                    "YYYY-MM and YYYY also do; join terms with 'and'", line=r.csv_line,
                                    severity="warning"))
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


# --------------------------------------------------------------------------- roles.csv


def check_roles(path: Path, roles: pd.DataFrame, speakers: pd.DataFrame | None) -> list[Problem]:
    """Problems of roles.csv: empty office, unknown speaker, bad dates, a term that ends before it
    begins, terms of one alias that overlap with different holders, an alias also in speakers.csv."""
    name = display_path(path / "roles.csv")
    known = {} if speakers is None else {a: (r.name, r.csv_line) for r in speakers.itertuples(index=False)
                                         for a in speaker_aliases(r)}
    names = set() if speakers is None else set(speakers.name)
    problems: list[Problem] = []
    terms: dict[str, list[tuple[str, str, str, int]]] = {}  # alias -> (speaker, from, to, line)
    for row in roles.to_dict("records"):
        line = row["csv_line"]
        found = _role_row_problems(name, row, names, speakers is not None)
        problems += found
        for alias in role_aliases(SimpleNamespace(**row)):
            if alias in known:
                problems.append(Problem(
                    name, f"alias {alias!r} of role {row['role']!r} is also a name or alias of {known[alias][0]!r} "
                          f"in speakers.csv (line {known[alias][1]})",
                    "keep it in one table: roles.csv when who it names depends on the date, speakers.csv when "
                    "it always names the same speaker", line=line))
            if not any("is not a date" in p.message for p in found):  # bad dates are reported once, above
                terms.setdefault(alias, []).append((row["speaker"], row["from"], row["to"], line))
    return problems + _overlapping_terms(name, terms)


def _role_row_problems(name: str, row: dict, names: set[str], have_speakers: bool) -> list[Problem]:
    line, problems = row["csv_line"], []
    if not row["role"]:
        problems.append(Problem(name, "empty role", "name the office, e.g. Chinese foreign minister", line=line))
    if not have_speakers:
        problems.append(Problem(name, "roles.csv needs a speakers.csv beside it",
                                "add speakers.csv with a row for each person who held an office", line=line))
    elif row["speaker"] not in names:
        problems.append(Problem(name, f"speaker {row['speaker']!r} of role {row['role']!r} is not in speakers.csv",
                                "use the speaker's name as speakers.csv spells it, or add a row there", line=line))
    bad = [c for c in ("from", "to") if row[c] and not _valid_date(row[c])]
    for c in bad:
        problems.append(Problem(name, f"{c} {row[c]!r} is not a date",
                                "write it as YYYY-MM-DD; leave from empty for 'since always' and to empty for "
                                "'still in office'", line=line))
    if not bad and row["from"] and row["to"] and row["from"] >= row["to"]:
        problems.append(Problem(name, f"the term from {row['from']} to {row['to']} ends before it begins",
                                "from is the first day in office, to the first day out of it: swap them or "
                                "correct one", line=line))
    return problems


def _overlapping_terms(name: str, terms: dict[str, list[tuple[str, str, str, int]]]) -> list[Problem]:
    """Two terms of one alias with different holders whose dates overlap: one problem per pair of lines."""
    problems, seen = [], set()
    for alias, found in terms.items():
        for i, (s1, f1, t1, l1) in enumerate(found):
            for s2, f2, t2, l2 in found[i + 1:]:
                overlap = (not t1 or not f2 or f2 < t1) and (not t2 or not f1 or f1 < t2)
                if s1 != s2 and overlap and (l1, l2) not in seen:
                    seen.add((l1, l2))
                    problems.append(Problem(
                        name, f"role alias {alias!r} names {s1!r} (line {l1}) and {s2!r} over the same days",
                        "make one term end (to) on the day the next begins (from)", line=l2))
    return problems


# --------------------------------------------------------------------------- voices.csv


def check_voices(path: Path, voices: pd.DataFrame, meetings: pd.DataFrame | None,
                 articles: list[tuple[int, dict]]) -> list[Problem]:
    """Problems of voices.csv: unknown doc_id, voice or meeting_id, line numbers that are not numbers,
    a range that ends before it begins or runs past the end of the raw file, ranges of one document
    that overlap."""
    name = display_path(path / "voices.csv")
    files = {row.get("doc_id", ""): row.get("file", "") for _, row in articles}
    meeting_ids = None if meetings is None else set(meetings.meeting_id)
    problems: list[Problem] = []
    ranges: dict[str, list[tuple[int, int, int]]] = {}  # doc_id -> (first, last, csv line)
    lengths: dict[str, int | None] = {}
    for row in voices.to_dict("records"):
        found, span = _voice_row_problems(name, row, files, meeting_ids)
        problems += found
        if span is None:
            continue
        doc = row["doc_id"]
        if doc not in lengths:  # (a text in texts.jsonl: not counted here, never a stray raw/texts.jsonl)
            lengths[doc] = None if files[doc] == TABLE_FILE else raw_line_count(path / "raw" / files[doc])
        if lengths[doc] is not None and span[1] > lengths[doc]:
            problems.append(Problem(name, f"last_line {span[1]} is past the end of raw/{files[doc]} "
                                          f"({lengths[doc]} lines)",
                                    "give line numbers of the raw file (`python -m analysis corpus --level "
                                    "paragraphs` shows each paragraph's first line)", line=row["csv_line"]))
        ranges.setdefault(doc, []).append((*span, row["csv_line"]))
    return problems + _overlapping_ranges(name, ranges)


def _voice_row_problems(name: str, row: dict, files: dict[str, str],
                        meeting_ids: set[str] | None) -> tuple[list[Problem], tuple[int, int] | None]:
    """The problems of one voices.csv row, and its (first, last) lines when they are usable."""
    line, problems = row["csv_line"], []
    if row["doc_id"] not in files:
        problems.append(Problem(name, f"doc_id {row['doc_id']!r} is not in articles.csv",
                                "use the doc_id of the article as articles.csv gives it", line=line))
    if row["voice"] not in SIDES:
        problems.append(Problem(name, f"unknown voice {row['voice']!r}",
                                "use one of press, us, china, third-party", line=line))
    mid = row.get("meeting_id", "")
    if mid and meeting_ids is None:
        problems.append(Problem(name, f"meeting_id {mid!r} given but the corpus has no meetings.csv",
                                "add meetings.csv with that meeting, or leave meeting_id empty", line=line))
    elif mid and mid not in meeting_ids:
        problems.append(Problem(name, f"meeting_id {mid!r} is not in meetings.csv",
                                "add the meeting to meetings.csv, correct the id, or leave it empty", line=line))
    numbers = [c for c in ("first_line", "last_line") if not _LINE_NUMBER.match(row[c])]
    for c in numbers:
        problems.append(Problem(name, f"{c} {row[c]!r} is not a line number",
                                "give a line number of the raw file (1 is its first line)", line=line))
    if numbers:
        return problems, None
    first, last = int(row["first_line"]), int(row["last_line"])
    if first > last:
        problems.append(Problem(name, f"first_line {first} is after last_line {last}",
                                "the range runs from first_line to last_line, both included: swap them", line=line))
        return problems, None
    return problems, ((first, last) if row["doc_id"] in files else None)


def _overlapping_ranges(name: str, ranges: dict[str, list[tuple[int, int, int]]]) -> list[Problem]:
    """Each range that starts inside an earlier-starting one of the same document (the one reaching furthest)."""
    problems = []
    for doc, spans in ranges.items():
        spans = sorted(spans)
        reach = spans[0]
        for f2, l2, c2 in spans[1:]:
            f1, l1, c1 = reach
            if f2 <= l1:
                problems.append(Problem(name, f"lines {f2}-{l2} of {doc!r} overlap lines {f1}-{l1} (line {c1})",
                                        "give each line one voice: end one range before the next begins",
                                        line=c2))
            if l2 > l1:
                reach = (f2, l2, c2)
    return problems


def raw_line_count(path: Path) -> int | None:
    """Lines of a raw file as the loader numbers them (the text of a saved page: its extracted lines),
    None when it cannot be read (the loader reports that)."""
    from analysis.text.html import HTML_SUFFIXES, html_text
    from analysis.text.normalise import decode_text

    if not path.is_file() or path.is_symlink():
        return None
    data = path.read_bytes()
    if path.suffix.lower() in HTML_SUFFIXES:
        text, problem = html_text(data, display_path(path))
    else:
        text, problem = decode_text(data, display_path(path), "article")
    return None if problem or text is None else len(text.split("\n"))
