"""The on-disk cache of :func:`analysis.analyse`: a rerun on an unchanged corpus reads its frames back.

The key is a SHA-256 of everything the frames depend on: the bytes of the corpus files (every
entry of ``raw/``, ``texts.jsonl``, ``articles.csv``, ``speakers.csv``, ``meetings.csv``, ``checksums.sha256``),
the word lists used (their entries), the package version (``analysis.__version__``) and the
package's own files (code and bundled lists, so an edited checkout never reads stale results),
the versions of the libraries that make the numbers or the pickles (pandas, numpy, vaderSentiment,
sentencex), the corpus path as given and the working directory (messages name paths relative to
it). A change to any of them is another key, so the frames are computed again.

The cache folder is ``$FRAMING_LAB_CACHE``, else ``$XDG_CACHE_HOME/framing-lab``, else
``~/.cache/framing-lab``; it is never inside a corpus folder. Entries are pickles written whole
or not at all; an unreadable one counts as absent. Only the newest :data:`MAX_ENTRIES` are kept.
The pickles are read back as code would be: the folder must be one only you can write to.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path

#: The environment variable naming the cache folder.
CACHE_VARIABLE = "FRAMING_LAB_CACHE"
#: Entries kept (each a corpus × word lists × version): a few corpora and variants, and the disk
#: use stays bounded (an entry of a 1M-word corpus is about 40 MB); the oldest go first.
MAX_ENTRIES = 12
#: Bump when what an entry holds changes shape. 2: a stream of pickles (a head, then one per batch of
#: documents, then None), so an entry is written and read one batch at a time.
FORMAT = 2
_SUFFIX = ".pkl"


def cache_folder(cache, corpus_path: Path | None) -> Path | None:
    """The folder to use: ``cache`` True (the default folder), a path, or False/None (no cache).
    None, with a warning, when the folder would be inside the corpus."""
    if cache is False or cache is None:
        return None
    if cache is True:
        chosen = os.environ.get(CACHE_VARIABLE, "").strip()
        base = os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache"
        folder = Path(chosen).expanduser() if chosen else Path(base) / "framing-lab"
    else:
        folder = Path(cache).expanduser()
    from analysis.output import OutputError, refuse_output_in_corpus

    try:
        refuse_output_in_corpus(folder / "entry.pkl", corpus_path)
    except OutputError:
        warnings.warn(f"cache folder {folder} is inside a corpus folder: the results are not cached "
                      f"(set ${CACHE_VARIABLE} to a folder outside the corpus)", stacklevel=3)
        return None
    return folder


@lru_cache(maxsize=1)
def _package_digest() -> str:
    """The versions the frames depend on, and a digest of the package's own files."""
    import numpy
    import pandas
    import sentencex  # noqa: F401  (its version is in its metadata)
    from importlib.metadata import version

    import analysis

    h = hashlib.sha256(repr((FORMAT, analysis.__version__, sys.version, pandas.__version__, numpy.__version__,
                             version("vaderSentiment"), version("sentencex"), version("py3langid"),
                             version("rapidfuzz"))).encode())
    root = Path(analysis.__file__).resolve().parent
    for f in sorted(root.rglob("*")):
        if f.suffix in (".py", ".csv", ".mplstyle") and "__pycache__" not in f.parts:
            h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def cache_key(corpus_path: Path, lexicons, overlay) -> str | None:
    """The key of a corpus folder with these word lists; None when it cannot be cached (no such
    folder, or a symbolic link where the loader will refuse one: it then reports the problem)."""
    from analysis.pipeline_work import lexicon_key
    from analysis.text.corpus import CHECKSUM_FILE, OPTIONAL_TABLES, TABLE_FILE

    path = Path(corpus_path)
    raw = path / "raw"
    if not path.is_dir() or raw.is_symlink():  # no raw/ is a corpus whose texts are all in texts.jsonl
        return None
    h = hashlib.sha256()
    for part in (_package_digest(), lexicon_key(lexicons, overlay), str(path), os.getcwd()):
        h.update(part.encode() + b"\0")
    for name in ("articles.csv", *(f"{t}.csv" for t in OPTIONAL_TABLES), CHECKSUM_FILE, TABLE_FILE):
        f = path / name
        if f.is_symlink():
            return None
        h.update(name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b"<absent>") + b"\0")
    if not raw.is_dir():
        h.update(b"raw/<absent>\0")
    for f in sorted(raw.iterdir()) if raw.is_dir() else []:
        if f.is_symlink():
            return None
        h.update(b"raw/" + f.name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b"<not a file>") + b"\0")
    return h.hexdigest()


