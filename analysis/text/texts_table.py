"""texts.jsonl: a corpus's texts in one table, for corpora too big for one file per article.

A corpus folder may hold ``texts.jsonl`` beside ``articles.csv``: UTF-8, one JSON object per
line, ``{"doc_id": "...", "text": "..."}``. Blank lines are allowed; other keys are ignored, with
one warning naming them. An articles.csv row whose ``file`` is ``texts.jsonl`` takes its text
from the record with its ``doc_id``. Other rows keep their files in ``raw/``, so a corpus may mix
the two, and it needs no ``raw/`` when every row uses the table.

JSONL rather than Parquet: the standard library reads it (no pyarrow), line by line, and every
record has a line number for its messages. A record's text is read like a ``.txt`` file, never
as HTML: its line endings become LF, then :func:`checked_text` applies the checks and warnings
of a raw file.

A record's checksum is the SHA-256 of its text as UTF-8, not of its line. It is recorded in
``checksums.sha256`` as ``texts.jsonl#<doc_id>`` (:func:`text_key`), so the same text written
with other JSON escapes or key order keeps its digest, and a changed record is named by doc_id
and line.

>>> records, problems = parse_table(b'{"doc_id": "a", "text": "Talks went well."}\\n', "texts.jsonl")
>>> records["a"].line, records["a"].text, problems
(1, 'Talks went well.', [])
"""
from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Iterator, NamedTuple

from analysis.errors import CorpusError, Problem, display_path
from analysis.text.normalise import decode_text, normalise_characters

#: The table's name, in the corpus folder and in articles.csv's ``file`` column.
TABLE_FILE = "texts.jsonl"
#: A record's key: one table holds many texts, so its file name alone does not tell them apart.
TABLE_PREFIX = TABLE_FILE + "#"
KEYS = ("doc_id", "text")
#: Warnings of one kind listed one by one; the rest are counted in one more (a table of 100,000
#: records left out of articles.csv must not print 100,000 lines).
MAX_LISTED = 10
_EXAMPLE = '{"doc_id": "a", "text": "..."}'
_KINDS = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
          bool: "true or false", type(None): "null"}
#: How messages speak of an article's text: kind -> (what is empty, how to fill it, what stays as it is).
_WORDING = {
    "file": ("article file", "paste the article's text into it, or remove its row from articles.csv",
             "the raw file itself"),
    "record": ("record's text", "put the article's text in it, or remove the line and its row in articles.csv",
               f"{TABLE_FILE} itself"),
}


def uses_table(row: dict) -> bool:
    """Whether an articles.csv row takes its text from texts.jsonl.

    >>> uses_table({"file": "texts.jsonl"}), uses_table({"file": "a.txt"})
    (True, False)
    """
    return row.get("file", "") == TABLE_FILE


def text_key(meta: dict) -> str:
    """Where an article's text and digest are kept (``_Raw.texts``, ``_Raw.digests``) and how
    checksums.sha256 names it: the raw file's name, or ``texts.jsonl#<doc_id>``.

    >>> text_key({"doc_id": "a", "file": "a.txt"}), text_key({"doc_id": "a", "file": "texts.jsonl"})
    ('a.txt', 'texts.jsonl#a')
    """
    return TABLE_PREFIX + meta["doc_id"] if meta["file"] == TABLE_FILE else meta["file"]


def source_path(corpus: Path, meta: dict) -> Path:
    """The file an article's text is read from, as messages name it.

    >>> source_path(Path("c"), {"doc_id": "a", "file": "texts.jsonl"}).as_posix()
    'c/texts.jsonl'
    """
    return corpus / TABLE_FILE if meta["file"] == TABLE_FILE else corpus / "raw" / meta["file"]


def checksum_key(label: str) -> str:
    """The text key a checksums.sha256 line names (``raw/<file>`` or ``texts.jsonl#<doc_id>``).

    >>> checksum_key("raw/a.txt"), checksum_key("texts.jsonl#a"), checksum_key("raw/texts.jsonl#a")
    ('a.txt', 'texts.jsonl#a', 'raw/texts.jsonl#a')
    """
    name = label.removeprefix("raw/")
    # A raw file named like a record must never vouch for the record (articles.csv may not list one).
    return label if name != label and name.startswith(TABLE_PREFIX) else name


