"""Adding articles to a corpus: ``python -m analysis add PATH_OR_URL... [--corpus DIR] [options]``.

Each source (a ``.txt`` file, a saved ``.html``/``.htm`` page, or an ``http``/``https``
address) is copied into ``raw/`` byte for byte under a new, safe file name; its
row is appended to ``articles.csv`` and its SHA-256 to ``checksums.sha256``; then
the corpus is checked.

**Whole or not at all.** Everything is validated before anything is written:
the options, the corpus (it must pass ``check`` already, so the new article's
problems are not mixed with old ones), every source (readable, UTF-8 or a
declared encoding for pages, some text in it, not already in the corpus). Then
the files are written (each to a temporary file renamed into place; a raw file
never replaces an existing one), and the corpus is checked again. If that check
finds an error, or anything fails or is interrupted on the way, every file is
put back as it was: nothing half-added remains. With several sources, either
all are added or none.

What is refused, with a message naming the source and what to do: a source
that is a symbolic link or not a regular file, one inside the corpus folder
(``raw/x.txt`` saved by hand, ``articles.csv``), any other kind of file, one
over :data:`MAX_FILE_BYTES`, an address that is not ``http``/``https``, a
download over :data:`MAX_FETCH_BYTES` or slower than :data:`FETCH_TIMEOUT`
seconds, an HTTP error (404, ...), and a file whose bytes are already in the
corpus. The name in ``raw/`` is never taken from the source: it is the new
``doc_id`` and the source's extension, so ``../x.txt`` cannot name a place
outside ``raw/``.

:func:`unattributed` lists the new articles' quotations without a speaker and
suggests ``speakers.csv`` rows for the names found around them; the command
line prints it (the quotations come from the attribution stage, which this
text-stage module does not import).
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
import time
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from analysis.errors import CorpusError, Problem, display_path
from analysis.output import write_bytes_atomic
from analysis.text.clean import HEADLINE_MAX_WORDS
from analysis.text.corpus import ARTICLE_COLUMNS, CHECKSUM_FILE, VOICES, check_corpus
from analysis.text.csvfile import valid_date
from analysis.text.html import HTML_SUFFIXES, decode_html, extract, page_metadata
from analysis.text.normalise import decode_text, normalise_characters
from analysis.text.tables import normalise_alias
from analysis.text.tokens import count_words

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


# --------------------------------------------------------------------------- sources


def is_url(source: str) -> bool:
    """Whether a source is a web address (``scheme://...``) rather than a path."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", source) is not None


def fetch_url(url: str, timeout: float | None = None, max_bytes: int | None = None) -> Fetched:
    """Download ``url`` (http or https only) with a timeout and a size limit; raise :class:`AddError`.

    The limits are read at each call (:data:`FETCH_TIMEOUT`, :data:`FETCH_DEADLINE`,
    :data:`MAX_FETCH_BYTES`) unless given.
    """
    import socket
    import urllib.error
    import urllib.request  # here, not at the top: every command builds the parser that imports this module

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        """Follow redirects to http and https addresses only (never to file:, ftp:, ...)."""

        max_redirections = 5

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            scheme = urllib.parse.urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                raise urllib.error.HTTPError(newurl, code, f"redirected to a {scheme}: address, which is not "
                                             "fetched", headers, fp)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    timeout = FETCH_TIMEOUT if timeout is None else timeout
    max_bytes = MAX_FETCH_BYTES if max_bytes is None else max_bytes
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise AddError(f"{url}: only http:// and https:// addresses are fetched; save the page and add the file", 2)
    opener = urllib.request.build_opener(HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity",
                                                   "Accept": "text/html, application/xhtml+xml, text/plain;q=0.9"})
    limit = f"{max_bytes / 1024 / 1024:g} MB"
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise AddError(f"{url}: the page is {int(length):,} bytes, over the {limit} limit; save the "
                               "article's text as a .txt file and add that")
            chunks, size, deadline = [], 0, time.monotonic() + max(FETCH_DEADLINE, timeout)
            while True:
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise AddError(f"{url}: the page is over the {limit} limit; save the article's text as a "
                                   ".txt file and add that")
                if time.monotonic() > deadline:
                    raise AddError(f"{url}: the download took over {max(FETCH_DEADLINE, timeout):g} s; try "
                                   "again later, or save the page and add the file")
                chunks.append(chunk)
            content_type = response.headers.get_content_type() or ""
            charset = response.headers.get_content_charset() or ""
            final = response.geturl()
    except AddError:
        raise
    except urllib.error.HTTPError as err:
        raise AddError(f"{url}: the server answered {err.code} {err.reason}; check the address, or save the "
                       "page in a browser and add the file") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise AddError(f"{url}: no answer within {timeout:g} s; try again later, or save the page and add "
                           "the file") from None
        raise AddError(f"{url}: could not fetch it ({reason}); check the address and the network, or save the "
                       "page and add the file") from None
    except (socket.timeout, TimeoutError):
        raise AddError(f"{url}: no answer within {timeout:g} s; try again later, or save the page and add the "
                       "file") from None
    except (OSError, ValueError) as err:  # a broken connection, a malformed answer or address
        raise AddError(f"{url}: could not fetch it ({err}); save the page and add the file") from None
    return Fetched(b"".join(chunks), content_type.lower(), charset.lower(), final)


