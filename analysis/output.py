"""Writing results: whole files or nothing, safe to open in a spreadsheet, never into a corpus.

Every file is written to a temporary name in the same folder and then renamed
over the target, so an interrupted run never leaves half a table behind. A
written file gets the permissions the user's umask gives a new file, and an
error names the user's path, never the temporary one.

CSV cells that a spreadsheet would run as a formula (text starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) are written with a leading
``'`` by default (OWASP's advice against CSV injection): a corpus is text from
the web, and ``=HYPERLINK(...)`` in an article must stay text. Numbers are
never changed. ``safe_cells=False`` writes cells exactly as they are, for
programs that read the CSV.

>>> import pandas as pd
>>> print(frame_to_csv(pd.DataFrame({"text": ["=1+1", "-- End --", "fine"], "x": [-1.5, 2, 3]})), end="")
text,x
'=1+1,-1.5
'-- End --,2.0
fine,3.0
"""
from __future__ import annotations

import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

class OutputError(ValueError):
    """An output that must not be written (e.g. a path inside a corpus); the message says where to write instead."""


def _corpus_folders(path: Path, corpus: Path | None) -> list[Path]:
    """The corpus folders an output at ``path`` (resolved) could land in."""
    from analysis.paths import BUNDLED_CORPUS

    known = [Path(c).resolve() for c in (BUNDLED_CORPUS, corpus) if c is not None and Path(c).is_dir()]
    # Any folder on the way that holds an articles.csv is a corpus too, whichever was named.
    known += [a for a in [path, *path.parents] if (a / "articles.csv").is_file()]
    return known


def refuse_output_in_corpus(path: str | Path, corpus: str | Path | None = None) -> None:
    """Raise :class:`OutputError` when ``path`` resolves (through symlinks too) inside a corpus folder.

    No command writes into a corpus except ``checksums`` (its checksum file) and
    ``add`` (a new raw file and its row), so a result can never replace an article.

    >>> from analysis.paths import BUNDLED_CORPUS
    >>> refuse_output_in_corpus(BUNDLED_CORPUS / "raw" / "x.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    analysis.output.OutputError: refusing to write .../x.csv: it is inside the corpus folder ...
    """
    resolved = Path(path).resolve()
    for folder in _corpus_folders(resolved, Path(corpus) if corpus is not None else None):
        if resolved == folder or folder in resolved.parents:
            raise OutputError(f"refusing to write {path}: it is inside the corpus folder {folder} "
                              f"(commands never write into a corpus, so no article or table is overwritten); "
                              f"write it outside, e.g. results/{Path(path).name}")


#: First characters that make a spreadsheet treat a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # each is one character: a set lookup of the first is the test


