"""The demands each side puts on the other, per meeting: directive counts by addressee, stacked per side."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from analysis.present.figures.inputs import MEETING_TABLE_HINT, group_column, require
from analysis.present.figures.pages import (MEETINGS_PER_PAGE, ROW_LABEL_EMS, meeting_heading, page_bounds,
                                            page_title, pick_page)
from analysis.present.figures.sides import MISSING_LABEL, ZERO_LABEL
from analysis.present.figures.style import (MUTED_COLOR, add_title, check_size, em, fit_legend, fmt_n, group_noun,
                                            new_figure, ordered_sides, side_handles, side_style, styled)

#: The directive counts by addressee (compare_sides' DEMANDS), as the table names them.
DEMAND_COLUMNS = ("directives_us", "directives_china", "directives_both", "directives_other", "self_obligations")
#: The other side of each side: whose country column holds the demands on it.
OTHER_SIDE = {"us": "china", "china": "us"}
#: The segments of a bar, left to right (the demands on the other side first: what a reader compares),
#: each with the share of the side's colour it is filled with (a grayscale print keeps them apart).
SEGMENTS = {"on the other side": 1.0, "on both sides": 0.55, "on others": 0.25, "on itself": 0.0}
#: Height of one row (a side's bar, or a meeting's heading) in text lines.
LINES_PER_ROW = 1.5
#: Text lines for the axis, the legend and the margins.
FRAME_LINES = 8
#: Share of a row the bar fills (the rest separates the sides).
BAR_HEIGHT = 0.7
#: A segment gets its count written in it when it is at least this many em wide (narrower: the axis tells).
MIN_LABEL_EMS = 1.6
#: Legend entries per row at most: the two sides, then the four addressees.
LEGEND_COLUMNS = 3
#: Grey the addressee legend shows its shares of (the bars use each side's own colour).
LEGEND_GREY = "#555555"


def demand_segments(row) -> dict[str, float]:
    """A side's row of the table as its bar's segments (NaN when the side has no statement there).

    A directive naming the speaker's own country counts as on itself (as scoring does when it knows the side).

    >>> row = {"side": "us", "n_statements": 3, "directives_us": 0, "directives_china": 4, "directives_both": 1,
    ...        "directives_other": 0, "self_obligations": 2}
    >>> demand_segments(row)
    {'on the other side': 4.0, 'on both sides': 1.0, 'on others': 0.0, 'on itself': 2.0}
    """
    side = str(row["side"])
    if int(row["n_statements"]) == 0:
        return dict.fromkeys(SEGMENTS, np.nan)
    count = {c: float(0 if pd.isna(row[c]) else row[c]) for c in DEMAND_COLUMNS}
    other = OTHER_SIDE.get(side)
    own = count.get(f"directives_{side}", 0.0)
    countries = 0.0 if other else count["directives_us"] + count["directives_china"]
    return {"on the other side": count[f"directives_{other}"] if other else 0.0,
            "on both sides": count["directives_both"], "on others": count["directives_other"] + countries,
            "on itself": count["self_obligations"] + (own if other else 0.0)}


def _checked(table: pd.DataFrame, by: str | None) -> tuple[pd.DataFrame, str, list[str]]:
    """The table with a string group column (groups where no statement has a directive left out, the number
    of those where some side speaks in ``_silent``), its name, and the groups drawn."""
    by = group_column(table, by)
    require(table, [c for c in [by, "side", "n_statements", *DEMAND_COLUMNS] if c], "the meeting table",
            MEETING_TABLE_HINT)
    if table[list(DEMAND_COLUMNS)].isna().all().all():
        raise ValueError("the meeting table has no directive counts by addressee (every directives_<addressee> "
                         "is empty): score the sentences with analysis.score (it adds them), then compare_sides")
    table = table.copy()
    if by is None:
        by, table["_group"] = "_group", "all statements"
    table[by] = table[by].fillna("").astype(str)
    table["side"] = table["side"].astype(str)
    speaks = table.groupby(by, sort=False)["n_statements"].transform("sum") > 0
    demands = table[list(DEMAND_COLUMNS)].fillna(0).sum(axis=1).groupby(table[by], sort=False).transform("sum") > 0
    silent = table.loc[speaks & ~demands, by].nunique()
    table = table[demands].assign(_silent=silent)
    if table.empty:
        raise ValueError("no statement in the meeting table has a directive: nothing to draw")
    return table, by, list(dict.fromkeys(table[by]))


def demands_by_side_pages(table: pd.DataFrame, by: str | None = None, size: str = "paper",
                          per_page: int | None = None) -> int:
    """How many pages :func:`plot_demands_by_side` draws ``table`` over at ``size``; 0 when no statement has
    a directive (there is nothing to draw, so :func:`~analysis.present.figures.make_figures` draws no demands
    figure)."""
    check_size(size)
    try:
        groups = _checked(table, by)[2]
    except ValueError as err:
        if "nothing to draw" in str(err):
            return 0
        raise
    return len(page_bounds(len(groups), per_page or MEETINGS_PER_PAGE[size]))


@styled
def plot_demands_by_side(table: pd.DataFrame, by: str | None = None, size: str = "paper", page: int = 1,
                         per_page: int | None = None) -> Figure:
    """Whom each side's directives address at each meeting: one stacked bar of counts per meeting × side.

    ``table`` is the meeting × side table (``compare_sides(scored, by="meeting_id")``,
    an optional ``date`` column shown with each meeting) with ``side, n_statements``
    and the directive counts ``directives_us, directives_china, directives_both,
    directives_other, self_obligations``. Per meeting a heading row and one row
    per side; a side's bar is its directives on the other side, on both sides,
    on others, and on itself (:func:`demand_segments`), in its colour at
    decreasing strength. Groups where no statement has a directive are left out
    (and counted in the caption); meetings
    beyond ``per_page`` (default :data:`MEETINGS_PER_PAGE`) go on later pages.
    """
    table, by, groups = _checked(table, by)
    sides = ordered_sides(table["side"])
    bounds = page_bounds(len(groups), per_page or MEETINGS_PER_PAGE[size])
    first, stop = pick_page(bounds, page)
    shown = groups[first:stop]
    n_rows = len(shown) * (len(sides) + 1)
    fig = new_figure(size, em(size) * (FRAME_LINES + LINES_PER_ROW * n_rows))
    ax = fig.subplots()
    widest = max(1.0, max(np.nansum(list(demand_segments(r).values())) for _, r in table.iterrows()))
    per_count_ems = (check_size(size)["width"] / em(size) - ROW_LABEL_EMS) / widest
    ticks, labels, written = [], [], set()
    for g_i, group in enumerate(shown):
        top = g_i * (len(sides) + 1)
        rows = table[table[by] == group]
        ax.text(0, top, meeting_heading(rows, group), ha="left", va="center", fontsize="small", fontweight="bold")
        for s_i, side in enumerate(sides):
            mine = rows[rows["side"] == side]
            n = int(mine["n_statements"].iloc[0]) if len(mine) else 0
            ticks.append(top + 1 + s_i)
            labels.append(f"{side_style(side)['label']} (n = {n})")
    for s_i, side in enumerate(sides):
        ys = [g_i * (len(sides) + 1) + 1 + s_i for g_i in range(len(shown))]
        bars = [_side_segments(table, by, group, side) for group in shown]
        written |= _side_bars(ax, side, ys, bars, per_count_ems)
    _axes(ax, ticks, labels, n_rows, widest)
    handles = side_handles(sides, "bar") + [Patch(facecolor=to_rgba(LEGEND_GREY, share) if share else "white",
                                                  edgecolor="black", label=name) for name, share in SEGMENTS.items()]
    fit_legend(fig, handles, LEGEND_COLUMNS, loc="outside lower center")
    title, detail = _caption(table, by, sides, len(groups), written)
    if len(bounds) > 1:
        detail += f" This page: {group_noun(by, True)} {first + 1}–{stop} of {len(groups)}."
    add_title(fig, size, page_title(title, page, len(bounds)), detail)
    return fig


def _side_segments(table: pd.DataFrame, by: str, group: str, side: str) -> dict[str, float]:
    mine = table[(table[by] == group) & (table["side"] == side)]
    return demand_segments(mine.iloc[0]) if len(mine) else dict.fromkeys(SEGMENTS, np.nan)


def _side_bars(ax, side: str, ys: list[float], bars: list[dict], per_count_ems: float) -> set[str]:
    """One side's stacked bars (a container per segment, labelled ``"<side>: <segment>"``); the labels written."""
    st = side_style(side)
    left = np.zeros(len(ys))
    for name, share in SEGMENTS.items():
        widths = np.nan_to_num(np.array([b[name] for b in bars], dtype=float))
        ax.barh(ys, widths, left=left, height=BAR_HEIGHT, color=to_rgba(st["color"], share) if share else "white",
                edgecolor="black", hatch=st["hatch"], label=f"{side}: {name}", zorder=2)
        for y, x, w in zip(ys, left, widths):
            if w * per_count_ems >= MIN_LABEL_EMS:
                ax.text(x + w / 2, y, str(int(w)), ha="center", va="center", fontsize="x-small", zorder=3,
                        color="white" if share == 1.0 else "black", fontweight="bold",
                        bbox=dict(boxstyle="round,pad=0.15", facecolor=st["color"] if share == 1.0 else "white",
                                  edgecolor="none"))
        left += widths
    written = set()
    for y, b, total in zip(ys, bars, left):
        if np.isnan(b["on the other side"]):
            text, kw = MISSING_LABEL, dict(color=MUTED_COLOR, style="italic")
        elif total == 0:
            text, kw = ZERO_LABEL, dict(color=st["color"], fontweight="bold")
        else:
            continue
        ax.annotate(text, (0, y), xytext=(2, 0), textcoords="offset points", ha="left", va="center",
                    fontsize="x-small", zorder=4, **kw)
        written.add(text)
    return written