def _suffix_of_fetched(url: str, fetched: Fetched) -> str:
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        return ".html"
    if fetched.content_type == "text/plain":
        return ".txt"
    head = fetched.data[:2048].lstrip().lower()
    if fetched.content_type in ("", "application/octet-stream") and (head.startswith(b"<!doctype html")
                                                                      or b"<html" in head):
        return ".html"
    raise AddError(f"{url}: the server sent {fetched.content_type or 'no content type'}, not a web page or plain "
                   "text; save the article's text as a .txt file and add that")


def _read_local(source: str, corpus: Path) -> tuple[bytes, str]:
    """The bytes and the suffix (.txt or .html) of a local source, refusing what must not be added."""
    path = Path(source).expanduser()
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise AddError(f"{source}: file not found; check the path (an address must start with http:// or "
                       "https://)") from None
    except OSError as err:
        raise AddError(f"{source}: cannot be read ({err.strerror}); check the path and its permissions") from None
    if stat.S_ISLNK(info.st_mode):
        raise AddError(f"{source}: is a symbolic link (to {os.readlink(path)}); add the file itself, so that "
                       "what is copied is what you named")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise AddError(f"{source}: is {kind}; name one .txt or .html file (or several)")
    resolved, home = path.resolve(), corpus.resolve()
    if resolved == home or home in resolved.parents:
        raise AddError(f"{source}: is inside the corpus folder {display_path(corpus)}; move it out (e.g. "
                       f"mv {source} ~/) and add it from there, so that raw/ holds only what add copied")
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise AddError(f"{source}: only .txt (UTF-8 text) and .html or .htm (a saved web page) can be added; "
                       "save the article as one of these")
    if info.st_size > MAX_FILE_BYTES:
        raise AddError(f"{source}: is {info.st_size:,} bytes, over the {MAX_FILE_BYTES // 1024 // 1024} MB "
                       "limit for one article; save only the article's text and add that")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        raise AddError(f"{source}: cannot be read ({err.strerror}); check the file and its permissions") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced between the look and the open
            raise AddError(f"{source}: is not a regular file; name one .txt or .html file")
        data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise AddError(f"{source}: is over the {MAX_FILE_BYTES // 1024 // 1024} MB limit for one article")
    return data, (".html" if suffix in HTML_SUFFIXES else ".txt")


# --------------------------------------------------------------------------- the new rows


def _clean_line(text: str) -> str:
    """One line of metadata: control and invisible characters removed, white space collapsed."""
    text, _ = normalise_characters(text or "")
    return _SPACE.sub(" ", text).strip()


