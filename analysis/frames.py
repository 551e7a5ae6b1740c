"""Checks on the frames passed between stages: one place, one message shape.

>>> import pandas as pd
>>> require_columns(pd.DataFrame({"text": ["a"]}), ["text", "side"], "sentences",
...                 hint="pass analyse().sentences")
Traceback (most recent call last):
...
ValueError: sentences has no column 'side' (it has 'text'); pass analyse().sentences
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd


def require_columns(frame, columns: Iterable[str], what: str = "the frame", hint: str = "",
                    allow_empty: bool = True) -> pd.DataFrame:
    """Return ``frame`` if it is a DataFrame with every one of ``columns``; else raise ValueError.

    The message names what is missing, what the frame has, and ``hint`` (what to
    pass instead). ``allow_empty=False`` also refuses a frame with no rows.
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}"
                         + (f"; {hint}" if hint else ""))
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        has = ", ".join(repr(c) for c in frame.columns) or "no columns"
        raise ValueError(f"{what} has no column{'s' if len(missing) > 1 else ''} {names} (it has {has})"
                         + (f"; {hint}" if hint else ""))
    if not allow_empty and frame.empty:
        raise ValueError(f"{what} has no rows" + (f"; {hint}" if hint else ""))
    return frame
