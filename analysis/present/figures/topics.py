"""The topics each side's account of a meeting raises, and in what order: a grid of meetings × sides by topics."""
from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.present.figures.inputs import group_column, require
from analysis.present.figures.pages import (MEETINGS_PER_PAGE, ROW_LABEL_EMS, meeting_heading, page_bounds,
                                            page_title, pick_page)
from analysis.present.figures.style import (MUTED_COLOR, NEUTRAL_BAND_COLOR, add_title, check_size, em, fit_legend,
                                            fmt_n, group_noun, new_figure, ordered_sides, side_handles, side_style,
                                            styled)

TOPICS_HINT = 'expected compare_topics(statements, by="meeting_id") output'
#: Readable topic names (others: underscores become spaces).
TOPIC_LABELS = {"trade_economy": "trade, economy", "ukraine_russia": "Ukraine, Russia", "middle_east": "Middle East",
                "south_china_sea": "South China Sea", "north_korea": "North Korea", "ai": "AI", "taiwan": "Taiwan",
                "people_to_people": "people to people"}
#: Height of one row (a side, or a meeting's heading) in text lines: room for a marker with a number in it.
LINES_PER_ROW = 1.6
#: Text lines for the slanted topic names above the grid, the legend and the margins.
FRAME_LINES = 12
#: A marker's diameter as a share of its cell, the smaller of row height and column width (the rest keeps
#: neighbours apart).
MARKER_SHARE = 0.85
#: The black ring of a topic only this side raises (points), wide enough to see in print.
RING_WIDTH = 1.2
#: Slant of the topic names: long names stay readable without taking the height of upright ones.
LABEL_ROTATION = 45
#: Size of the dot of a topic not raised, as a share of the marker size: a guide to the eye, not data.
GUIDE_SHARE = 0.12
#: Written in a side's row when it has no statement at that meeting: missing is not "raises nothing".
NO_STATEMENTS = "no statements"


def topic_label(topic: str) -> str:
    """``trade_economy`` -> ``trade, economy``; ``export_controls`` -> ``export controls``."""
    return TOPIC_LABELS.get(topic, topic.replace("_", " "))


def _checked(table: pd.DataFrame, by: str | None) -> tuple[pd.DataFrame, str, list[str], list[str]]:
    """The table with a string group column (groups where no statement raises a topic left out, their
    number in ``_silent``), its name, the groups drawn, and the topics raised."""
    by = group_column(table, by)
    require(table, [c for c in [by, "side", "topic", "mentioned", "first_position", "only_this_side",
                                "n_statements"] if c], "the topic table", TOPICS_HINT)
    table = table.copy()
    if by is None:
        by, table["_group"] = "_group", "all statements"
    table[by] = table[by].fillna("").astype(str)
    table["side"] = table["side"].astype(str)
    mentioned = table["mentioned"].fillna(False).astype(bool)
    raised = mentioned.groupby(table[by], sort=False).transform("any")
    silent = table.loc[~raised & (table.groupby(by, sort=False)["n_statements"].transform("sum") > 0), by].nunique()
    table = table[raised].assign(_silent=silent)
    topics = list(dict.fromkeys(table.loc[mentioned[raised], "topic"].astype(str)))
    if not topics:
        raise ValueError("no statement in the topic table raises a topic of the list: nothing to draw")
    order = list(dict.fromkeys(table["topic"].astype(str)))
    topics.sort(key=order.index)
    return table, by, list(dict.fromkeys(table[by])), topics


def topics_by_side_pages(table: pd.DataFrame, by: str | None = None, size: str = "paper",
                         per_page: int | None = None) -> int:
    """How many pages :func:`plot_topics_by_side` draws ``table`` over at ``size``; 0 when no statement
    raises a listed topic (there is nothing to draw, so :func:`~analysis.present.figures.make_figures`
    draws no topic figure)."""
    check_size(size)
    try:
        groups = _checked(table, by)[2]
    except ValueError:
        if isinstance(table, pd.DataFrame) and {"mentioned", "n_statements"} <= set(table.columns):
            return 0
        raise
    return len(page_bounds(len(groups), per_page or MEETINGS_PER_PAGE[size]))