def slug(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """A doc_id made from a title or a name: lower-case ASCII words joined by ``-``.

    >>> slug("Blinken’s long-awaited visit to China has been confirmed by top US diplomat")
    'blinkens-long-awaited-visit-to-china-has-been'
    >>> slug("中美会谈"), slug("Ça va: Ōsaka talks")
    ('', 'ca-va-osaka-talks')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = [w for w in _SLUG_DROP.split(ascii_text) if w]
    out = ""
    for w in words:
        candidate = f"{out}-{w}" if out else w
        if len(candidate) > max_chars:
            break
        out = candidate
    return out or (words[0][:max_chars] if words else "")


def _unique(base: str, taken: set[str], suffix: str = "") -> str:
    """``base + suffix``, or ``base-2 + suffix``, ``base-3 + suffix``, ... not in ``taken`` (compared in lower case)."""
    lowered = {t.lower() for t in taken}
    name, n = f"{base}{suffix}", 1
    while name.lower() in lowered:
        n += 1
        name = f"{base}-{n}{suffix}"
    return name


def _first_line_title(text: str) -> tuple[str, str]:
    """The first non-empty line as the title when it can be one, else ``unknown``."""
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    first = _clean_line(first)
    if first and count_words(first) <= HEADLINE_MAX_WORDS and len(first) <= MAX_TITLE_CHARS:
        return first, "the first line of the text"
    return "unknown", ""


def _text_of(data: bytes, suffix: str, source: str, charset: str = "") -> tuple[str, list[tuple[str, str]], str]:
    """(the text the corpus will read, the HTML parts left out, the HTML itself or "") of a source."""
    if suffix == ".html":
        html, problem = decode_html(data, source)
        if problem is None:
            result = extract(html)
            text, left_out = result.text, result.left_out
        else:
            text, left_out, html = None, [], ""
    else:
        text, problem = decode_text(data, source, "article")
        left_out, html = [], ""
    if problem is not None:
        hint = problem.hint
        if charset and charset not in ("utf-8", "utf8"):
            hint = (f"the server said the page is in {charset}, which the page itself does not declare: save it "
                    "from a browser as UTF-8 and add that file")
        raise AddError(f"{source}: {problem.message}; {hint}")
    text, _ = normalise_characters(text)
    if not text.strip():
        what = ("no article text in the page (only page furniture: menus, links, captions)"
                if suffix == ".html" else "the file is empty")
        raise AddError(f"{source}: {what}; add a file that holds the article's text")
    return text, left_out, html or ""


def _row_for(source: str, text: str, html: str, *, title: str | None,
             outlet: str | None, published: str | None, voice: str | None, meeting: str | None,
             fetched: Fetched | None, today: dt.date) -> tuple[dict[str, str], dict[str, str]]:
    """The articles.csv cells of one source (without doc_id and file) and where each value came from."""
    found: dict[str, str] = {}
    page = page_metadata(html) if html else None
    if title is not None:
        title_value, found["title"] = _clean_line(title), "from --title"
    elif page is not None and page.title:
        title_value, found["title"] = _clean_line(page.title)[:MAX_TITLE_CHARS], f"from the page's {page.sources['title']}"
    else:
        title_value, where = _first_line_title(text)
        found["title"] = f"from {where}" if where else "no line reads like a headline: give it with --title"
    if outlet is not None:
        outlet_value, found["outlet"] = _clean_line(outlet) or "unknown", "from --outlet"
    elif page is not None and page.outlet:
        outlet_value, found["outlet"] = _clean_line(page.outlet), f"from the page's {page.sources['outlet']}"
    else:
        outlet_value, found["outlet"] = "unknown", "the source does not say: give it with --outlet"
    if published is not None:
        published_value, found["published"] = published, "from --published"
    elif page is not None and page.published:
        published_value, found["published"] = page.published, f"from the page's {page.sources['published']}"
    else:
        published_value, found["published"] = "", "the source gives no date: give it with --published"
    notes = []
    if fetched is not None:
        note = f"Fetched from {source} on {today.isoformat()} (UTC)"
        if fetched.url != source:
            note += f", redirected to {fetched.url}"
        notes.append(note + ".")
    from_page = [k for k in ("title", "outlet", "published") if found[k].startswith("from the page's ")]
    if from_page:
        notes.append("Taken from the page's metadata: " + "; ".join(
            f"{k} ({found[k].removeprefix('from the page' + chr(39) + 's ')})" for k in from_page) + ".")
    if found["title"] == "from the first line of the text":
        notes.append("Title taken from the first line of the text.")
    found["voice"] = "from --voice" if voice is not None else \
        "the default, a news report: --voice us or china for an official readout"
    row = {"title": title_value or "unknown", "outlet": outlet_value, "published": published_value,
           "voice": voice or "press", "meeting_id": meeting or "", "notes": " ".join(notes)}
    return row, found


def _base_name(source: str, fetched: Fetched | None) -> str:
    """A fallback slug from the source's name: the file's stem, or the address's last path part or host."""
    if fetched is not None or is_url(source):
        parts = urllib.parse.urlsplit(fetched.url if fetched else source)
        last = [p for p in parts.path.split("/") if p]
        return slug(Path(last[-1]).stem if last else parts.hostname or "") or "article"
    return slug(Path(source).stem) or "article"


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
    for f in sorted(raw_dir.iterdir()):
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
        names = {f.name for f in raw_dir.iterdir()}
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
    try:
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
            if articles.read_bytes() != old_articles:
                write_bytes_atomic(articles, old_articles)
            if old_checksums is None:
                checksums.unlink(missing_ok=True)
            elif checksums.read_bytes() != old_checksums:
                write_bytes_atomic(checksums, old_checksums)


# --------------------------------------------------------------------------- unattributed quotations


@dataclass
class Unattributed:
    """A quotation of a new article without a speaker, with the names found around it."""

    quote_id: str
    para: int
    kind: str
    text: str
    cue: str
    context: str  # the sentence(s) around the quotation
    names: list[str]  # candidate speakers, nearest to a reporting verb first
    #: For a quotation given to the previous quotation's speaker only because it follows it, although
    #: a name not in speakers.csv is next to a reporting verb around it: that speaker.
    continued_from: str = ""


#: The cue the attribution stage gives a quotation that continues the voice of the one before it (as
#: analysis.measure.attribution.documents writes it; the tests compare the two).
CONTINUES_CUE = "(continues the previous quotation)"
#: Capitalised words that begin a sentence or name a time, never a speaker.
_NOT_NAMES = frozenset("""a an the he she it they we i you this that these those his her its their our
but and or so yet if when while as after before then there here in on at by for from of to with
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december mr mrs ms dr officials analysts experts critics
""".split())
#: Capitalised titles before a name ("Foreign Minister Liang Wen"): not part of it.
_TITLES = frozenset("""president vice secretary minister foreign deputy prime premier spokesperson spokesman
spokeswoman ambassador senator representative governor general admiral director chairman chair councilor
councillor envoy special mr mrs ms dr professor prof us u.s. chinese american state assistant under defense
defence commerce trade treasury national security adviser advisor""".split())
_NAME_WORD = r"(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|[A-Z]{2,}(?![a-z]))"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:de|van|von|al|bin|da|le|la)\s+)?{_NAME_WORD}){{0,5}}"
#: Longest name suggested, in words (after the titles before it are taken off).
_NAME_MAX_WORDS = 4


