"""The corpus format, its validation, and loading it into tidy frames.

A corpus is a directory::

    raw/              one UTF-8 text file per article, never written to
    texts.jsonl       optional: texts in one table instead (see analysis.text.texts_table)
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
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from analysis.text.build import (CARRIED_COLUMNS, DOCUMENT_COUNTS, PARAGRAPH_COLUMNS, REMOVED_COLUMNS,  # noqa: F401
                                  SENTENCE_COLUMNS, build_document, document_warnings)
from analysis.paths import BUNDLED_CORPUS, default_corpus  # noqa: F401  (BUNDLED_CORPUS re-exported)
from analysis.errors import CorpusError, Problem, display_path
from analysis.text.csvfile import read_csv_rows, valid_date as _valid_date
from analysis.text.html import HTML_SUFFIXES, html_text
from analysis.text.normalise import decode_text
from analysis.text.recurring import recurring_lines
from analysis.text.tables import SIDES, check_tables  # noqa: F401  (SIDES re-exported)
from analysis.text.texts_table import (TABLE_FILE, TABLE_PREFIX, checked_text, checksum_key, read_table,
                                       record_digest_problems, source_path, table_checksum_lines, text_key, uses_table)


REQUIRED_ARTICLE_COLUMNS = ("doc_id", "file", "title", "outlet", "published", "voice")
OPTIONAL_ARTICLE_COLUMNS = ("meeting_id", "notes")
ARTICLE_COLUMNS = REQUIRED_ARTICLE_COLUMNS + OPTIONAL_ARTICLE_COLUMNS
VOICES = ("press", "us", "china", "third-party")

#: Optional tables beside articles.csv: name -> required columns.
#: Later stages validate their rows further; the loader reads them as text.
OPTIONAL_TABLES: dict[str, tuple[str, ...]] = {
    "speakers": ("name", "aliases", "side", "role"),
    "meetings": ("meeting_id", "date", "place", "participants", "description"),
    "roles": ("role", "aliases", "speaker", "from", "to"),
    "voices": ("doc_id", "first_line", "last_line", "voice"),
}

#: Columns a table may have beyond its required ones; any other is warned about (most often a typo).
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {"speakers": ("notes",), "meetings": ("notes",), "roles": ("notes",),
                                             "voices": ("meeting_id", "note", "notes")}

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
    texts: dict[str, str]  # text_key (the file name, or texts.jsonl#<doc_id>) -> normalised text
    digests: dict[str, str]  # text_key -> sha256 of the bytes on disk (of a record's text)
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    lines: dict[str, int] = field(default_factory=dict)  # text_key of a record -> its line in texts.jsonl


def _read_raw_file(path: Path) -> tuple[str | None, str, list[Problem]]:
    """(normalised text or None, SHA-256 of the bytes on disk, problems) of one raw file."""
    name = display_path(path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in HTML_SUFFIXES:  # a saved web page: its main text (the file stays as it is)
        text, problem = html_text(data, name)
    else:
        text, problem = decode_text(data, name, "article")
    if problem:
        return None, digest, [problem]
    text, problems = checked_text(text, name)
    return text, digest, problems


def _read_checksums(path: Path) -> tuple[dict[str, str], list[Problem]]:
    sums, problems = {}, []
    if path.is_symlink():
        return sums, [_symlink_problem(path)]
    text, problem = decode_text(path.read_bytes(), display_path(path), "checksum file")
    if problem:
        problem = Problem(problem.file, problem.message, "regenerate the file with `python -m analysis checksums`",
                          line=problem.line)
        return sums, [problem]
    for i, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^([0-9a-f]{64}) [ *]?(.+)$", line.strip())
        if not m:
            problems.append(Problem(display_path(path), "not a checksum line",
                                    "regenerate the file with `python -m analysis checksums`", line=i))
            continue
        sums[checksum_key(m.group(2))] = m.group(1)
    return sums, problems


def _read_corpus(path: Path) -> _Raw:
    """Everything on disk, checked: articles.csv, the raw files and texts.jsonl, checksums and the optional tables."""
    path = Path(path)
    if not path.is_dir():
        return _Raw([], {}, {}, {}, [Problem(display_path(path), "corpus directory not found",
                                             "pass --corpus DIR pointing at a folder with raw/ and articles.csv")])
    raw_dir, articles_csv = path / "raw", path / "articles.csv"
    problems = [_symlink_problem(p) for p in (raw_dir, articles_csv) if p.is_symlink()]
    if problems:  # a link could pull the analyst's own files into every output
        return _Raw([], {}, {}, {}, problems)
    rows, found = read_csv_rows(articles_csv, REQUIRED_ARTICLE_COLUMNS, OPTIONAL_ARTICLE_COLUMNS)
    problems += found
    file_rows = [(line, row) for line, row in rows if not uses_table(row)]
    if not raw_dir.is_dir() and (file_rows or not rows):  # no raw/ is fine when every text is in texts.jsonl
        problems.append(Problem(display_path(raw_dir), "folder not found", "put one UTF-8 .txt file per article in raw/"))
    csv_name = display_path(articles_csv)
    files, found = _listed_files(file_rows, csv_name, raw_dir)
    table = read_table(path, rows, csv_name)
    # One row's problems together, in the order of the file's lines.
    problems += sorted(_check_article_rows(rows, csv_name) + found + table.row_problems, key=lambda p: p.line or 0)
    texts, digests = {}, {}
    for fname in files:
        text, digests[fname], found = _read_raw_file(raw_dir / fname)
        problems += found
        if text is not None:
            texts[fname] = text
    problems += table.problems
    texts.update(table.texts)
    digests.update(table.digests)
    if not rows and not any(p.file == csv_name for p in problems):
        problems.append(Problem(csv_name, "lists no articles",
                                "add one row per article under the header (see corpus/README.md)", line=1))
    # When articles.csv itself is unreadable, every raw file would look unlisted: say nothing then.
    if raw_dir.is_dir() and rows:
        problems += _unlisted_files(raw_dir, set(files))
    problems += _check_digests(path, digests, table.lines)
    tables, found = _read_tables(path)
    problems += found + check_tables(path, tables, rows)
    return _Raw(rows, texts, digests, tables, problems, table.lines)


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
        elif fname.startswith(TABLE_PREFIX):  # would share its key with that record (texts_table.text_key)
            problems.append(Problem(csv_name, f"file {fname!r} is named like a record of {TABLE_FILE}",
                                    f"write just {TABLE_FILE} (the record is found by doc_id), or rename the raw file",
                                    line=line))
        elif fname in seen:
            problems.append(Problem(csv_name, f"file {fname!r} is listed twice (first on line {seen[fname]})",
                                    "list each raw file once", line=line))
        else:
            seen[fname] = line
            if (raw_dir / fname).is_symlink():
                problems.append(_symlink_problem(raw_dir / fname))
            elif not (raw_dir / fname).is_file():
                problems.append(Problem(csv_name, f"file {fname!r} is listed but not found in {display_path(raw_dir)}",
                                        "add the file to raw/ or correct the name in articles.csv", line=line))
    return [f for f in seen if _regular_file(raw_dir / f)], problems


def _regular_file(path: Path) -> bool:
    """A file that is really in its folder: not a symbolic link, which could point anywhere."""
    return path.is_file() and not path.is_symlink()


def _symlink_problem(path: Path) -> Problem:
    return Problem(display_path(path), "is a symbolic link: a corpus may only read files that are inside it",
                   "replace the link with a copy of the file itself (e.g. `cp --remove-destination TARGET LINK`)")


def _unlisted_files(raw_dir: Path, listed: set[str]) -> list[Problem]:
    return [Problem(display_path(f), "file is in raw/ but not listed in articles.csv",
                    "add a row for it to articles.csv, or move it out of raw/")
            for f in sorted(raw_dir.iterdir())
            if (f.is_file() or f.is_symlink()) and not f.name.startswith(".") and f.name not in listed]


def _check_digests(path: Path, digests: dict[str, str], lines: dict[str, int]) -> list[Problem]:
    """Each raw file and texts.jsonl record (``lines``) against checksums.sha256, when the corpus has one."""
    checksum_path, raw_dir = path / CHECKSUM_FILE, path / "raw"
    if not checksum_path.is_file():
        return []
    sums, problems = _read_checksums(checksum_path)
    for fname, digest in digests.items():
        if fname in lines:
            continue
        if fname not in sums:
            problems.append(Problem(display_path(raw_dir / fname), "no checksum recorded for this file",
                                    "run `python -m analysis checksums` once the file is final", severity="warning"))
        elif sums[fname] != digest:
            problems.append(Problem(display_path(raw_dir / fname), "file differs from its recorded SHA-256 (raw files must not change)",
                                    "restore the original (e.g. `git checkout -- corpus/raw`), or if you replaced it on purpose run `python -m analysis checksums`"))
    return problems + record_digest_problems(path, sums, digests, lines)


def _read_tables(path: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """The optional tables present (speakers.csv, meetings.csv), each with a ``csv_line`` column."""
    tables, problems = {}, []
    for name, required in OPTIONAL_TABLES.items():
        tpath = path / f"{name}.csv"
        if tpath.is_symlink():
            problems.append(_symlink_problem(tpath))
            continue
        if not tpath.exists():
            continue
        trows, found = read_csv_rows(tpath, required, TABLE_COLUMNS.get(name, ()))
        if trows and "csv_line" in trows[0][1]:
            found.append(Problem(display_path(tpath), "a column is named csv_line, a name the loader uses for "
                                 "each row's line number", "rename that column", line=1))
        problems += found
        if not found:
            frame = pd.DataFrame([r for _, r in trows], columns=list(trows[0][1]) if trows else list(required))
            frame.insert(0, "csv_line", [ln for ln, _ in trows])
            tables[name] = frame
    return tables, problems


# --------------------------------------------------------------------------- public API


def check_corpus(path: str | Path | None = None) -> list[Problem]:
    """Validate a corpus directory; return every problem found (empty when all is well).

    Errors stop a corpus from loading; warnings (a document with no text left
    after cleaning, invisible characters left out, an unknown column) do not.

    >>> [p for p in check_corpus() if p.severity == "error"]
    []
    """
    path = Path(path) if path is not None else default_corpus()
    raw = _read_corpus(path)
    if any(p.severity == "error" for p in raw.problems):
        return raw.problems
    return _build(path, raw).warnings  # the reading's warnings, then those of cleaning


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load a corpus directory into tidy frames (by default ``$FRAMING_LAB_CORPUS`` or the bundled ``corpus/``).

    Raises :class:`~analysis.errors.CorpusError` listing every problem when the
    corpus is not valid. Warnings are kept in ``Corpus.warnings``.

    >>> corpus = load_corpus()
    >>> corpus.paragraphs[["doc_id", "para", "text"]].shape[1]
    3
    """
    path = Path(path) if path is not None else default_corpus()
    return _build(path, read_valid(path))