@styled
def plot_topics_by_side(table: pd.DataFrame, by: str | None = None, size: str = "paper", page: int = 1,
                        per_page: int | None = None) -> Figure:
    """Which topics each side's statements raise at each meeting, with the order of first mention.

    ``table`` is :func:`analysis.compare_topics` output (one row per group ×
    side × topic; an optional ``date`` column is shown with each meeting). One
    column per topic that some statement raises; per meeting a heading row and
    one row per side. A marker in the side's colour: the side raises the topic
    there, the number in it is the order (1 = the first topic that side raises);
    a black ring: the other side's statements there never raise it. Meetings
    beyond ``per_page`` (default :data:`MEETINGS_PER_PAGE`) go on later pages.
    """
    table, by, groups, topics = _checked(table, by)
    sides = ordered_sides(table["side"])
    bounds = page_bounds(len(groups), per_page or MEETINGS_PER_PAGE[size])
    first, stop = pick_page(bounds, page)
    shown = groups[first:stop]
    n_rows = len(shown) * (len(sides) + 1)
    row_inches = em(size) * LINES_PER_ROW
    fig = new_figure(size, em(size) * FRAME_LINES + row_inches * n_rows)
    ax = fig.subplots()
    column_inches = (check_size(size)["width"] - em(size) * ROW_LABEL_EMS) / len(topics)
    marker_pt = min(row_inches, column_inches) * 72 * MARKER_SHARE
    ticks, labels = [], []
    for g_i, group in enumerate(shown):
        top = g_i * (len(sides) + 1)
        rows = table[table[by] == group]
        ax.text(-0.5, top, meeting_heading(rows, group), ha="left", va="center", fontsize="small", fontweight="bold")
        for s_i, side in enumerate(sides):
            y = top + 1 + s_i
            mine = rows[rows["side"] == side].set_index("topic")
            n = int(mine["n_statements"].iloc[0]) if len(mine) else 0
            ticks.append(y)
            labels.append(f"{side_style(side)['label']} (n = {n})")
            _side_row(ax, mine, topics, y, side, n, marker_pt)
    _axes(ax, topics, ticks, labels, n_rows)
    handles = side_handles(sides, "point") + [Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                                                     markeredgecolor="black", markeredgewidth=RING_WIDTH,
                                                     label="only this side raises it there")]
    fit_legend(fig, handles, len(handles), loc="outside lower center")
    title, detail = _caption(table, by, sides, len(groups))
    if len(bounds) > 1:
        detail += f" This page: {group_noun(by, True)} {first + 1}–{stop} of {len(groups)}."
    add_title(fig, size, page_title(title, page, len(bounds)), detail)
    return fig


def _side_row(ax, mine: pd.DataFrame, topics: list[str], y: float, side: str, n: int, marker_pt: float) -> None:
    """One side's row: a numbered marker per topic raised, a faint dot per topic not raised."""
    if n == 0:
        ax.text(-0.4, y, NO_STATEMENTS, ha="left", va="center", fontsize="x-small", style="italic", color=MUTED_COLOR)
        return
    st = side_style(side)
    for x, topic in enumerate(topics):
        raised = topic in mine.index and bool(mine.at[topic, "mentioned"])
        if not raised:
            ax.plot([x], [y], marker="o", markersize=marker_pt * GUIDE_SHARE, color=NEUTRAL_BAND_COLOR, zorder=1)
            continue
        only = mine.at[topic, "only_this_side"]
        ring = bool(only) if not pd.isna(only) else False
        ax.plot([x], [y], marker=st["marker"], markersize=marker_pt, color=st["color"], linestyle="",
                markeredgecolor="black" if ring else st["color"], markeredgewidth=RING_WIDTH if ring else 0,
                zorder=2)
        ax.text(x, y, str(int(mine.at[topic, "first_position"])), ha="center", va="center", color="white",
                fontsize="x-small", fontweight="bold", zorder=3)


def _axes(ax, topics: list[str], ticks: list[float], labels: list[str], n_rows: int) -> None:
    ax.set_xlim(-0.6, len(topics) - 0.4)
    ax.set_ylim(n_rows - 0.5, -0.6)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(topics)), [topic_label(t) for t in topics], rotation=LABEL_ROTATION, ha="left",
                  rotation_mode="anchor")
    ax.set_yticks(ticks, labels)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)


def _caption(table: pd.DataFrame, by: str, sides: list[str], n_groups: int) -> tuple[str, str]:
    """The title and caption (totals over every group, every page)."""
    per_group = table.drop_duplicates([by, "side"])
    totals = per_group.groupby("side")["n_statements"].sum()
    n_text = ", ".join(f"{side_style(s)['label']} {fmt_n(totals.get(s, 0))}" for s in sides)
    silent = int(table["_silent"].iloc[0])
    left_out = (f"; {silent} {group_noun(by, silent != 1)} with statements that raise no listed topic "
                "left out" if silent else "")
    return (f"Topics each side raises, by {group_noun(by)}, and in what order",
            "Number in a marker: the order in which that side's statements first raise the topic there "
            "(1 = first); black ring: the other side's statements there never raise it; faint dot: not raised. "
            "Topics are found by the project's word list (analysis/lexicons/topics.csv), in statements only; "
            f"n = statements per side in each row; total: {n_text} statements in {n_groups} "
            f"{group_noun(by, True)}{left_out}.")
