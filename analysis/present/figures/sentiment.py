"""Sentiment figures: each side's statements by meeting, and each article paragraph by paragraph."""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.present.figures.inputs import (MEETING_TABLE_HINT, MEETING_TABLE_MEASURES, PARAGRAPHS_HINT,
                                             group_column, interval_columns, interval_errors, require)
from analysis.present.figures.style import (MEASURE_STYLE, MUTED_COLOR, NEUTRAL_BAND_COLOR, ZERO_LINE_COLOR,
                                            ZERO_LINE_WIDTH, add_title, check_size, em, fmt_n, group_noun,
                                            new_figure, ordered_sides, side_handles, side_style, styled, wrap_id)

#: VADER's usual neutral threshold: |compound| below it is drawn as a grey band.
NEUTRAL = 0.05
#: The compound scale (−1 … 1) with a margin, so points and lines at the ends are not cut.
COMPOUND_LIMITS = (-1.05, 1.05)
COMPOUND_TICKS = (-1, -0.5, 0, 0.5, 1)
#: The two panels of the by-side figure: measure and panel title.
SENTIMENT_PANELS = {"compound": "stock", "compound_diplomatic": "diplomacy-aware"}

#: Share of a meeting's row the sides' points spread over (the rest separates meetings).
POINT_BAND = 0.7
#: Row height in text lines: per side drawn, per line of a wrapped meeting label, and between meetings.
LINES_PER_SIDE, LINES_PER_LABEL_LINE, LINES_BETWEEN_GROUPS = 1.25, 1.15, 0.8
#: Text lines for the panel titles, the axis labels and the legend below the panels.
SENTIMENT_FRAME_LINES = 9
#: Error bars thinner than the lines, so the points stand out.
ERRORBAR_WIDTH = 0.8
#: An n label goes right of an interval that ends below this compound, else left (it stays in the panel).
LABEL_RIGHT_BELOW = 0.55
#: Gap between an interval's end and its n label, and between zero and an "n=0" note (points).
N_LABEL_GAP, EMPTY_LABEL_GAP = 4, 3

#: Panels per row of the along-articles figure: two fit a column, three the wider sizes.
PANELS_PER_ROW = {"paper": 3, "column": 2, "slide": 3}
#: Height of one row of article panels, and of the caption margin, in text lines.
PANEL_LINES, ALONG_FRAME_LINES = 11, 3
#: Markers smaller than elsewhere: a panel has a point for every paragraph.
PARAGRAPH_MARKER = 0.75


# --------------------------------------------------------------------------- sentiment by side, per meeting

@styled
def plot_sentiment_by_side(table: pd.DataFrame, by: str | None = None, size: str = "paper",
                           drop_empty: bool = True) -> Figure:
    """Mean sentiment of each side's statements per meeting, with bootstrap intervals and n.

    ``table`` is the meeting × side table (:func:`analysis.compare.compare_sides`):
    one row per group × side with ``side, n_statements, compound(_lo, _hi),
    compound_diplomatic(_lo, _hi)`` and the group column ``by`` (``meeting_id``
    by default). Groups are drawn top to bottom in the table's order; with
    ``drop_empty`` a group where no side has a statement is left out. Left panel
    stock VADER, right panel diplomacy-aware; each point is annotated with its n.
    """
    table, by = _meeting_rows(table, by, drop_empty)
    groups = list(dict.fromkeys(table[by]))
    sides = ordered_sides(table["side"])
    pos = {g: i for i, g in enumerate(groups)}
    step = POINT_BAND / max(len(sides), 1)
    offset = {s: (i - (len(sides) - 1) / 2) * step for i, s in enumerate(sides)}

    labels = [wrap_id(g, int(check_size(size)["label_width"])) if g else "(no meeting)" for g in groups]
    fig = new_figure(size, em(size) * (SENTIMENT_FRAME_LINES + _body_lines(labels, len(sides))))
    axes = fig.subplots(1, 2, sharey=True)
    for ax, (measure, name) in zip(axes, SENTIMENT_PANELS.items()):
        _sentiment_panel(ax, table, by, measure, sides, pos, offset)
        _compound_axis(ax, name, size)
    axes[0].set_yticks(range(len(groups)), labels)
    axes[0].set_ylim(len(groups) - 0.5, -0.5)
    axes[0].tick_params(axis="y", length=0)
    totals = table.groupby("side")["n_statements"].sum()
    fig.legend(handles=side_handles(sides, "point"), loc="outside lower center", ncols=len(sides),
               title=f"side (grey band: neutral, |compound| < {NEUTRAL:g})")
    n_text = ", ".join(f"{side_style(s)['label']} {fmt_n(totals.get(s, 0))}" for s in sides)
    add_title(fig, size, f"Sentiment of each side's statements, by {group_noun(by)}",
              f"Mean VADER compound (−1 negative … +1 positive) per statement (sentence), stock and "
              f"diplomacy-aware, with 95% bootstrap interval; "
              f"n = statements per point; total: {n_text} statements in {len(groups)} {group_noun(by, True)}.")
    return fig


