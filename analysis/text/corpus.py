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

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.text.clean import Line, classify_lines, rule_origin
from analysis.paths import BUNDLED_CORPUS
from analysis.errors import CorpusError, Problem, display_path
from analysis.text.csvfile import read_csv_rows, valid_date as _valid_date
from analysis.text.segment import split_sentences
from analysis.text.tables import SIDES, check_tables  # noqa: F401  (SIDES re-exported)
from analysis.text.tokens import count_words


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
    """Everything on disk, checked: articles.csv, the raw files, checksums and the optional tables."""
    path = Path(path)
    if not path.is_dir():
        return _Raw([], {}, {}, {}, [Problem(display_path(path), "corpus directory not found",
                                             "pass --corpus DIR pointing at a folder with raw/ and articles.csv")])
    raw_dir, articles_csv = path / "raw", path / "articles.csv"
    rows, problems = read_csv_rows(articles_csv, REQUIRED_ARTICLE_COLUMNS)
    if not raw_dir.is_dir():
        problems.append(Problem(display_path(raw_dir), "folder not found", "put one UTF-8 .txt file per article in raw/"))
    csv_name = display_path(articles_csv)
    files, found = _listed_files(rows, csv_name, raw_dir)
    # One row's problems together, in the order of the file's lines.
    problems += sorted(_check_article_rows(rows, csv_name) + found, key=lambda p: p.line or 0)
    texts, digests = {}, {}
    for fname in files:
        text, digests[fname], problem = _read_raw_file(raw_dir / fname)
        if problem:
            problems.append(problem)
        else:
            texts[fname] = text
    if not rows and not any(p.file == csv_name for p in problems):
        problems.append(Problem(csv_name, "lists no articles",
                                "add one row per article under the header (see corpus/README.md)", line=1))
    # When articles.csv itself is unreadable, every raw file would look unlisted: say nothing then.
    if raw_dir.is_dir() and rows:
        problems += _unlisted_files(raw_dir, set(files))
    problems += _check_digests(path / CHECKSUM_FILE, raw_dir, digests)
    tables, found = _read_tables(path)
    problems += found + check_tables(path, tables, rows)
    return _Raw(rows, texts, digests, tables, problems)


def _check_article_rows(rows: list[tuple[int, dict]], csv_name: str) -> list[Problem]:
    """doc_id, voice and published of every articles.csv row."""
    problems, seen_ids = [], {}
    for line, row in rows:
        doc_id = row["doc_id"]
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
    return problems


def _listed_files(rows: list[tuple[int, dict]], csv_name: str, raw_dir: Path) -> tuple[list[str], list[Problem]]:
    """The raw file names articles.csv lists that exist, once each, in order; and what is wrong with the others."""
    problems, seen = [], {}
    for line, row in rows:
        fname = row["file"]
        if not fname:
            problems.append(Problem(csv_name, "empty file name", "name the article's file under raw/", line=line))
        elif Path(fname).name != fname:
            problems.append(Problem(csv_name, f"file {fname!r} is not a plain file name",
                                    "give the name of a file directly inside raw/, without folders", line=line))
        elif fname in seen:
            problems.append(Problem(csv_name, f"file {fname!r} is listed twice (first on line {seen[fname]})",
                                    "list each raw file once", line=line))
        else:
            seen[fname] = line
            if not (raw_dir / fname).is_file():
                problems.append(Problem(csv_name, f"file {fname!r} is listed but not found in {display_path(raw_dir)}",
                                        "add the file to raw/ or correct the name in articles.csv", line=line))
    return [f for f in seen if (raw_dir / f).is_file()], problems


def _unlisted_files(raw_dir: Path, listed: set[str]) -> list[Problem]:
    return [Problem(display_path(f), "file is in raw/ but not listed in articles.csv",
                    "add a row for it to articles.csv, or move it out of raw/")
            for f in sorted(raw_dir.iterdir())
            if f.is_file() and not f.name.startswith(".") and f.name not in listed]


def _check_digests(checksum_path: Path, raw_dir: Path, digests: dict[str, str]) -> list[Problem]:
    """Each raw file against checksums.sha256, when the corpus has one."""
    if not checksum_path.is_file():
        return []
    sums, problems = _read_checksums(checksum_path)
    for fname, digest in digests.items():
        if fname not in sums:
            problems.append(Problem(display_path(raw_dir / fname), "no checksum recorded for this file",
                                    "run `python -m analysis checksums` once the file is final", severity="warning"))
        elif sums[fname] != digest:
            problems.append(Problem(display_path(raw_dir / fname), "file differs from its recorded SHA-256 (raw files must not change)",
                                    "restore the original (e.g. `git checkout -- corpus/raw`), or if you replaced it on purpose run `python -m analysis checksums`"))
    return problems


def _read_tables(path: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The optional tables present (speakers.csv, meetings.csv), each with a ``csv_line`` column."""
    tables, problems = {}, []
    for name, required in OPTIONAL_TABLES.items():
        tpath = path / f"{name}.csv"
        if not tpath.exists():
            continue
        trows, found = read_csv_rows(tpath, required)
        problems += found
        if not found:
            frame = pd.DataFrame([r for _, r in trows], columns=list(trows[0][1]) if trows else list(required))
            frame.insert(0, "csv_line", [ln for ln, _ in trows])
            tables[name] = frame
    return tables, problems


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
