"""Reading the small CSV tables of a corpus strictly, with every problem's file and line.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = path.write_text("a,b\\n1,2\\n3\\n", encoding="utf-8")
>>> rows, problems = read_csv_rows(path, ("a", "b"))
>>> rows, [p.line for p in problems]
([(2, {'a': '1', 'b': '2'})], [3])
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from pathlib import Path

from analysis.errors import Problem, display_path
from analysis.text.normalise import decode_text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_csv_rows(path: Path, required: tuple[str, ...],
                  optional: tuple[str, ...] | None = None) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a small CSV strictly; return ``[(line, row)]`` and the problems found.

    A UTF-8 byte-order mark and CRLF line endings are accepted. Header names are
    stripped of surrounding spaces; cell values are kept as written, stripped.
    A broken row (a stray quote, a wrong number of fields) is reported and the
    rows after it are still read and checked. With ``optional`` given, a column
    that is neither required nor optional is a warning with a "did you mean".
    """
    name = display_path(path)
    if not path.is_file():
        return [], [Problem(name, "file not found", f"create it with the columns {', '.join(required)}")]
    text, problem = _csv_text(path.read_bytes(), name)
    if problem:
        return [], [problem]
    if not text.strip():
        return [], [Problem(name, "file is empty", f"add a header row: {','.join(required)}")]
    lines = text.split("\n")
    try:
        header = [h.strip() for h in next(csv.reader([lines[0]], strict=True))]
    except csv.Error as err:
        return [], [Problem(name, f"not valid CSV ({err})", "quote fields that contain commas, quotes or line breaks", line=1)]
    problems = _header_problems(name, header, required)
    if problems:
        return [], problems
    if optional is not None:
        problems += _unknown_columns(name, header, (*required, *optional))
    rows, found = _rows(name, lines, header)
    return rows, problems + found


def _csv_text(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff") and b"\x00" in data:
        return None, Problem(name, "not a CSV file (it contains binary data)",
                             "save it as comma-separated text (CSV, UTF-8)")
    return decode_text(data, name, "file")


def _header_problems(name: str, header: list[str], required: tuple[str, ...]) -> list[Problem]:
    problems = []
    missing = [c for c in required if c not in header]
    if missing:
        hint = f"the header must name the columns {', '.join(required)}"
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            hint = "separate the columns with commas, not ';', tabs or '|'"
        problems.append(Problem(name, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}", hint, line=1))
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(name, f"column named twice: {', '.join(dupes)}", "give each column one name", line=1))
    return problems


def _unknown_columns(name: str, header: list[str], known: tuple[str, ...]) -> list[Problem]:
    """A warning for each column nobody reads: most often a typo, whose values would be lost."""
    out = []
    for col in header:
        if col and col not in known:
            close = difflib.get_close_matches(col, known, n=1, cutoff=0.7)
            hint = f"did you mean {close[0]!r}?" if close else f"the columns read are {', '.join(known)}"
            out.append(Problem(name, f"unknown column {col!r}: its values are not used", hint, line=1,
                               severity="warning"))
    return out


def _rows(name: str, lines: list[str], header: list[str]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """The data rows after the header; a broken row is reported and reading goes on at the next line."""
    rows, problems = [], []
    first = 1  # index in ``lines`` where the current reader starts (line number first + 1)
    while first < len(lines):
        reader = csv.reader(io.StringIO("\n".join(lines[first:]), newline=""), strict=True)
        line = first  # physical line number of the last row read
        try:
            for cells in reader:
                start, line = line + 1, first + reader.line_num
                if not any(c.strip() for c in cells):
                    continue  # blank rows are harmless
                if len(cells) != len(header):
                    raise _BrokenRow(start, f"row has {len(cells)} fields but the header has {len(header)}")
                rows.append((start, {h: c.strip() for h, c in zip(header, cells)}))
            break
        except _BrokenRow as broken:
            problems.append(Problem(name, broken.message, _BROKEN_HINT, line=broken.line))
            first = broken.line  # go on with the line after the broken row's first line
        except csv.Error as err:
            problems.append(Problem(name, f"not valid CSV ({err})", _BROKEN_HINT, line=line + 1))
            first = line + 1
    return rows, problems


_BROKEN_HINT = ('put fields that contain commas in double quotes ("like, this"), and close every quote you open; '
                'write a quote inside a quoted field twice ("")')


class _BrokenRow(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


def valid_date(text: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD.

    >>> valid_date("2023-06-19"), valid_date("2023-02-30"), valid_date("19/06/2023")
    (True, False, False)
    """
    if not _ISO_DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
