"""What ``add`` accepts: limits with their reasons, the result types, and the checks of its options."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import Problem, display_path
from analysis.text.corpus import VOICES
from analysis.text.csvfile import valid_date
from analysis.text.normalise import normalise_characters

#: File endings a local source may have (compared in lower case).
TEXT_SUFFIXES = (".txt",)
#: Seconds a fetch may wait for the server at each step (connecting, each read).
FETCH_TIMEOUT = 20.0
#: Seconds a whole download may take.
FETCH_DEADLINE = 60.0
#: Largest download accepted: a news page is far smaller.
MAX_FETCH_BYTES = 5 * 1024 * 1024
#: Largest local file accepted (a saved page may carry inline images).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Longest title kept from a page or a first line (characters).
MAX_TITLE_CHARS = 300
#: Longest doc_id made from a title (characters, before a "-2" that makes it unique).
MAX_SLUG_CHARS = 48
USER_AGENT = "framing-lab (python -m analysis add)"

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")


class AddError(Exception):
    """A source or an option that cannot be added; ``code`` is the exit code (1 input, 2 usage)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclass
class Fetched:
    """A downloaded page: its bytes as the server sent them, and what the server said about them."""

    data: bytes
    content_type: str  # e.g. text/html, lower case, without parameters
    charset: str  # from Content-Type, "" when not given
    url: str  # after redirects


@dataclass
class Added:
    """One article added (or, before writing, about to be)."""

    source: str  # as the user gave it
    doc_id: str
    file: str  # the name in raw/
    data: bytes = field(repr=False)
    digest: str
    row: dict[str, str]
    found: dict[str, str]  # "title" -> where the title came from, ...
    left_out: list[tuple[str, str]] = field(default_factory=list, repr=False)  # HTML parts left out
    n_lines: int = 0  # lines of text the corpus will read


@dataclass
class Result:
    """What :func:`add_articles` did: the articles added and the final check's warnings."""

    corpus: Path
    added: list[Added]
    warnings: list[Problem]


# --------------------------------------------------------------------------- options


def check_options(voice: str | None, published: str | None, title: str | None, n_sources: int) -> None:
    """Raise :class:`AddError` (exit 2) for an option value that cannot be right."""
    if n_sources == 0:
        raise AddError("name at least one file or address to add", 2)
    if voice is not None and voice not in VOICES:
        raise AddError(f"--voice {voice!r} is not a voice: use one of {', '.join(VOICES)} (press for a news "
                       "report, us or china for an official readout)", 2)
    if published is not None and published != "" and not valid_date(published):
        raise AddError(f"--published {published!r} is not a date: write it as YYYY-MM-DD (e.g. 2023-06-19)", 2)
    if title is not None and n_sources > 1:
        raise AddError("--title names one article: add the sources one at a time to give each its title", 2)
    if title is not None and not _clean_line(title):
        raise AddError("--title is empty: give the headline, or leave --title out to take it from the text", 2)


def published_date(text: str) -> str:
    """``--published``: a real date written YYYY-MM-DD (argparse turns the error into its message)."""
    if not valid_date(text):
        import argparse

        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD (e.g. 2023-06-19)")
    return text


def _meeting_ids(corpus: Path) -> set[str] | None:
    """The meeting_ids of meetings.csv (None when the corpus has no meetings.csv)."""
    path = corpus / "meetings.csv"
    if not path.is_file():
        return None
    with open(path, encoding="utf-8-sig", newline="") as fh:  # check has read it already: it is valid
        table = list(csv.reader(fh))
    header = [h.strip() for h in table[0]] if table else []
    if "meeting_id" not in header:
        return set()
    i = header.index("meeting_id")
    return {r[i].strip() for r in table[1:] if len(r) > i} - {""}


def _check_meeting(corpus: Path, meeting: str | None) -> None:
    if not meeting:
        return
    ids = _meeting_ids(corpus)
    where = display_path(corpus / "meetings.csv")
    if ids is None:
        raise AddError(f"--meeting {meeting!r}: the corpus has no {where}; add the meeting there first "
                       "(meeting_id,date,place,participants,description), or leave --meeting out", 2)
    if meeting not in ids:
        known = ", ".join(sorted(ids)) or "none"
        raise AddError(f"--meeting {meeting!r} is not in {where} (its meeting_ids: {known}); add a row for "
                       "the meeting there first, or correct the id", 2)


def _clean_line(text: str) -> str:
    """One line of metadata: control and invisible characters removed, white space collapsed."""
    text, _ = normalise_characters(text or "")
    return _SPACE.sub(" ", text).strip()