def checked_text(text: str, name: str, line: int | None = None, kind: str = "file") -> tuple[str | None, list[Problem]]:
    """A decoded article text without control and invisible characters (a warning when there were
    some), or None and an error when nothing is left. The same for a raw file and a record (``kind``).

    >>> checked_text("can\\u200bdid", "raw/a.txt")[0]
    'candid'
    >>> str(checked_text("\\u200b", "texts.jsonl", 3, "record")[1][0])[:64]
    "texts.jsonl:3: record's text is empty (only invisible or control"
    """
    empty, fill, kept = _WORDING[kind]
    text, removed = normalise_characters(text)
    if not text.strip():
        return None, [Problem(name, f"{empty} is empty" + (" (only invisible or control characters)"
                                                          if any(removed.values()) else ""), fill, line=line)]
    if removed["control"] or removed["invisible"]:
        return text, [Problem(
            name, f"{removed['control']} control character(s) (such as NUL) and {removed['invisible']} invisible "
                  "one(s) (zero-width, bidirectional controls, soft hyphens) are left out of the analysis",
            f"nothing to do if the text reads right; {kept} is unchanged", line=line, severity="warning")]
    return text, []


# --------------------------------------------------------------------------- parsing the lines


class Record(NamedTuple):
    """One line of texts.jsonl that is a usable record. A tuple of strings, which the garbage collector
    stops tracking: 100,000 records as objects made its passes cost 40% of reading the table."""

    line: int
    doc_id: str
    text: str  # as the table gives it, not yet normalised
    digest: str  # SHA-256 of ``text`` as UTF-8: what checksums.sha256 records


class _RepeatedKey(Exception):
    """A key given twice in one object: json would silently keep the last one."""


def _no_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise _RepeatedKey(next(k for i, (k, _) in enumerate(pairs) if k in dict(pairs[:i])))
    return out


#: One decoder for every line (``json.loads`` with a hook would build one per call: a tenth of the time).
_DECODER = json.JSONDecoder(object_pairs_hook=_no_repeated_keys)


def parse_table(source: bytes | BinaryIO, name: str) -> tuple[dict[str, Record], list[Problem]]:
    """The records of texts.jsonl (its bytes, or the file open in binary) by doc_id, in line order,
    and the problems of every line. The file is read a line at a time, so a table of 100,000
    texts is never in memory twice.

    >>> records, problems = parse_table(b'{"doc_id": "a", "text": "Hi."}\\n\\n[1]\\n', "texts.jsonl")
    >>> list(records), [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    (['a'], ['texts.jsonl:3: not a JSON object but an array.
              Fix: write one JSON object per line, such as {"doc_id": "a", "text": "..."}.'])
    """
    from analysis.text.corpus import _DOC_ID  # (corpus.py imports this module)

    records: dict[str, Record] = {}
    problems: list[Problem] = []
    extra: dict[str, int] = {}  # key -> first line with it
    for i, line, problem in _decoded_lines(io.BytesIO(source) if isinstance(source, bytes) else source, name):
        if problem is not None and problem.line is None:  # UTF-16: no line of it is readable
            return {}, [problem]
        if problem is not None or not line.strip():
            problems += [problem] if problem else []
            continue
        record, found, keys = _parse_line(i, line, name, _DOC_ID)
        problems += found
        for key in keys:
            extra.setdefault(key, i)
        if record is None:
            continue
        first = records.get(record.doc_id)
        if first is not None:
            problems.append(Problem(name, f"doc_id {record.doc_id!r} is also on line {first.line}",
                                    "keep one line per article: remove or rename one of the two", line=i))
        else:
            records[record.doc_id] = record
    if extra:
        first_line = min(extra.values())
        problems.append(Problem(name, f"key{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))} "
                                      f"ignored (first on line {first_line})",
                                f"only {' and '.join(KEYS)} are read; nothing to do if that is expected",
                                line=first_line, severity="warning"))
    return records, sorted(problems, key=lambda p: p.line or 0)


def _decoded_lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, str, Problem | None]]:
    """(line number, text, None) of every line; (line number, "", problem) for a line that is not
    UTF-8, so the others are still read. A problem without a line: the file looks like UTF-16."""
    for i, chunk in enumerate(stream, 1):  # binary lines end at b"\n" only (never at U+2028, as str lines do)
        try:
            line = chunk.decode("utf-8")
        except UnicodeDecodeError:
            problem = decode_text(chunk, name, "table")[1]
            # "looks like UTF-16" (no line) only from the first line's byte-order mark or NULs
            yield i, "", problem if problem.line is None and i == 1 else replace(problem, line=i)
            continue
        yield i, line.lstrip("\ufeff") if i == 1 else line, None