def _verb_pattern(verbs) -> str:
    return "|".join(sorted(map(re.escape, verbs), key=len, reverse=True))


def find_names(text: str, verbs) -> list[str]:
    """Capitalised names that are the subject of a reporting verb in ``text``, nearest the verb first:
    ``Li Ming said``, ``said Li Ming``, ``according to Li Ming``, ``Li Ming, a researcher, said``.

    >>> find_names("“We will see,” said Li Ming, a researcher. Analysts said more.", ["said", "according to"])
    ['Li Ming']
    >>> find_names("Foreign Ministry spokesperson Mao Ning told reporters on Monday", ["told"])
    ['Mao Ning']
    """
    v = _verb_pattern(verbs)
    patterns = [
        rf"({_NAME})(?:,[^,.;:!?]{{1,100}},)?\s+(?:\w+ly\s+|has\s+|had\s+|also\s+)?(?:{v})\b",  # Li Ming said
        rf"\b(?:{v})\s+({_NAME})",  # said Li Ming / according to Li Ming
    ]
    found: list[str] = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            name = _trim_name(m.group(1))
            if name and name not in found:
                found.append(name)
    return found


def _trim_name(name: str) -> str:
    """A name without leading function words ("The State Department" -> "State Department") and, when
    a full name remains, without the titles before it ("Foreign Minister Liang Wen" -> "Liang Wen")."""
    words = name.split()
    while words and words[0].lower().strip(".") in _NOT_NAMES:
        words = words[1:]
    if not words or all(w.lower().strip(".") in _NOT_NAMES for w in words):
        return ""
    i = 0
    while i < len(words) and words[i].lower().strip(".") in _TITLES:
        i += 1
    if len(words) - i >= 2:
        words = words[i:]
    if len(words) > _NAME_MAX_WORDS or len(words) == 1 and len(words[0]) < 2:
        return ""
    return " ".join(words)


