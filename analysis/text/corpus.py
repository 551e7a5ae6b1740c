"""The corpus format, its validation, and loading it into tidy frames.

A corpus is a directory::

    raw/              one UTF-8 text file per article, never written to
    articles.csv      one row per article (see ARTICLE_COLUMNS)
    checksums.sha256  optional: SHA-256 of each raw file (``sha256sum`` format)
    speakers.csv, meetings.csv, ...   optional extra tables (see OPTIONAL_TABLES)

:func:`check_corpus` lists every problem in one pass; :func:`load_corpus`
returns a :class:`Corpus` with one frame per unit (documents, paragraphs,
sentences, removed lines).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.text.clean import Line, classify_lines, rule_origin
from analysis.paths import BUNDLED_CORPUS
from analysis.errors import CorpusError, Problem, display_path
from analysis.text.segment import split_sentences
from analysis.text.tokens import ascii_apostrophes, count_words


REQUIRED_ARTICLE_COLUMNS = ("doc_id", "file", "title", "outlet", "published", "voice")
OPTIONAL_ARTICLE_COLUMNS = ("meeting_id", "notes")
ARTICLE_COLUMNS = REQUIRED_ARTICLE_COLUMNS + OPTIONAL_ARTICLE_COLUMNS
VOICES = ("press", "us", "china", "third-party")
#: Document metadata copied onto every paragraph and sentence row.
CARRIED_COLUMNS = ("voice", "outlet", "published")

#: Optional tables beside articles.csv: name -> required columns.
#: Later stages validate their rows further; the loader reads them as text.
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {
    "speakers": ("name", "aliases", "side", "role"),
    "meetings": ("meeting_id", "date", "place", "participants", "description"),
}

CHECKSUM_FILE = "checksums.sha256"
_DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class Corpus:
    """A loaded corpus: one tidy frame per unit, plus any optional tables.

    >>> corpus = load_corpus()
    >>> corpus.sentences.columns[:6].tolist()
    ['doc_id', 'para', 'sent', 'start', 'end', 'text']
    """

    path: Path
    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    removed: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"Corpus({display_path(self.path)!r}: {len(self.documents)} documents, "
            f"{len(self.paragraphs)} paragraphs, {len(self.sentences)} sentences, "
            f"{len(self.removed)} lines removed)"
        )


# --------------------------------------------------------------------------- reading


@dataclass
class _Raw:
    """What reading a corpus directory found, before any text processing."""

    articles: list[tuple[int, dict]]  # (line in articles.csv, row)
    texts: dict[str, str]  # file name -> normalised text
    digests: dict[str, str]  # file name -> sha256 of the bytes on disk
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]


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


def _normalise_text(text: str) -> str:
    """Drop a byte-order mark and turn CRLF / CR line endings into LF (in memory only)."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _read_raw_file(path: Path) -> tuple[str | None, str, Problem | None]:
    name = display_path(path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = _normalise_text(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        return None, digest, Problem(
            name, f"not UTF-8 text (byte 0x{data[err.start]:02x} at byte {err.start})",
            "re-save the article as UTF-8 (e.g. in a text editor: Save with encoding UTF-8)", line=line)
    if not text.strip():
        return None, digest, Problem(name, "article file is empty", "paste the article's text into it, or remove its row from articles.csv")
    return text, digest, None


def _read_checksums(path: Path) -> tuple[dict[str, str], list[Problem]]:
    sums, problems = {}, []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^([0-9a-f]{64}) [ *]?(.+)$", line.strip())
        if not m:
            problems.append(Problem(display_path(path), "not a checksum line",
                                    "regenerate the file with `python -m analysis checksums`", line=i))
            continue
        sums[m.group(2).removeprefix("raw/")] = m.group(1)
    return sums, problems


def _read_corpus(path: Path) -> _Raw:
    path = Path(path)
    problems: list[Problem] = []
    if not path.is_dir():
        problems.append(Problem(display_path(path), "corpus directory not found",
                                "pass --corpus DIR pointing at a folder with raw/ and articles.csv"))
        return _Raw([], {}, {}, {}, problems)
    raw_dir = path / "raw"
    articles_csv = path / "articles.csv"
    rows, found = read_csv_rows(articles_csv, REQUIRED_ARTICLE_COLUMNS)
    problems += found
    if not raw_dir.is_dir():
        problems.append(Problem(display_path(raw_dir), "folder not found", "put one UTF-8 .txt file per article in raw/"))

    csv_name = display_path(articles_csv)
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    texts: dict[str, str] = {}
    digests: dict[str, str] = {}
    for line, row in rows:
        doc_id, fname = row["doc_id"], row["file"]
        if not doc_id:
            problems.append(Problem(csv_name, "empty doc_id", "give the article a short slug such as cnn-interview", line=line))
        elif not _DOC_ID.match(doc_id):
            problems.append(Problem(csv_name, f"doc_id {doc_id!r} is not a slug",
                                    "use letters, digits, '-', '_' or '.', with no spaces", line=line))
        elif doc_id in seen_ids:
            problems.append(Problem(csv_name, f"duplicate doc_id {doc_id!r} (first on line {seen_ids[doc_id]})",
                                    "give each article its own doc_id", line=line))
        else:
            seen_ids[doc_id] = line
        if row["voice"] not in VOICES:
            problems.append(Problem(csv_name, f"unknown voice {row['voice']!r}",
                                    f"use one of {', '.join(VOICES)}", line=line))
        published = row["published"]
        if published and not _valid_date(published):
            problems.append(Problem(csv_name, f"published {published!r} is not a date",
                                    "write it as YYYY-MM-DD (e.g. 2023-06-19), or leave it empty when the text does not say", line=line))
        if not fname:
            problems.append(Problem(csv_name, "empty file name", "name the article's file under raw/", line=line))
            continue
        if Path(fname).name != fname:
            problems.append(Problem(csv_name, f"file {fname!r} is not a plain file name",
                                    "give the name of a file directly inside raw/, without folders", line=line))
            continue
        if fname in seen_files:
            problems.append(Problem(csv_name, f"file {fname!r} is listed twice (first on line {seen_files[fname]})",
                                    "list each raw file once", line=line))
            continue
        seen_files[fname] = line
        fpath = raw_dir / fname
        if not fpath.is_file():
            problems.append(Problem(csv_name, f"file {fname!r} is listed but not found in {display_path(raw_dir)}",
                                    "add the file to raw/ or correct the name in articles.csv", line=line))
            continue
        text, digest, problem = _read_raw_file(fpath)
        digests[fname] = digest
        if problem:
            problems.append(problem)
        else:
            texts[fname] = text

    if not rows and not any(p.file == csv_name for p in problems):
        problems.append(Problem(csv_name, "lists no articles",
                                "add one row per article under the header (see corpus/README.md)", line=1))

    # When articles.csv itself is unreadable, every raw file would look unlisted: say nothing then.
    if raw_dir.is_dir() and rows:
        for fpath in sorted(raw_dir.iterdir()):
            if fpath.is_file() and not fpath.name.startswith(".") and fpath.name not in seen_files:
                problems.append(Problem(display_path(fpath), "file is in raw/ but not listed in articles.csv",
                                        "add a row for it to articles.csv, or move it out of raw/"))

    checksum_path = path / CHECKSUM_FILE
    if checksum_path.is_file():
        sums, found = _read_checksums(checksum_path)
        problems += found
        for fname, digest in digests.items():
            if fname not in sums:
                problems.append(Problem(display_path(raw_dir / fname), "no checksum recorded for this file",
                                        "run `python -m analysis checksums` once the file is final", severity="warning"))
            elif sums[fname] != digest:
                problems.append(Problem(display_path(raw_dir / fname), "file differs from its recorded SHA-256 (raw files must not change)",
                                        "restore the original (e.g. `git checkout -- corpus/raw`), or if you replaced it on purpose run `python -m analysis checksums`"))

    tables: dict[str, pd.DataFrame] = {}
    for name, required in OPTIONAL_TABLES.items():
        tpath = path / f"{name}.csv"
        if tpath.exists():
            trows, found = read_csv_rows(tpath, required)
            problems += found
            if not found:
                frame = pd.DataFrame([r for _, r in trows], columns=list(trows[0][1]) if trows else list(required))
                frame.insert(0, "csv_line", [ln for ln, _ in trows])
                tables[name] = frame
    problems += _check_tables(path, tables, rows)
    return _Raw(rows, texts, digests, tables, problems)


SIDES = ("us", "china", "third-party", "press")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


def _check_tables(path: Path, tables: dict[str, pd.DataFrame], articles: list[tuple[int, dict]]) -> list[Problem]:
    """Validate speakers.csv and meetings.csv against each other and articles.csv (attribution stage)."""
    problems: list[Problem] = []
    speakers, meetings = tables.get("speakers"), tables.get("meetings")
    names: dict[str, int] = {}
    if speakers is not None:
        sname = display_path(path / "speakers.csv")
        aliases: dict[str, tuple[str, int]] = {}  # lower-case alias -> (speaker, line)
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
            own = {r.name.strip().lower()} | {a.strip().lower() for a in r.aliases.split(";") if a.strip()}
            for a in sorted(own):
                key = ascii_apostrophes(a)
                if key in aliases and aliases[key][0] != r.name:
                    other, line = aliases[key]
                    problems.append(Problem(
                        sname, f"alias {a!r} of {r.name!r} is also a name or alias of {other!r} on line {line}",
                        "an alias must point to one speaker: keep it on one of the two lines", line=r.csv_line))
                else:
                    aliases.setdefault(key, (r.name, r.csv_line))
    meeting_ids: dict[str, int] = {}
    if meetings is not None:
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
            if speakers is not None:
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


def _valid_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- public API


def check_corpus(path: str | Path | None = None) -> list[Problem]:
    """Validate a corpus directory; return every problem found (empty when all is well).

    >>> [p for p in check_corpus() if p.severity == "error"]
    []
    """
    return _read_corpus(Path(path) if path is not None else BUNDLED_CORPUS).problems


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load a corpus directory (the bundled ``corpus/`` by default) into tidy frames.

    Raises :class:`~analysis.errors.CorpusError` listing every problem when the
    corpus is not valid. Warnings are kept in ``Corpus.warnings``.

    >>> corpus = load_corpus()
    >>> corpus.paragraphs[["doc_id", "para", "text"]].shape[1]
    3
    """
    path = Path(path) if path is not None else BUNDLED_CORPUS
    raw = _read_corpus(path)
    errors = [p for p in raw.problems if p.severity == "error"]
    if errors:
        raise CorpusError(errors)

    doc_rows, para_rows, sent_rows, removed_rows = [], [], [], []
    for _, row in raw.articles:
        meta = {c: row.get(c, "") for c in ARTICLE_COLUMNS}
        doc_id = meta["doc_id"]
        lines = [Line(i, t.strip()) for i, t in enumerate(raw.texts[meta["file"]].split("\n"), 1) if t.strip()]
        dropped = classify_lines(lines, title=meta["title"])
        para = 0
        n_sent = n_words = 0
        for ln in lines:
            if ln.number in dropped:
                removed_rows.append({"doc_id": doc_id, "line": ln.number, "text": ln.text, "rule": dropped[ln.number],
                                     "origin": rule_origin(dropped[ln.number])})
                continue
            para += 1
            spans = split_sentences(ln.text)
            words = count_words(ln.text)
            n_sent += len(spans)
            n_words += words
            carried = {c: meta[c] for c in CARRIED_COLUMNS}
            para_rows.append({"doc_id": doc_id, "para": para, "text": ln.text, "line": ln.number,
                              "n_sentences": len(spans), "n_words": words, **carried})
            for s, (start, end) in enumerate(spans, 1):
                text = ln.text[start:end]
                sent_rows.append({"doc_id": doc_id, "para": para, "sent": s, "start": start, "end": end,
                                  "text": text, "n_words": count_words(text), "line": ln.number, **carried})
        doc_rows.append({**meta, "n_lines": len(lines), "n_paragraphs": para, "n_sentences": n_sent,
                         "n_words": n_words, "n_removed": len(dropped), "sha256": raw.digests[meta["file"]]})

    def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame(rows, columns=columns)

    carried = list(CARRIED_COLUMNS)
    return Corpus(
        path=path,
        documents=frame(doc_rows, list(ARTICLE_COLUMNS) + ["n_lines", "n_paragraphs", "n_sentences", "n_words", "n_removed", "sha256"]),
        paragraphs=frame(para_rows, ["doc_id", "para", "text", "line", "n_sentences", "n_words", *carried]),
        sentences=frame(sent_rows, ["doc_id", "para", "sent", "start", "end", "text", "n_words", "line", *carried]),
        removed=frame(removed_rows, ["doc_id", "line", "text", "rule", "origin"]),
        tables=raw.tables,
        warnings=[p for p in raw.problems if p.severity == "warning"],
    )


def write_checksums(path: str | Path | None = None) -> Path:
    """Record the SHA-256 of every file in ``raw/`` in ``checksums.sha256`` (outside raw/)."""
    path = Path(path) if path is not None else BUNDLED_CORPUS
    raw_dir = path / "raw"
    if not raw_dir.is_dir():
        raise CorpusError([Problem(display_path(raw_dir), "folder not found", "put one UTF-8 .txt file per article in raw/")])
    lines = [
        f"{hashlib.sha256(f.read_bytes()).hexdigest()}  raw/{f.name}\n"
        for f in sorted(raw_dir.iterdir()) if f.is_file() and not f.name.startswith(".")
    ]
    from analysis.output import write_text_atomic

    out = path / CHECKSUM_FILE
    write_text_atomic(out, "".join(lines))
    return out