def load(folder: Path, key: str, part: str = "") -> dict | None:
    """The entry stored under ``key`` (and ``part``), or None."""
    f = folder / f"{key}{part}{_SUFFIX}"
    try:
        with open(f, "rb") as fh:
            payload = pickle.load(fh)
        os.utime(f)  # recently used: kept longest
        return payload
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001  (a truncated or incompatible entry is recomputed)
        f.unlink(missing_ok=True)
        return None


def store(folder: Path, key: str, payload: dict, part: str = "") -> None:
    """Write an entry whole or not at all; a folder that cannot be written means no cache, not an error."""
    from analysis.output import open_atomic

    try:
        with open_atomic(folder / f"{key}{part}{_SUFFIX}", private=True) as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        _prune(folder)
    except OSError:
        pass


class BrokenEntry(Exception):
    """A cache entry that broke off while it was being read (it has been removed): compute again."""


def load_parts(folder: Path, key: str):
    """``(head, parts)`` of the entry stored under ``key`` by :func:`store_parts`, or None when there
    is none (or its head is unreadable). ``parts`` yields each batch's part as it is read; it raises
    :class:`BrokenEntry` (and removes the entry) when the entry breaks off."""
    f = folder / f"{key}{_SUFFIX}"
    try:
        fh = open(f, "rb")
    except OSError:
        return None
    try:
        head = pickle.load(fh)
        if not isinstance(head, dict) or head.get("format") != FORMAT:
            raise ValueError("not an entry of this format")
    except Exception:  # noqa: BLE001  (a truncated or incompatible entry is recomputed)
        fh.close()
        f.unlink(missing_ok=True)
        return None
    os.utime(f)  # recently used: kept longest
    return head["head"], _parts_read(fh, f)


def _parts_read(fh, f: Path):
    with fh:
        while True:
            try:
                part = pickle.load(fh)
            except Exception as err:  # noqa: BLE001
                f.unlink(missing_ok=True)
                raise BrokenEntry(str(f)) from err
            if part is None:
                return
            yield part


def store_parts(folder: Path | None, key: str | None, head, parts):
    """Yield each of ``parts``, after writing it to the entry of ``key``; the entry is kept (renamed
    into place) only when every part was written, so a run stopped half-way leaves none. A cache that
    cannot be written means no cache, not an error (an error of the parts themselves goes on up). With
    no ``folder`` the parts pass through."""
    if folder is None or key is None:
        yield from parts
        return
    entry = _EntryWriter(folder, key)
    try:
        entry.write({"format": FORMAT, "head": head})
        for part in parts:
            entry.write(part)
            yield part
        entry.commit()
    finally:
        entry.discard()


class _EntryWriter:
    """A cache entry being written: pickles into a temporary file, renamed into place by :meth:`commit`.
    Any OSError of the cache (a full disk, a folder not writable) drops the entry and nothing else."""

    def __init__(self, folder: Path, key: str):
        self.folder, self.key = folder, key
        self.fh = self.tmp = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(prefix=f".{key[:12]}.", suffix=".tmp", dir=folder)
            self.fh = os.fdopen(fd, "wb")
        except OSError:
            self.discard()

    def write(self, item) -> None:
        if self.fh is None:
            return
        try:
            pickle.dump(item, self.fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            self.discard()

    def commit(self) -> None:
        """Close the entry with its end mark and rename it into place (or drop it on an OSError)."""
        if self.fh is None:
            return
        try:
            pickle.dump(None, self.fh)
            self.fh.close()
            self.fh = None
            os.replace(self.tmp, self.folder / f"{self.key}{_SUFFIX}")
            self.tmp = None
            _prune(self.folder)
        except OSError:
            self.discard()

    def discard(self) -> None:
        """Close and remove the temporary file, if any is left."""
        if self.fh is not None:
            try:
                self.fh.close()
            except OSError:
                pass
            self.fh = None
        if self.tmp:
            Path(self.tmp).unlink(missing_ok=True)
            self.tmp = None


def _prune(folder: Path) -> None:
    """Keep the :data:`MAX_ENTRIES` most recently used entries (with their parts)."""
    entries = sorted((f for f in folder.glob(f"*{_SUFFIX}") if len(f.stem) == 64),
                     key=lambda f: f.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        for f in folder.glob(f"{old.stem}*{_SUFFIX}"):
            f.unlink(missing_ok=True)
