"""Checking and shaping the tidy frames the figures are drawn from."""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from analysis.frames import require_columns

#: The two sentiment measures drawn side by side: stock VADER and the diplomacy-aware variant.
MEETING_TABLE_MEASURES = ("compound", "compound_diplomatic")
STANCE_MEASURES = ("hedges_per_100w", "boosters_per_100w", "directives_per_100w")

#: Where each figure's frame comes from, named in the error when a column is missing.
MEETING_TABLE_HINT = 'expected compare_sides(scored, by="meeting_id") output'
SIDE_TABLE_HINT = "expected compare_sides(scored, by=None) output (one row per side)"
TERMS_HINT = 'expected distinctive_terms(statements, by="side") output'
SIMILARITY_HINT = 'expected similarity(paragraphs, by="doc_id") output'
PARAGRAPHS_HINT = "expected score_paragraphs(corpus.paragraphs, scored) output"

#: Group columns tried, in order, when a plot is not told which one to group by.
GROUP_COLUMNS = ("meeting_id", "meeting_date", "doc_id")


def require(frame, columns: Iterable[str], what: str, hint: str = "") -> pd.DataFrame:
    """``frame`` if it is a DataFrame with rows and every one of ``columns``; else ValueError naming what is missing."""
    return require_columns(frame, columns, what, hint=hint, allow_empty=False)


def interval_columns(measures: Iterable[str]) -> list[str]:
    """Each measure with its interval: ``m, m_lo, m_hi`` for every ``m``."""
    return [c for m in measures for c in (m, f"{m}_lo", f"{m}_hi")]


def group_column(table: pd.DataFrame, by: str | None) -> str | None:
    """``by``, or else the first of :data:`GROUP_COLUMNS` that ``table`` has (None: no grouping)."""
    if by is not None:
        return by
    for c in GROUP_COLUMNS:
        if c in table.columns:
            return c
    return None


def one_row_per_side(table: pd.DataFrame, what: str) -> pd.DataFrame:
    """``table`` indexed by side; ValueError when a side has more than one row (a per-meeting table)."""
    sides = table["side"].astype(str)
    if sides.duplicated().any():
        raise ValueError(f"{what} needs one row per side (pooled over meetings), but sides repeat: "
                         f"{sorted(sides[sides.duplicated()].unique())}; pass compare_sides(scored, by=None)")
    return table.assign(side=sides).set_index("side")


def interval_errors(mean: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Asymmetric error-bar lengths from an interval (NaN-safe, never negative)."""
    return np.vstack([np.clip(mean - lo, 0, None), np.clip(hi - mean, 0, None)])