def unattributed(quotes, paragraphs, doc_ids, speakers=None, verbs=("said", "told", "according to")) -> list[Unattributed]:
    """The quotations of ``doc_ids`` whose ``speaker`` is empty, each with candidate names from its cue
    and the sentence around it (names already in speakers.csv left out); and those given to the previous
    quotation's speaker only because they follow it (cue :data:`CONTINUES_CUE`) while a reporting verb
    around them names someone not in speakers.csv ('“...,” said Li Ming' after another speaker's quote).

    ``quotes`` is the attribution stage's quotation frame (``quote_id, doc_id, para, start, end, text,
    kind, speaker, cue``), ``paragraphs`` the corpus's paragraph frame, ``speakers`` its speakers table
    (or None) and ``verbs`` the reporting verbs the attribution stage knows.
    """
    known = set()
    if speakers is not None and len(speakers):
        for name, aliases in zip(speakers["name"], speakers["aliases"]):
            known |= {normalise_alias(a) for a in [name, *str(aliases).split(";")] if a.strip()}
    texts = {(d, p): t for d, p, t in zip(paragraphs["doc_id"], paragraphs["para"], paragraphs["text"])}
    out = []
    wanted = set(doc_ids)
    for q in quotes.itertuples(index=False):
        continued = q.cue == CONTINUES_CUE
        if q.doc_id not in wanted or (q.speaker and not continued):
            continue
        para = texts.get((q.doc_id, q.para), "")
        context = _sentence_around(para, q.start, q.end)
        names = find_names(q.cue, verbs) if q.cue and not continued else []
        names += [n for n in find_names(context, verbs) if n not in names]
        names = [n for n in names if normalise_alias(n) not in known]
        if continued and not names:  # a quotation that goes on: the previous speaker's, as attributed
            continue
        out.append(Unattributed(q.quote_id, int(q.para), q.kind, q.text, q.cue or "", context, names,
                                q.speaker if continued else ""))
    return out


def _sentence_around(para: str, start: int, end: int) -> str:
    """The text from the sentence start before ``start`` to the sentence end after ``end``."""
    a = max(para.rfind(". ", 0, max(0, start - 1)), para.rfind("? ", 0, max(0, start - 1)),
            para.rfind("! ", 0, max(0, start - 1)))
    a = 0 if a < 0 else a + 2
    m = re.search(r"[.!?][”’\"')\]]*(\s|$)", para[end:])
    b = len(para) if m is None else end + m.end()
    return para[a:b].strip()