def _meeting_rows(table: pd.DataFrame, by: str | None, drop_empty: bool) -> tuple[pd.DataFrame, str]:
    """The checked table with a string group column (``_group`` when there is none) and the column's name."""
    by = group_column(table, by)
    require(table, [c for c in [by, "side", "n_statements", *interval_columns(MEETING_TABLE_MEASURES)] if c],
            "the meeting × side table", MEETING_TABLE_HINT)
    table = table.copy()
    if by is None:
        by, table["_group"] = "_group", "all statements"
    table[by] = table[by].fillna("").astype(str)
    table["side"] = table["side"].astype(str)
    table["n_statements"] = table["n_statements"].fillna(0).astype(int)
    if drop_empty:
        keep = table.groupby(by, sort=False)["n_statements"].transform("sum") > 0
        table = table[keep]
    if table.empty:
        raise ValueError("the meeting × side table has no statements to plot (every n_statements is 0)")
    return table, by


def _body_lines(labels: list[str], n_sides: int) -> float:
    """Height of the meeting rows in text lines: room for every side's point and every label line."""
    return sum(max(LINES_PER_SIDE * n_sides, LINES_PER_LABEL_LINE * (lab.count("\n") + 1)) + LINES_BETWEEN_GROUPS
               for lab in labels)


def _sentiment_panel(ax, table: pd.DataFrame, by: str, measure: str, sides: list[str], pos: dict, offset: dict) -> None:
    """One panel: the neutral band, the zero line, and each side's points with intervals and n."""
    ax.axvspan(-NEUTRAL, NEUTRAL, color=NEUTRAL_BAND_COLOR, lw=0, zorder=0)
    ax.axvline(0, color=ZERO_LINE_COLOR, lw=ZERO_LINE_WIDTH, zorder=1)
    for side in sides:
        rows = table[table["side"] == side]
        y = rows[by].map(pos).to_numpy(float) + offset[side]
        _side_points(ax, rows, y, measure, side_style(side))


def _side_points(ax, rows: pd.DataFrame, y: np.ndarray, measure: str, st: dict) -> None:
    """One side's means at heights ``y`` with their intervals; each labelled with its n."""
    mean = rows[measure].to_numpy(float)
    ok = ~np.isnan(mean)
    err = interval_errors(mean[ok], rows[f"{measure}_lo"].to_numpy(float)[ok], rows[f"{measure}_hi"].to_numpy(float)[ok])
    ax.errorbar(mean[ok], y[ok], xerr=err, fmt=st["marker"], color=st["color"], ecolor=st["color"],
                elinewidth=mpl.rcParams["lines.linewidth"] * ERRORBAR_WIDTH, zorder=3, label=st["label"])
    for r, yy, m in zip(rows.itertuples(index=False), y, mean):
        _annotate_n(ax, r, yy, m, measure, st)


def _annotate_n(ax, r, yy: float, m: float, measure: str, st: dict) -> None:
    """``n=…`` beside the interval of row ``r`` (on the side with room), or ``side: n=0`` at zero."""
    if np.isnan(m):
        ax.annotate(f"{st['label']}: n=0", (0, yy), xytext=(EMPTY_LABEL_GAP, 0), textcoords="offset points",
                    ha="left", va="center", fontsize="x-small", color=MUTED_COLOR, style="italic")
        return
    n = int(getattr(r, "n_statements"))
    hi, lo = getattr(r, f"{measure}_hi"), getattr(r, f"{measure}_lo")
    right = (hi if not np.isnan(hi) else m) < LABEL_RIGHT_BELOW
    anchor = (hi if right else lo) if not np.isnan(hi if right else lo) else m
    ax.annotate(f"n={n}", (anchor, yy), xytext=(N_LABEL_GAP if right else -N_LABEL_GAP, 0), textcoords="offset points",
                ha="left" if right else "right", va="center", fontsize="x-small", color=st["color"])