def _new_file_mode() -> int:
    """The mode a newly created file gets under the current umask (0o666 & ~umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def open_atomic(path: str | Path, mode: str = "wb", private: bool = False):
    """A file handle on a temporary file beside ``path``, renamed over ``path`` when the block ends
    without an error and removed when it does not: whole or not at all, however much is written.

    The file gets the permissions the umask gives a new file, or only the user's with ``private``
    (the cache's pickles). An error names ``path`` (an ``OSError`` whose ``filename`` is the user's path).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "t.txt"
    >>> with open_atomic(target, "w") as fh:
    ...     _ = fh.write("a\\n")
    >>> target.read_text()
    'a\\n'
    """
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        kwargs = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        if not private:  # mkstemp made it readable by the user only
            os.chmod(tmp, _new_file_mode())
        os.replace(tmp, path)
    except OSError as err:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise OSError(err.errno, err.strerror or str(err), str(path)) from None
    except BaseException:  # Ctrl-C: no partial file is left behind
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise


def write_bytes_atomic(path: str | Path, data: bytes, skip_unchanged: bool = False) -> bool:
    """Write ``data`` to ``path`` whole or not at all (:func:`open_atomic`); return True when the file
    was written. With ``skip_unchanged`` a file that already holds exactly ``data`` is left alone
    (same bytes, same modification time)."""
    path = Path(path)
    if skip_unchanged and path.is_file() and path.read_bytes() == data:
        return False
    with open_atomic(path) as fh:
        fh.write(data)
    return True


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` (UTF-8, LF line endings as given) atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))
    return Path(path)


#: Rows of a table turned into CSV text at a time: a big table is written in pieces, never held as
#: one string (the text of a 10M-word sentence table would be several hundred MB).
CSV_CHUNK_ROWS = 20_000


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a leading ``'`` on each text cell that starts like a formula (a copy when any
    cell changes; the frame itself when none does).

    >>> neutralise_formulas(pd.DataFrame({"t": ["@SUM(A1)", "ok"]}))["t"].tolist()
    ["'@SUM(A1)", 'ok']
    """
    out = frame
    for col in frame.columns:
        column = frame[col]
        if not (column.dtype == object or pd.api.types.is_string_dtype(column)):
            continue
        values = column.tolist()
        hits = [i for i, v in enumerate(values) if isinstance(v, str) and v[:1] in _FORMULA_FIRST]
        if hits:
            for i in hits:
                values[i] = "'" + values[i]
            if out is frame:
                out = frame.copy(deep=False)
            # A category column cannot hold the new text: it becomes plain text (object).
            kind = object if isinstance(column.dtype, pd.CategoricalDtype) else column.dtype
            out[col] = pd.Series(values, index=frame.index, dtype=kind, name=col)
    return out


def _csv_pieces(frame: pd.DataFrame, safe_cells: bool, header: bool = True):
    """The CSV text of ``frame`` (no index, LF line endings) in pieces of :data:`CSV_CHUNK_ROWS` rows,
    the header (when asked) with the first: the pieces joined are ``frame.to_csv`` of the whole frame."""
    # pandas writes a date-time column by what the whole column allows (dates alone when every time is
    # midnight): such a frame is written in one piece, so its cells read as they would have.
    step = len(frame) + 1 if any(kind.kind in "mM" for kind in frame.dtypes if hasattr(kind, "kind")) else CSV_CHUNK_ROWS
    for start in range(0, max(len(frame), 1), step):
        piece = frame.iloc[start:start + step]
        if safe_cells:
            piece = neutralise_formulas(piece)
        yield piece.to_csv(index=False, header=header and start == 0, lineterminator="\n")


def frame_to_csv(frame: pd.DataFrame, safe_cells: bool = True) -> str:
    """A frame as CSV text: no index, LF line endings; formula-like cells neutralised unless ``safe_cells=False``."""
    return "".join(_csv_pieces(frame, safe_cells))


def write_table(frame: pd.DataFrame, out: str | Path | None = None, safe_cells: bool = True) -> None:
    """Write a frame as CSV to ``out`` (atomically, in pieces) or to stdout when ``out`` is None or '-'."""
    write_tables([frame], out, safe_cells)


def write_tables(frames, out: str | Path | None = None, safe_cells: bool = True) -> None:
    """Write frames with the same columns one under another as one CSV table (the header of the first),
    to ``out`` (atomically: whole or not at all) or to stdout; each frame is let go once written, so an
    iterator of frames is written without holding them all.

    >>> write_tables(iter([pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [2]})]))
    a
    1
    2
    """
    if out is None or str(out) == "-":
        for i, frame in enumerate(frames):
            append_csv(sys.stdout, frame, safe_cells, header=i == 0)
        sys.stdout.flush()
        return
    with open_atomic(out, "w") as fh:
        for i, frame in enumerate(frames):
            append_csv(fh, frame, safe_cells, header=i == 0)


def append_csv(fh, frame: pd.DataFrame, safe_cells: bool = True, header: bool = False) -> None:
    """Write ``frame``'s rows as CSV to the open text file ``fh`` (the header too when asked), in pieces."""
    for piece in _csv_pieces(frame, safe_cells, header=header):
        fh.write(piece)