def suggested_rows(items: list[Unattributed], paragraphs, doc_ids) -> list[dict[str, str]]:
    """A speakers.csv row (``name, aliases, side, role``) for each name found, once each.

    ``name``: the fullest form the new articles give ("Liang" -> "Liang Wen" when the text also says
    "Foreign Minister Liang Wen"); ``aliases``: the other forms found (the surname alone, "Secretary
    Whitfield"); ``role``: the apposition after the name ("a researcher at ...") or the titles before it;
    ``side``: ``china`` or ``us`` when those titles or that apposition say so (Chinese, Beijing; US,
    American, Washington), else empty for you to fill in (``check`` refuses an empty side).
    """
    wanted = set(doc_ids)
    text = " ".join(t for d, t in zip(paragraphs["doc_id"], paragraphs["text"]) if d in wanted)
    full_names = [_trim_name(m.group(0)) for m in re.finditer(_NAME, text)]
    rows: dict[str, dict[str, str]] = {}
    for item in items:
        for found in item.names:
            name = _fullest(found, full_names)
            if name in rows:
                continue
            forms = {found} - {name}
            words = name.split()
            forms |= {w for w in words if len(words) > 1 and len(w) >= 2 and w.lower() not in _TITLES
                      and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text.replace(name, " "))}
            role, side = _role_and_side(item.context, text, found, name)
            rows[name] = {"name": name, "aliases": ";".join(sorted(forms)), "side": side, "role": role}
    return list(rows.values())


def _fullest(name: str, full_names: list[str]) -> str:
    """The longest name in the text that ends or starts with ``name``'s words, titles aside ("Secretary
    Whitfield" -> "Dana Whitfield", "Liang" -> "Liang Wen": family names come first in Chinese names);
    else ``name`` without its titles when a full name remains."""
    core = [w for w in name.split() if w.lower().strip(".") not in _TITLES] or name.split()
    best, best_len = "", len(core)
    for candidate in full_names:
        words = candidate.split()
        if len(words) > best_len and core in (words[-len(core):], words[:len(core)]):  # Whitfield; Liang (Wen)
            best, best_len = candidate, len(words)
    return best or (" ".join(core) if len(core) > 1 else name)


_SIDE_WORDS = {"china": r"\b(Chinese|China's|Beijing|PRC)\b",
               "us": r"\b(US|U\.S\.|American|Washington|State Department|White House|Pentagon)\b"}


def _role_and_side(context: str, text: str, found: str, name: str) -> tuple[str, str]:
    """The role of a speaker (an apposition after the name, or titles before it) and the side it names."""
    role = ""
    for form in (found, name):
        after = re.search(re.escape(form) + r",\s+((?:a|an|the)\s+[^,.;:!?“”\"]{3,100})", context)
        if after:
            role = re.sub(r"^(a|an|the)\s+", "", after.group(1).strip())
            break
    titles = []
    for m in re.finditer(r"((?:[A-Z][\w.'’]*\s+|of\s+){1,6})" + re.escape(name) + r"\b", text):
        words = m.group(1).split()
        while words and words[0].lower().strip(".") not in _TITLES:  # "Chinese Foreign Minister", not "Monday"
            words = words[1:]
        if words and words[-1] != "of":
            titles.append(" ".join(words))
    if not role and titles:
        role = max(titles, key=len)
    evidence = " ".join([role, *titles])
    sides = [side for side, pattern in _SIDE_WORDS.items() if re.search(pattern, evidence)]
    return role, sides[0] if len(sides) == 1 else ""


def format_rows(rows: list[dict[str, str]]) -> str:
    """speakers.csv lines (no header) for ``rows``."""
    return "".join(_csv_line([r["name"], r["aliases"], r["side"], r["role"]], "\n") for r in rows)


# --------------------------------------------------------------------------- what the command prints


def _short(text: str, n: int = 90) -> str:
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


#: Parts of a page left out that ``add`` lists (the rest are counted).
LEFT_OUT_SHOWN = 8


