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
import io
import re
from pathlib import Path

from analysis.errors import Problem, display_path

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_csv_rows(path: Path, required: tuple[str, ...]) -> tuple[list[tuple[int, dict]], list[Problem]]:
    """Read a small CSV strictly; return ``[(line, row)]`` and the problems found.

    A UTF-8 byte-order mark and CRLF line endings are accepted. Header names are
    stripped of surrounding spaces; cell values are kept as written, stripped.
    """
    name = display_path(path)
    if not path.is_file():
        return [], [Problem(name, "file not found", f"create it with the columns {', '.join(required)}")]
    data = path.read_bytes()
    if b"\x00" in data:
        return [], [Problem(name, "not a CSV file (it contains binary data)",
                            "save it as comma-separated text (CSV, UTF-8)")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return [], [Problem(name, f"not UTF-8 text (byte 0x{data[err.start]:02x} at byte {err.start})",
                            "save the file with UTF-8 encoding", line=line)]
    if not text.strip():
        return [], [Problem(name, "file is empty", f"add a header row: {','.join(required)}")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as err:
        return [], [Problem(name, f"not valid CSV ({err})", "quote fields that contain commas, quotes or line breaks", line=1)]
    problems: list[Problem] = []
    missing = [c for c in required if c not in header]
    if missing:
        hint = f"the header must name the columns {', '.join(required)}"
        if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
            hint = "separate the columns with commas, not ';', tabs or '|'"
        problems.append(Problem(name, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}", hint, line=1))
    dupes = sorted({h for h in header if header.count(h) > 1})
    if dupes:
        problems.append(Problem(name, f"column named twice: {', '.join(dupes)}", "give each column one name", line=1))
    if problems:
        return [], problems

    rows: list[tuple[int, dict]] = []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problems.append(Problem(name, f"not valid CSV ({err})", "quote fields that contain commas, quotes or line breaks", line=start))
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank rows are harmless
        if len(cells) != len(header):
            problems.append(Problem(
                name, f"row has {len(cells)} fields but the header has {len(header)}",
                'put fields that contain commas in double quotes ("like, this")', line=start))
            continue
        rows.append((start, {h: c.strip() for h, c in zip(header, cells)}))
    return rows, problems


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