def _compound_axis(ax, name: str, size: str) -> None:
    """The compound x axis (half-way ticks unlabelled at column width, where they would collide)."""
    narrow = size == "column"
    ax.set_xlim(*COMPOUND_LIMITS)
    ax.set_xticks(list(COMPOUND_TICKS), ["−1", "" if narrow else "−0.5", "0", "" if narrow else "0.5", "1"])
    ax.set_title(name)
    ax.set_xlabel("mean VADER compound")
    ax.grid(axis="y", visible=False)


# --------------------------------------------------------------------------- sentiment along articles

@styled
def plot_sentiment_along_articles(paragraphs: pd.DataFrame, size: str = "paper") -> Figure:
    """One small panel per article: mean sentence compound (stock and diplomacy-aware) by paragraph.

    ``paragraphs`` is :func:`analysis.score_paragraphs` output (``doc_id, para,
    compound, compound_diplomatic``). Articles are drawn in the frame's order.
    """
    require(paragraphs, ["doc_id", "para", *MEETING_TABLE_MEASURES], "the paragraph frame", PARAGRAPHS_HINT)
    docs = list(dict.fromkeys(paragraphs["doc_id"].astype(str)))
    ncols = PANELS_PER_ROW[size]
    nrows = -(-(len(docs) + 1) // ncols)  # one spare cell for the legend
    fig = new_figure(size, em(size) * (ALONG_FRAME_LINES + PANEL_LINES * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharey=True, squeeze=False)).ravel()
    for ax, doc in zip(axes, docs):
        _article_panel(ax, doc, paragraphs[paragraphs["doc_id"].astype(str) == doc].sort_values("para"))
    for i, ax in enumerate(axes):
        if i % ncols == 0 and i < len(docs):
            ax.set_ylabel("mean compound")
        if i >= len(docs):
            ax.set_axis_off()
        elif i + ncols >= len(docs):
            ax.set_xlabel("paragraph")
    handles = [Line2D([], [], color=st["color"], marker=st["marker"], linestyle=st["linestyle"], label=st["label"])
               for st in MEASURE_STYLE.values()]
    handles.append(Patch(facecolor=NEUTRAL_BAND_COLOR, label=f"neutral band (±{NEUTRAL:g})"))
    axes[len(docs)].legend(handles=handles, loc="center", title="mean sentence compound")
    add_title(fig, size, "Sentiment along each article, paragraph by paragraph",
              f"Mean VADER compound of each paragraph's sentences, stock and diplomacy-aware; "
              f"n = {fmt_n(len(paragraphs))} paragraphs in {len(docs)} articles (n per panel).")
    return fig


def _article_panel(ax, doc: str, part: pd.DataFrame) -> None:
    """One article's paragraphs (``part``, in order): a line per measure over the neutral band."""
    ax.axhspan(-NEUTRAL, NEUTRAL, color=NEUTRAL_BAND_COLOR, lw=0, zorder=0)
    ax.axhline(0, color=ZERO_LINE_COLOR, lw=ZERO_LINE_WIDTH, zorder=1)
    for measure, st in MEASURE_STYLE.items():
        ax.plot(part["para"], part[measure], color=st["color"], marker=st["marker"], linestyle=st["linestyle"],
                markersize=mpl.rcParams["lines.markersize"] * PARAGRAPH_MARKER, zorder=2, label=st["label"])
    ax.set_title(f"{doc} (n = {len(part)})", loc="left", fontweight="normal")
    ax.set_ylim(*COMPOUND_LIMITS)
    ax.set_yticks(list(COMPOUND_TICKS))
    lo, hi = int(part["para"].min()), int(part["para"].max())
    ax.set_xlim(lo - 0.5, hi + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