def _parse_line(i: int, line: str, name: str, slug: re.Pattern) -> tuple[Record | None, list[Problem], list[str]]:
    """One non-blank line: its record (None when it has none), its problems, its keys beyond doc_id and text."""

    def problem(message: str, hint: str = f"write one JSON object per line, such as {_EXAMPLE}"):
        return Problem(name, message, hint, line=i)

    try:
        obj = _DECODER.decode(line.rstrip("\r\n"))
    except _RepeatedKey as err:
        return None, [problem(f"key {err.args[0]!r} is given twice", "give each key once")], []
    except json.JSONDecodeError as err:
        if "\x00" in line:  # UTF-16 without a byte-order mark decodes as UTF-8 with a NUL after each letter
            return None, [problem("not JSON: it holds NUL characters, as a file in UTF-16 does",
                                  "convert it, e.g. `iconv -f UTF-16 -t UTF-8 texts.jsonl > converted.jsonl`")], []
        return None, [problem(f"not JSON ({err.msg.removesuffix(' at')} at column {err.colno})")], []
    except (ValueError, RecursionError):  # a number of thousands of digits, arrays nested thousands deep
        return None, [problem("not JSON that can be read (a number too long, or nesting too deep)")], []
    if not isinstance(obj, dict):
        return None, [problem(f"not a JSON object but {_KINDS.get(type(obj), 'a value')}")], []
    extra = [k for k in obj if k not in KEYS]
    problems = [problem(f"no {k!r} key", f"give the record both keys, such as {_EXAMPLE}")
                for k in KEYS if k not in obj]
    problems += [problem(f"{k} is {_KINDS.get(type(obj[k]), 'a value')}, not a string",
                         f'write it in double quotes, such as "{k}": "..."')
                 for k in KEYS if k in obj and not isinstance(obj[k], str)]
    if problems:
        return None, problems, extra
    doc_id, text = obj["doc_id"], obj["text"]
    if not slug.fullmatch(doc_id):  # fullmatch: "a\n" must not pass, it would break checksums.sha256
        return None, [problem(f"doc_id {doc_id!r} is not a slug", "use the doc_id of its articles.csv row "
                              "(letters, digits, '-', '_' or '.', with no spaces)")], extra
    try:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as err:  # a lone "\ud800" escape: valid JSON, but no character
        return None, [problem(f"text holds an unpaired surrogate escape \\u{ord(text[err.start]):04x} at "
                              f"character {err.start + 1}, which is not a character",
                              "write the character itself, or both halves of its \\u escape pair")], extra
    return Record(i, doc_id, text, digest), [], extra


# --------------------------------------------------------------------------- against articles.csv


@dataclass
class Table:
    """What reading texts.jsonl for a corpus found, keyed like ``_Raw.texts`` (:func:`text_key`)."""

    texts: dict[str, str] = field(default_factory=dict)  # normalised text
    digests: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # line in texts.jsonl
    problems: list[Problem] = field(default_factory=list)  # texts.jsonl's own
    row_problems: list[Problem] = field(default_factory=list)  # on articles.csv lines


def read_table(corpus: Path, rows: list[tuple[int, dict]], csv_name: str) -> Table:
    """texts.jsonl read and checked against articles.csv's rows: the text of every row that uses it.

    >>> read_table(Path("no-such-corpus"), [], "articles.csv")
    Table(texts={}, digests={}, lines={}, problems=[], row_problems=[])
    """
    path, out = corpus / TABLE_FILE, Table()
    table_rows = [(line, row) for line, row in rows if uses_table(row)]
    problem = _unusable(path)
    if problem is not None:
        out.problems.append(problem)
        return out  # every row would look as if it had no record: say nothing of them
    if not path.exists():
        if table_rows:
            out.row_problems.append(_no_table(corpus, table_rows, csv_name))
        return out
    name = display_path(path)
    with open(path, "rb") as fh:
        records, out.problems = parse_table(fh, name)
    if any(p.line is None for p in out.problems):  # UTF-16: nothing was read
        return out
    unread = sum(p.severity == "error" for p in out.problems)
    used: dict[str, Record] = {}
    for line, row in table_rows:
        record = records.get(row["doc_id"])
        if record is not None:
            used[row["doc_id"]] = record
        elif row["doc_id"]:  # an empty doc_id is reported with the row already
            out.row_problems.append(Problem(
                csv_name, f"doc_id {row['doc_id']!r} uses {TABLE_FILE} but has no record there"
                          + (f" ({unread} line(s) of it could not be read)" if unread else ""),
                f'add the line {{"doc_id": "{row["doc_id"]}", "text": "..."}} to {TABLE_FILE}, '
                "or name the article\'s file in raw/", line=line))
    if rows:  # when articles.csv is unreadable every record would look unused: say nothing then
        rows_by_id = {row["doc_id"]: (line, row) for line, row in rows}
        out.problems += _capped([_unused(name, r, rows_by_id.get(d)) for d, r in records.items() if d not in used],
                                "records articles.csv does not use")
    for doc_id, record in used.items():
        key = TABLE_PREFIX + doc_id
        # Read like a .txt file: the line endings decode_text gives a raw file, then its checks.
        text, found = checked_text(record.text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"),
                                   name, record.line, "record")
        out.problems += found
        out.lines[key], out.digests[key] = record.line, record.digest
        if text is not None:
            out.texts[key] = text
    out.problems.sort(key=lambda p: (p.line is None, p.line or 0))
    return out


