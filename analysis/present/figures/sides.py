"""Bar figures of one row per side: stance markers and framing categories per 100 words."""
from __future__ import annotations

import re

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.present.figures.inputs import (SIDE_TABLE_HINT, STANCE_MEASURES, interval_columns, interval_errors,
                                             one_row_per_side, require)
from analysis.present.figures.style import (MUTED_COLOR, add_title, em, fit_legend, fmt_n, frame_label, new_figure,
                                            ordered_sides, side_handles, side_style, styled)

_FRAME_COLUMN = re.compile(r"^frame_(.+)_per_100w$")

#: Share of a measure's slot the sides' bars fill together (the rest separates measures).
BAR_GROUP_WIDTH = 0.8
#: Error bars thinner than the lines, so they read as a detail of the bar.
ERRORBAR_WIDTH = 0.7
#: Sides per legend row at most (fewer when the entries would not fit the figure's width).
LEGEND_COLUMNS = 2
#: A bar of height 0 is invisible, so zero is written where the bar would be, and a value that
#: cannot be computed (a side with no statements) gets its own words: "nothing" and "missing" differ.
ZERO_LABEL, MISSING_LABEL = "0", "no statements"
#: Gap (points) between the axis and a zero or missing label.
VALUE_LABEL_GAP = 2
#: What the caption adds when a figure shows a zero or a missing value.
VALUE_NOTE = {ZERO_LABEL: f'"{ZERO_LABEL}": no match at all', MISSING_LABEL: f'"{MISSING_LABEL}": nothing to count'}
#: Body height of the stance figure in text lines (three groups of bars, axis labels, legend).
STANCE_BODY_LINES = 26
#: Framing figure height in text lines: fixed part (axis label, legend), and per category for two sides.
FRAMING_FRAME_LINES, LINES_PER_CATEGORY = 7, 2.2


def _bars_by_side(ax, table: pd.DataFrame, measures: list[str], sides: list[str], horizontal: bool,
                  intervals: bool) -> set[str]:
    """One bar per side for each measure, grouped by measure; ``table`` is indexed by side.

    Returns the labels written for zero and missing values (for the caption)."""
    width = BAR_GROUP_WIDTH / max(len(sides), 1)
    base = np.arange(len(measures), dtype=float)
    written: set[str] = set()
    for i, side in enumerate(sides):
        st = side_style(side)
        at = base + (i - (len(sides) - 1) / 2) * width
        values = np.array([table.at[side, m] for m in measures], dtype=float)
        err = None
        if intervals:
            lo = np.array([table.at[side, f"{m}_lo"] for m in measures], dtype=float)
            hi = np.array([table.at[side, f"{m}_hi"] for m in measures], dtype=float)
            err = interval_errors(values, lo, hi)
        kw = dict(color=st["color"], edgecolor="black", hatch=st["hatch"], label=st["label"], zorder=2,
                  error_kw=dict(ecolor="black", elinewidth=mpl.rcParams["lines.linewidth"] * ERRORBAR_WIDTH,
                                zorder=3))
        if horizontal:
            ax.barh(at, np.nan_to_num(values), height=width, xerr=err, **kw)
        else:
            ax.bar(at, np.nan_to_num(values), width=width, yerr=err, **kw)
        written |= _label_empty_bars(ax, at, values, st, horizontal)
    return written


def _label_empty_bars(ax, at: np.ndarray, values: np.ndarray, st: dict, horizontal: bool) -> set[str]:
    """Write ``0`` where a bar is zero and ``no statements`` where its value is missing; the labels written."""
    written = set()
    for pos, v in zip(at, values):
        if np.isnan(v):
            text, kw = MISSING_LABEL, dict(color=MUTED_COLOR, style="italic", rotation=0 if horizontal else 90)
        elif v == 0:
            text, kw = ZERO_LABEL, dict(color=st["color"], fontweight="bold")
        else:
            continue
        xy, offset = ((0, pos), (VALUE_LABEL_GAP, 0)) if horizontal else ((pos, 0), (0, VALUE_LABEL_GAP))
        ax.annotate(text, xy, xytext=offset, textcoords="offset points", ha="left" if horizontal else "center",
                    va="center" if horizontal else "bottom", fontsize="x-small", zorder=4, **kw)
        written.add(text)
    return written


