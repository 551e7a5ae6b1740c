"""Writing results: whole files or nothing.

Every file is written to a temporary name in the same folder and then renamed
over the target, so an interrupted run never leaves half a table behind.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pandas as pd


def write_bytes_atomic(path: str | Path, data: bytes, skip_unchanged: bool = False) -> bool:
    """Write ``data`` to ``path`` whole or not at all; return True when the file was written.

    The bytes go to a temporary file in the same folder, which is then renamed
    over ``path``. With ``skip_unchanged`` a file that already holds exactly
    ``data`` is left alone (same bytes, same modification time).
    """
    path = Path(path)
    if skip_unchanged and path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` (UTF-8, LF line endings as given) atomically."""
    write_bytes_atomic(path, text.encode("utf-8"))
    return Path(path)


def frame_to_csv(frame: pd.DataFrame) -> str:
    """A frame as CSV text: no index, LF line endings, UTF-8 friendly."""
    return frame.to_csv(index=False, lineterminator="\n")


def write_table(frame: pd.DataFrame, out: str | Path | None = None) -> None:
    """Write a frame as CSV to ``out`` (atomically) or to stdout when ``out`` is None or '-'."""
    text = frame_to_csv(frame)
    if out is None or str(out) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_text_atomic(out, text)