def _unusable(path: Path) -> Problem | None:
    """Why texts.jsonl cannot be read at all (a link, a folder), or None."""
    from analysis.text.corpus import _symlink_problem  # (corpus.py imports this module)

    if path.is_symlink():  # a link could pull the analyst's own files into every output
        return _symlink_problem(path)
    if path.exists() and not path.is_file():
        return Problem(display_path(path), "is not a file",
                       f"make it one file with one JSON object per line, such as {_EXAMPLE}")
    return None


def _no_table(corpus: Path, table_rows: list[tuple[int, dict]], csv_name: str) -> Problem:
    misplaced = (corpus / "raw" / TABLE_FILE).is_file()
    hint = (f"move raw/{TABLE_FILE} up into the corpus folder, beside articles.csv" if misplaced else
            f"put {TABLE_FILE} (one JSON object per line, such as {_EXAMPLE}) beside articles.csv, "
            "or name each article's file in raw/")
    return Problem(csv_name, f"file {TABLE_FILE!r} is listed but {display_path(corpus / TABLE_FILE)} is not found "
                             f"({len(table_rows)} row(s) use it, the first on this line)", hint, line=table_rows[0][0])


def _unused(name: str, record: Record, row: tuple[int, dict] | None) -> Problem:
    """A record no articles.csv row reads: an error, like a file in raw/ that articles.csv does not list
    (most often a forgotten row; a subset of a table is a table of its own)."""
    if row is not None:  # its doc_id has a row, which names a raw file
        return Problem(name, f"doc_id {record.doc_id!r} is not read: its articles.csv row (line {row[0]}) names "
                             f"the file {row[1]['file']!r}", f"remove the line, or set that row's file to {TABLE_FILE}",
                       line=record.line)
    return Problem(name, f"doc_id {record.doc_id!r} has no row in articles.csv",
                   f"add a row for it to articles.csv (file {TABLE_FILE}), or remove the line",
                   line=record.line)


def _capped(problems: list[Problem], what: str) -> list[Problem]:
    """The first :data:`MAX_LISTED` problems of one kind, then one counting the others."""
    if len(problems) <= MAX_LISTED:
        return problems
    rest = problems[MAX_LISTED:]
    return problems[:MAX_LISTED] + [Problem(rest[0].file, f"and {len(rest)} more {what} (lines {rest[0].line} to "
                                                          f"{rest[-1].line})", rest[0].hint, severity=rest[0].severity)]


# --------------------------------------------------------------------------- checksums


def record_digest_problems(corpus: Path, sums: dict[str, str], digests: dict[str, str],
                           lines: dict[str, int]) -> list[Problem]:
    """Each record read (``lines``: text key -> line) against checksums.sha256's digests (``sums``),
    like a raw file: a changed text is an error, one with no digest a warning.

    >>> key = "texts.jsonl#a"
    >>> [p.message for p in record_digest_problems(Path("c"), {key: "0" * 64}, {key: "f" * 64}, {key: 2})]
    ["the text of doc_id 'a' differs from its recorded SHA-256 (texts must not change)"]
    """
    name = display_path(corpus / TABLE_FILE)
    changed, missing = [], []
    for key, line in lines.items():
        doc_id = key.removeprefix(TABLE_PREFIX)
        if key not in sums:
            missing.append(Problem(name, f"no checksum recorded for doc_id {doc_id!r}",
                                   "run `python -m analysis checksums` once the text is final", line=line,
                                   severity="warning"))
        elif sums[key] != digests[key]:
            changed.append(Problem(name, f"the text of doc_id {doc_id!r} differs from its recorded SHA-256 "
                                         "(texts must not change)",
                                   f"restore the original (e.g. `git checkout -- {TABLE_FILE}`), or if you "
                                   "replaced it on purpose run `python -m analysis checksums`", line=line))
    return changed + _capped(missing, "records with no checksum")


def table_checksum_lines(corpus: Path) -> list[str]:
    """The checksums.sha256 lines of every record of texts.jsonl, in order of doc_id (none without one).

    Raises :class:`CorpusError` when the table is a link or a line is not a record: a digest must
    vouch for exactly what the loader reads.

    >>> table_checksum_lines(Path("no-such-corpus"))
    []
    """
    path = corpus / TABLE_FILE
    problem = _unusable(path)
    if problem is not None:
        raise CorpusError([problem])
    if not path.exists():
        return []
    with open(path, "rb") as fh:
        records, problems = parse_table(fh, display_path(path))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise CorpusError(errors)
    return [f"{r.digest}  {TABLE_PREFIX}{d}\n" for d, r in sorted(records.items())]