def _value_note(written: set[str]) -> str:
    """``; "0": no match at all`` ... for the labels a figure wrote (empty when none)."""
    return "".join(f"; {VALUE_NOTE[label]}" for label in (ZERO_LABEL, MISSING_LABEL) if label in written)


def _n_legend(fig: Figure, table: pd.DataFrame, sides: list[str]) -> None:
    """The sides' legend below the axes, each entry with its statements and words."""
    n = {s: f"n = {fmt_n(table.at[s, 'n_statements'])} statements, {fmt_n(table.at[s, 'n_words'])} words"
         for s in sides}
    fit_legend(fig, side_handles(sides, "bar", n), LEGEND_COLUMNS, loc="outside lower center")


@styled
def plot_stance_by_side(table: pd.DataFrame, size: str = "paper") -> Figure:
    """Hedges, boosters and directives per 100 words by side, with 95% bootstrap intervals.

    ``table`` has one row per side (``compare_sides(scored, by=None)``) with
    ``side, n_statements, n_words`` and ``hedges_per_100w(_lo, _hi)``,
    ``boosters_per_100w(_lo, _hi)``, ``directives_per_100w(_lo, _hi)``.
    """
    require(table, ["side", "n_statements", "n_words", *interval_columns(STANCE_MEASURES)], "the side table",
            SIDE_TABLE_HINT)
    table = one_row_per_side(table, "the stance figure")
    sides = ordered_sides(table.index)
    fig = new_figure(size, em(size) * STANCE_BODY_LINES)
    ax = fig.subplots()
    written = _bars_by_side(ax, table, list(STANCE_MEASURES), sides, horizontal=False, intervals=True)
    ax.set_xticks(range(len(STANCE_MEASURES)), [m.replace("_per_100w", "") for m in STANCE_MEASURES])
    ax.set_ylabel("per 100 words")
    ax.set_ylim(bottom=0)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    _n_legend(fig, table, sides)
    add_title(fig, size, "Hedges, boosters and directives per 100 words, by side",
              "Counts of lexicon matches per 100 words of each side's statements, all meetings pooled; "
              "error bars: 95% bootstrap interval over statements" + _value_note(written) + "; n in the legend.")
    return fig


@styled
def plot_framing_by_side(table: pd.DataFrame, size: str = "paper") -> Figure:
    """Framing categories per 100 words by side (intervals drawn when ``_lo``/``_hi`` columns exist).

    ``table`` has one row per side (``compare_sides(scored, by=None)``) with
    ``side, n_statements, n_words`` and ``frame_<category>_per_100w`` columns.
    """
    require(table, ["side", "n_statements", "n_words"], "the side table", SIDE_TABLE_HINT)
    measures = [c for c in table.columns if _FRAME_COLUMN.match(str(c))]
    if not measures:
        raise ValueError("the side table has no column 'frame_<category>_per_100w' (it has "
                         f"{', '.join(repr(c) for c in table.columns)}); {SIDE_TABLE_HINT}")
    intervals = all(f"{m}_{e}" in table.columns for m in measures for e in ("lo", "hi"))
    table = one_row_per_side(table, "the framing figure")
    sides = ordered_sides(table.index)
    fig = new_figure(size, em(size) * (FRAMING_FRAME_LINES
                                       + LINES_PER_CATEGORY * len(measures) * max(1, len(sides) / 2)))
    ax = fig.subplots()
    written = _bars_by_side(ax, table, measures, sides, horizontal=True, intervals=intervals)
    ax.set_yticks(range(len(measures)), [frame_label(_FRAME_COLUMN.match(m).group(1)) for m in measures])
    ax.set_ylim(len(measures) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("matches per 100 words")
    ax.set_xlim(left=0)
    _n_legend(fig, table, sides)
    add_title(fig, size, "Framing categories per 100 words, by side",
              "Matches of each framing lexicon per 100 words of each side's statements, all meetings pooled"
              + ("; error bars: 95% bootstrap interval" if intervals else "") + _value_note(written)
              + "; n in the legend.")
    return fig