def report_added(result: Result, out) -> None:
    """What was added, where each value came from, what the page's extraction left out, and the check."""
    for a in result.added:
        print(f"added {a.doc_id}: {display_path(result.corpus / 'raw' / a.file)} ({len(a.data):,} bytes, "
              f"{a.n_lines} lines of text) from {a.source}", file=out)
        for key in ("title", "outlet", "published"):
            print(f"  {key:<10} {a.row[key] or '(empty)'}  [{a.found[key]}]", file=out)
        print(f"  {'voice':<10} {a.row['voice']}  [{a.found['voice']}]", file=out)
        if a.row["meeting_id"]:
            print(f"  {'meeting_id':<10} {a.row['meeting_id']}", file=out)
        if a.left_out:
            print(f"  left out of the page ({len(a.left_out)} parts: menus, links, captions and the like):", file=out)
            for reason, text in a.left_out[:LEFT_OUT_SHOWN]:
                print(f"    {reason}: {_short(text, 70)}", file=out)
            if len(a.left_out) > LEFT_OUT_SHOWN:
                print(f"    ... and {len(a.left_out) - LEFT_OUT_SHOWN} more", file=out)
            print("  If article text is among them, save the article's text as a .txt file and add that "
                  "instead (remove this one's row and raw file first).", file=out)
    print(f"wrote {len(result.added)} row(s) to {display_path(result.corpus / 'articles.csv')} and their "
          f"checksums to {display_path(result.corpus / CHECKSUM_FILE)}", file=out)
    for p in result.warnings:
        print(p, file=out)
    print(f"{display_path(result.corpus)}: corpus OK ({len(result.warnings)} warning(s)). Check the title, outlet "
          "and date above against the text, and fix them in articles.csv if they are wrong.", file=out)


def report_unattributed(corpus, quotes, doc_ids, verbs, out) -> list[dict[str, str]]:
    """Print the new articles' quotations without a speaker and suggested speakers.csv rows; return the rows.

    ``corpus`` is the loaded corpus, ``quotes`` the attribution stage's quotation frame.
    """
    speakers = corpus.tables.get("speakers")
    items = unattributed(quotes, corpus.paragraphs, doc_ids, speakers, verbs)
    n_quotes = int(quotes["doc_id"].isin(set(doc_ids)).sum())
    if not items:
        print(f"All {n_quotes} quotation(s) of the new article(s) have a speaker "
              f"(`python -m analysis quotes --corpus {display_path(Path(corpus.path))}` lists them).", file=out)
        return []
    missing = [i for i in items if not i.continued_from]
    doubtful = [i for i in items if i.continued_from]
    print(f"{len(missing)} of the {n_quotes} quotation(s) of the new article(s) have no speaker"
          + (f", and {len(doubtful)} may have the wrong one" if doubtful else "") + ":", file=out)
    for item in missing + doubtful:
        print(f"  {item.quote_id} (paragraph {item.para}, {item.kind}): “{_short(item.text, 80)}”", file=out)
        if item.continued_from:
            print(f"      given to {item.continued_from} only because it follows their quotation", file=out)
        print(f"      in: {_short(item.context, 110)}", file=out)
        if item.names:
            print(f"      names near it: {', '.join(item.names)}", file=out)
        elif item.kind == "partial" and not item.cue:
            print("      no reporting verb near it: most likely a term or scare quote, with no speaker to add",
                  file=out)
        else:
            print("      no name near it: read the paragraph; the speaker may be named earlier, or not at all",
                  file=out)
    rows = suggested_rows(items, corpus.paragraphs, doc_ids)
    path = display_path(Path(corpus.path) / "speakers.csv")
    if rows:
        print(f"Suggested rows for {path} (read the text first; an empty side must be filled in with us, china, "
              "third-party or press, or check refuses the row):", file=out)
        if speakers is None:
            print("name,aliases,side,role", file=out)
        out.write(format_rows(rows))
    where = display_path(Path(corpus.path))
    print(f"Then run `python -m analysis check --corpus {where}` and `python -m analysis quotes --corpus {where}` "
          "again: a quotation whose speaker is still empty is the narrator's own words or a speaker the cues do "
          "not name (see corpus/README.md, \"Adding an article\").", file=out)
    return rows