def read_valid(path: Path) -> _Raw:
    """Everything on disk, checked (no cleaning yet); raises :class:`CorpusError` listing the errors."""
    raw = _read_corpus(path)
    errors = [p for p in raw.problems if p.severity == "error"]
    if errors:
        raise CorpusError(errors)
    return raw


def article_meta(row: dict) -> dict:
    """An articles.csv row with every column of :data:`ARTICLE_COLUMNS` (empty when absent)."""
    return {c: row.get(c, "") for c in ARTICLE_COLUMNS}


def _build(path: Path, raw: _Raw, built: list | None = None) -> Corpus:
    """Clean and split every article of a valid corpus into the frames of a :class:`Corpus`.

    ``built`` holds each article's :func:`build_document` result, in the order of
    ``raw.articles``, when they were made elsewhere (in worker processes)."""
    docs, paras, sents, removed = [], [], [], []
    warnings = [p for p in raw.problems if p.severity == "warning"]
    if built is None:
        metas = [article_meta(row) for _, row in raw.articles]
        repeated = corpus_recurring(raw)
        built = [build_document(meta, raw.texts[text_key(meta)], rec) for meta, rec in zip(metas, repeated)]
    for i, (_, row) in enumerate(raw.articles):
        meta = article_meta(row)
        key = text_key(meta)
        doc, p_rows, s_rows, r_rows = built[i]
        docs.append({**doc, "sha256": raw.digests[key]})
        paras += p_rows
        sents += s_rows
        removed += r_rows
        found = document_warnings(source_path(path, meta), p_rows, r_rows)
        warnings += [replace(p, line=raw.lines[key]) for p in found] if key in raw.lines else found
    return Corpus(
        path=path,
        documents=pd.DataFrame(docs, columns=[*ARTICLE_COLUMNS, *DOCUMENT_COUNTS, "sha256"]),
        paragraphs=pd.DataFrame(paras, columns=list(PARAGRAPH_COLUMNS)),
        sentences=pd.DataFrame(sents, columns=list(SENTENCE_COLUMNS)),
        removed=pd.DataFrame(removed, columns=list(REMOVED_COLUMNS)),
        tables=raw.tables,
        warnings=warnings,
    )


