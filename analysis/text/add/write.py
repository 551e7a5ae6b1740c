"""Writing what ``add`` adds, whole or not at all: new raw files, the appended rows and checksums, then check."""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
from pathlib import Path

from analysis.errors import CorpusError, Problem, display_path
from analysis.output import write_bytes_atomic
from analysis.text.corpus import ARTICLE_COLUMNS, CHECKSUM_FILE, check_corpus
from analysis.text.add.options import AddError, Added, Result, _check_meeting, check_options
from analysis.text.add.rows import _base_name, _row_for, _text_of, _unique, slug
from analysis.text.add.sources import _read_local, _suffix_of_fetched, fetch_url, is_url

# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def _locked(folder: Path):
    """Hold an advisory lock on the corpus folder, so two ``add`` runs never interleave their writes."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file ``path`` whole or not at all; never replace an existing file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write_bytes_atomic(tmp, data)
    try:
        os.link(tmp, path)  # fails when path exists: a raw file is never replaced
    except FileExistsError:
        raise AddError(f"{display_path(path)} appeared while adding; nothing was replaced, run add again") from None
    except OSError:  # a file system without hard links: exclusive create, then the rename
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise AddError(f"{display_path(path)} appeared while adding; nothing was replaced, run add again") from None
        os.close(fd)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _csv_line(cells: list[str], newline: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=newline).writerow(cells)
    return out.getvalue()


def _articles_bytes(original: bytes, rows: list[dict[str, str]]) -> bytes:
    """articles.csv with ``rows`` appended: the existing lines kept byte for byte, unless a column the new
    rows need (meeting_id, notes) is missing from the header, when the file is written anew with it."""
    bom = b"\xef\xbb\xbf" if original.startswith(b"\xef\xbb\xbf") else b""
    text = original[len(bom):].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    table = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip() for h in table[0]]
    needed = [c for c in ARTICLE_COLUMNS if c not in header and any(r.get(c) for r in rows)]
    if needed:
        header += needed
        width = len(table[0])
        body = [r + [""] * (len(header) - width) if any(c.strip() for c in r) else r for r in table[1:]]
        text = "".join(_csv_line(r, newline) for r in [header, *body] if r)
    elif text and not text.endswith(("\n", "\r")):
        text += newline
    text += "".join(_csv_line([r.get(h, "") for h in header], newline) for r in rows)
    return bom + text.encode("utf-8")


def _checksums_bytes(original: bytes | None, added: list[Added]) -> bytes:
    """checksums.sha256 with a line for each new raw file (the ``sha256sum`` format of ``checksums``);
    existing lines are kept as they are, in order of file name when they were."""
    lines = original.decode("utf-8").splitlines() if original else []
    lines = [ln for ln in lines if ln.strip()]
    new = [f"{a.digest}  raw/{a.file}" for a in added]
    keys = [ln.split(None, 1)[-1] for ln in lines]
    if keys == sorted(keys):
        lines = sorted(lines + new, key=lambda ln: ln.split(None, 1)[-1])
    else:
        lines += new
    return "".join(ln + "\n" for ln in lines).encode("utf-8")


def _existing_digests(raw_dir: Path) -> dict[str, str]:
    out = {}
    for f in sorted(raw_dir.iterdir()) if raw_dir.is_dir() else []:  # no raw/: every text is in texts.jsonl
        if f.is_file() and not f.is_symlink():
            out[hashlib.sha256(f.read_bytes()).hexdigest()] = f.name
    return out


def _article_rows(corpus: Path) -> list[dict[str, str]]:
    with open(corpus / "articles.csv", encoding="utf-8-sig", newline="") as fh:
        return [{k.strip(): (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(fh)]


# --------------------------------------------------------------------------- the command


def add_articles(corpus: str | Path, sources: list[str], *, voice: str | None = None, outlet: str | None = None,
                 published: str | None = None, meeting: str | None = None, title: str | None = None,
                 fetch=fetch_url, today: dt.date | None = None) -> Result:
    """Add every source to the corpus, whole or not at all (see the module's doc); return what was added.

    Raises :class:`AddError` for a bad option or source and :class:`~analysis.errors.CorpusError` when
    the corpus has errors before or would have errors after (then nothing is changed).
    """
    corpus = Path(corpus)
    check_options(voice, published, title, len(sources))
    if not (corpus / "articles.csv").exists() and not (corpus / "raw").exists():
        raise AddError(f"{display_path(corpus)} is not a corpus (it has no articles.csv and no raw/); name one "
                       "with --corpus DIR, or make one: a raw/ folder and an articles.csv whose first line is "
                       f"{','.join(ARTICLE_COLUMNS)}", 2)
    today = today or dt.datetime.now(dt.timezone.utc).date()
    with _locked(corpus):
        before = [p for p in check_corpus(corpus) if p.severity == "error"]
        if before:
            raise CorpusError(before + [Problem(display_path(corpus), "nothing was added: the corpus has errors "
                                                "already", "fix them first, then run add again")])
        _check_meeting(corpus, meeting)
        raw_dir = corpus / "raw"
        digests = _existing_digests(raw_dir)
        rows = _article_rows(corpus)
        doc_ids = {r.get("doc_id", "") for r in rows}
        names = {f.name for f in raw_dir.iterdir()} if raw_dir.is_dir() else set()
        planned: list[Added] = []
        for source in sources:
            planned.append(_plan(source, corpus, digests, doc_ids, names, planned, fetch=fetch, voice=voice,
                                 outlet=outlet, published=published, meeting=meeting, title=title, today=today))
        warnings = _write_and_check(corpus, planned)
    return Result(corpus, planned, warnings)


def _plan(source: str, corpus: Path, digests: dict[str, str], doc_ids: set[str], names: set[str],
          planned: list[Added], *, fetch, today: dt.date, **options) -> Added:
    """Read and validate one source and make its row (nothing is written)."""
    fetched = None
    if is_url(source):
        fetched = fetch(source)
        data, suffix = fetched.data, _suffix_of_fetched(source, fetched)
    else:
        data, suffix = _read_local(source, corpus)
    digest = hashlib.sha256(data).hexdigest()
    if digest in digests:
        raise AddError(f"{source}: is already in the corpus as raw/{digests[digest]} (the same bytes); nothing "
                       "was added or replaced")
    twin = next((a for a in planned if a.digest == digest), None)
    if twin is not None:
        raise AddError(f"{source}: has the same bytes as {twin.source}, named before it; give each article once")
    text, left_out, html = _text_of(data, suffix, source, fetched.charset if fetched else "")
    row, found = _row_for(source, text, html, fetched=fetched, today=today, **options)
    base = slug(row["title"]) if row["title"] != "unknown" else ""
    doc_id = _unique(base or _base_name(source, fetched), doc_ids)
    file = _unique(doc_id, names, suffix)
    doc_ids.add(doc_id)
    names.add(file)
    return Added(source, doc_id, file, data, digest, {"doc_id": doc_id, "file": file, **row}, found, left_out,
                 n_lines=sum(1 for ln in text.split("\n") if ln.strip()))


def _write_and_check(corpus: Path, planned: list[Added]) -> list[Problem]:
    """Write the raw files, articles.csv and checksums.sha256, then check; put everything back on failure."""
    articles, checksums = corpus / "articles.csv", corpus / CHECKSUM_FILE
    old_articles = articles.read_bytes()
    old_checksums = checksums.read_bytes() if checksums.is_file() else None
    written: list[Path] = []
    done = False
    made_raw = not (corpus / "raw").is_dir()  # a corpus whose texts are all in texts.jsonl has none yet
    try:
        if made_raw:
            (corpus / "raw").mkdir()
        for a in planned:
            target = corpus / "raw" / a.file
            _write_new(target, a.data)
            written.append(target)
        write_bytes_atomic(articles, _articles_bytes(old_articles, [a.row for a in planned]))
        write_bytes_atomic(checksums, _checksums_bytes(old_checksums, planned))
        problems = check_corpus(corpus)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise CorpusError(errors + [Problem(display_path(articles), "nothing was added: with the new row(s) the "
                                                "corpus does not pass check", "fix what is listed (often an "
                                                "option given to add), then run add again")])
        done = True
        return problems
    finally:
        if not done:  # an error, a failed check or Ctrl-C: everything back as it was
            for path in written:
                path.unlink(missing_ok=True)
            if made_raw:
                with contextlib.suppress(OSError):
                    (corpus / "raw").rmdir()
            if articles.read_bytes() != old_articles:
                write_bytes_atomic(articles, old_articles)
            if old_checksums is None:
                checksums.unlink(missing_ok=True)
            elif checksums.read_bytes() != old_checksums:
                write_bytes_atomic(checksums, old_checksums)