def _axes(ax, ticks: list[float], labels: list[str], n_rows: int, widest: float) -> None:
    ax.set_xlim(0, widest * 1.05)
    ax.set_ylim(n_rows - 0.5, -0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("directives (count)")
    ax.set_yticks(ticks, labels)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)


def _caption(table: pd.DataFrame, by: str, sides: list[str], n_groups: int, written: set[str]) -> tuple[str, str]:
    """The title and caption (totals over every group, every page)."""
    totals = table.groupby("side")["n_statements"].sum()
    n_text = ", ".join(f"{side_style(s)['label']} {fmt_n(totals.get(s, 0))}" for s in sides)
    notes = "".join(f"; {note}" for label, note in ((ZERO_LABEL, f'"{ZERO_LABEL}": no directive'),
                                                   (MISSING_LABEL, f'"{MISSING_LABEL}": nothing to count'))
                    if label in written)
    silent = int(table["_silent"].iloc[0])
    notes += (f"; {silent} {group_noun(by, silent != 1)} with statements but no directive left out" if silent
              else "")
    return (f"Demands each side puts on the other, by {group_noun(by)}",
            "Directives in each side's statements by whom they address: the other side, both sides, others, "
            "itself (self-obligations). Counts of the project's directive lexicon, one addressee per directive; "
            "whole numbers, so no interval (with few statements, one or two is noise)"
            f"{notes}; n = statements per row; total: {n_text} statements in {n_groups} "
            f"{group_noun(by, True)}.")