def corpus_recurring(raw: _Raw) -> list[frozenset[int]]:
    """Each article's recurring lines (:func:`analysis.text.recurring.recurring_lines`), in the
    order of ``raw.articles``: computed from the whole corpus, before any article is built."""
    metas = [article_meta(row) for _, row in raw.articles]
    return recurring_lines([raw.texts[text_key(m)] for m in metas], [m["outlet"] for m in metas])


def write_checksums(path: str | Path | None = None) -> Path:
    """Record the SHA-256 of every file in ``raw/`` and of every record's text in ``texts.jsonl``
    (as ``texts.jsonl#<doc_id>``) in ``checksums.sha256`` (outside raw/)."""
    path = Path(path) if path is not None else default_corpus()
    raw_dir, table = path / "raw", path / TABLE_FILE
    if not raw_dir.is_dir() and not (table.exists() or table.is_symlink()):
        raise CorpusError([Problem(display_path(raw_dir), "folder not found", "put one UTF-8 .txt file per article in raw/")])
    files = sorted(raw_dir.iterdir()) if raw_dir.is_dir() else []
    links = [_symlink_problem(f) for f in [raw_dir, *files] if f.is_symlink()]
    if links:  # a digest of a linked file would vouch for a file outside the corpus
        raise CorpusError(links)
    lines = [
        f"{hashlib.sha256(f.read_bytes()).hexdigest()}  raw/{f.name}\n"
        for f in files if f.is_file() and not f.name.startswith(".")
    ]
    lines += table_checksum_lines(path)  # after raw/: "raw/" sorts before "texts.jsonl#", so add keeps the order
    from analysis.output import write_text_atomic

    out = path / CHECKSUM_FILE
    write_text_atomic(out, "".join(lines))
    return out
