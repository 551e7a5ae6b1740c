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
from analysis.present.figures.pages import page_bounds, page_of, page_title, pick_page
from analysis.present.figures.style import (MEASURE_STYLE, MUTED_COLOR, NEUTRAL_BAND_COLOR,
                                            POINTS_PER_INCH, ZERO_LINE_COLOR, ZERO_LINE_WIDTH, add_title, check_size,
                                            em, fit_legend, fmt_n, group_noun, new_figure, ordered_sides,
                                            side_handles, side_style, styled, title_height, title_lines, wrap_id)

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
#: Caption lines kept free for "This page: meetings 1–7 of 15" when working out how many meetings fit a page.
PAGE_NOTE_LINES = 1
#: Error bars thinner than the lines, so the points stand out.
ERRORBAR_WIDTH = 0.8
#: An n label goes right of an interval that ends below this compound, else left (it stays in the panel).
LABEL_RIGHT_BELOW = 0.55
#: Gap between an interval's end and its n label, and between zero and an "n=0" note (points).
N_LABEL_GAP, EMPTY_LABEL_GAP = 4, 3

#: A meeting × side table column with each meeting's date (figure_inputs adds it): shown right of the rows.
DATE_COLUMN = "date"
#: What a meeting without a date shows instead.
UNDATED = "undated"

#: Panels per row of the along-articles figure: two fit a column, three a page, four a slide.
PANELS_PER_ROW = {"paper": 3, "column": 2, "slide": 4}
#: Rows of article panels on a page: as many as stay readable within the size's height.
ROWS_PER_PAGE = {"paper": 4, "column": 6, "slide": 2}
#: Article panels per page: the page's cells but one, kept for the legend (the rest go on later pages).
PANELS_PER_PAGE = {size: ROWS_PER_PAGE[size] * PANELS_PER_ROW[size] - 1 for size in PANELS_PER_ROW}
#: Height of one row of article panels, and of the caption margin, in text lines.
PANEL_LINES, ALONG_FRAME_LINES = 11, 3
#: Share of a panel's cell its axes get (the rest: tick labels and gaps), measured at each size; a
#: panel title longer than fits that width puts its n on a second line.
PANEL_AXES_SHARE = {"paper": 0.8, "column": 0.72, "slide": 0.82}
#: Average width of a title's glyphs in em (DejaVu Sans ids and "(n = 42)" measure 0.47–0.52).
TITLE_GLYPH_EM = 0.55
#: Markers smaller than elsewhere: a panel has a point for every paragraph.
PARAGRAPH_MARKER = 0.75


# --------------------------------------------------------------------------- sentiment by side, per meeting

@styled
def plot_sentiment_by_side(table: pd.DataFrame, by: str | None = None, size: str = "paper",
                           drop_empty: bool = True, page: int = 1, per_page: int | None = None) -> Figure:
    """Mean sentiment of each side's statements per meeting, with bootstrap intervals and n.

    ``table`` is the meeting × side table (:func:`analysis.compare.compare_sides`):
    one row per group × side with ``side, n_statements, compound(_lo, _hi),
    compound_diplomatic(_lo, _hi)`` and the group column ``by`` (``meeting_id``
    by default); an optional ``date`` column is written right of each meeting's row.
    Groups are drawn top to bottom in the table's order; with ``drop_empty`` a
    group where no side has a statement is left out. Left panel stock VADER,
    right panel diplomacy-aware; each point is annotated with its n.

    When the groups do not fit the figure's height at ``size``, they are drawn
    over pages (:func:`sentiment_by_side_pages` says how many); ``page`` picks
    one, ``per_page`` sets the groups per page instead of what fits.
    """
    table, by = _meeting_rows(table, by, drop_empty)
    groups = list(dict.fromkeys(table[by]))
    labels = _group_labels(table, by, groups, size)
    sides = ordered_sides(table["side"])
    bounds = _group_pages(table, by, labels, sides, size, per_page)
    first, stop = pick_page(bounds, page)
    shown = groups[first:stop]
    rows = table[table[by].isin(shown)]
    fig = new_figure(size, em(size) * (SENTIMENT_FRAME_LINES + _body_lines(labels[first:stop], len(sides))))
    axes = fig.subplots(1, 2, sharey=True)
    pos = {g: i for i, g in enumerate(shown)}
    step = POINT_BAND / max(len(sides), 1)
    offset = {s: (i - (len(sides) - 1) / 2) * step for i, s in enumerate(sides)}
    for ax, (measure, name) in zip(axes, SENTIMENT_PANELS.items()):
        _sentiment_panel(ax, rows, by, measure, sides, pos, offset)
        _compound_axis(ax, name, size)
    axes[0].set_yticks(range(len(shown)), labels[first:stop])
    axes[0].set_ylim(len(shown) - 0.5, -0.5)
    axes[0].tick_params(axis="y", length=0)
    _date_axis(axes[1], table, by, shown)
    fit_legend(fig, side_handles(sides, "point"), len(sides), loc="outside lower center",
               title=f"side (grey band: neutral, |compound| < {NEUTRAL:g})")
    title, detail = _by_side_caption(table, by, sides, len(groups))
    if len(bounds) > 1:
        detail += f" This page: {group_noun(by, True)} {first + 1}–{stop} of {len(groups)}."
    add_title(fig, size, page_title(title, page, len(bounds)), detail)
    return fig


def sentiment_by_side_pages(table: pd.DataFrame, by: str | None = None, size: str = "paper",
                            drop_empty: bool = True, per_page: int | None = None) -> int:
    """How many pages :func:`plot_sentiment_by_side` draws ``table`` over at ``size``."""
    check_size(size)
    table, by = _meeting_rows(table, by, drop_empty)
    groups = list(dict.fromkeys(table[by]))
    labels = _group_labels(table, by, groups, size)
    return len(_group_pages(table, by, labels, ordered_sides(table["side"]), size, per_page))


def _by_side_caption(table: pd.DataFrame, by: str, sides: list[str], n_groups: int) -> tuple[str, str]:
    """The title and caption of the by-side figure (totals over every group, every page)."""
    totals = table.groupby("side")["n_statements"].sum()
    n_text = ", ".join(f"{side_style(s)['label']} {fmt_n(totals.get(s, 0))}" for s in sides)
    order = "; rows by date (at right), undated last" if DATE_COLUMN in table.columns else ""
    return (f"Sentiment of each side's statements, by {group_noun(by)}",
            f"Mean VADER compound (−1 negative … +1 positive) per statement (sentence), stock and "
            f"diplomacy-aware, with 95% bootstrap interval; "
            f"n = statements per point; total: {n_text} statements in {n_groups} {group_noun(by, True)}{order}.")


def _group_labels(table: pd.DataFrame, by: str, groups: list[str], size: str) -> list[str]:
    """Each group's tick label: its id wrapped to the size's label width."""
    width = int(check_size(size)["label_width"])
    return [wrap_id(g, width) if g else "(no meeting)" for g in groups]


def _date_axis(ax, table: pd.DataFrame, by: str, groups: list[str]) -> None:
    """Each group's date (``undated`` when unknown) right of ``ax``, level with its row, when the table has dates."""
    if DATE_COLUMN not in table.columns:
        return
    dates = table.drop_duplicates(by).set_index(by)[DATE_COLUMN].fillna("").astype(str)
    axis = ax.secondary_yaxis("right")
    axis.set_yticks(range(len(groups)), [(dates.get(g) or UNDATED) if g else "" for g in groups])
    axis.tick_params(axis="y", length=0, labelcolor=MUTED_COLOR)
    axis.spines["right"].set_visible(False)


def _group_pages(table: pd.DataFrame, by: str, labels: list[str], sides: list[str], size: str,
                 per_page: int | None) -> list[tuple[int, int]]:
    """The pages' ``(start, stop)`` over the groups: ``per_page`` a page, else as few balanced pages as fit."""
    if per_page is not None:
        return page_bounds(len(labels), per_page)
    title, detail = _by_side_caption(table, by, sides, len(labels))
    title_lines_ = len(title_lines(size, title, detail)) + PAGE_NOTE_LINES
    budget = ((check_size(size)["max_height"] - title_height(size, title_lines_)) / em(size)
              - SENTIMENT_FRAME_LINES)
    for pages in range(1, len(labels) + 1):
        bounds = page_bounds(len(labels), -(-len(labels) // pages))
        if all(_body_lines(labels[a:b], len(sides)) <= budget for a, b in bounds):
            return bounds
    return page_bounds(len(labels), 1)


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
    err = interval_errors(mean[ok], rows[f"{measure}_lo"].to_numpy(float)[ok],
                          rows[f"{measure}_hi"].to_numpy(float)[ok])
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
    """The compound x axis (at column width: half-way ticks unlabelled and a shorter label, else they collide)."""
    narrow = size == "column"
    ax.set_xlim(*COMPOUND_LIMITS)
    ax.set_xticks(list(COMPOUND_TICKS), ["−1", "" if narrow else "−0.5", "0", "" if narrow else "0.5", "1"])
    ax.set_title(name)
    ax.set_xlabel("mean compound" if narrow else "mean VADER compound")  # two long labels would touch
    ax.grid(axis="y", visible=False)


# --------------------------------------------------------------------------- sentiment along articles

@styled
def plot_sentiment_along_articles(paragraphs: pd.DataFrame, size: str = "paper", page: int = 1,
                                  per_page: int | None = None) -> Figure:
    """One small panel per article: mean sentence compound (stock and diplomacy-aware) by paragraph.

    ``paragraphs`` is :func:`analysis.score_paragraphs` output (``doc_id, para,
    compound, compound_diplomatic``). Articles are drawn in the frame's order, at
    most ``per_page`` a figure (None: :data:`PANELS_PER_PAGE` of the size);
    ``page`` picks the page (:func:`along_articles_pages` says how many).
    """
    require(paragraphs, ["doc_id", "para", *MEETING_TABLE_MEASURES], "the paragraph frame", PARAGRAPHS_HINT)
    all_docs = list(dict.fromkeys(paragraphs["doc_id"].astype(str)))
    docs, pages, first = page_of(all_docs, page, _panels_per_page(size, per_page))
    ncols = PANELS_PER_ROW[size]
    nrows = -(-(len(docs) + 1) // ncols)  # one spare cell for the legend
    fig = new_figure(size, em(size) * (ALONG_FRAME_LINES + PANEL_LINES * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharey=True, squeeze=False)).ravel()
    ids = paragraphs["doc_id"].astype(str)
    titles = [_article_panel(ax, doc, paragraphs[ids == doc].sort_values("para")) for ax, doc in zip(axes, docs)]
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
    shown = int(ids.isin(docs).sum())
    where = (f"{len(docs)} articles" if pages == 1
             else f"articles {first + 1}–{first + len(docs)} of {len(all_docs)}")
    add_title(fig, size, page_title("Sentiment along each article, paragraph by paragraph", page, pages),
              f"Mean VADER compound of each paragraph's sentences, stock and diplomacy-aware; "
              f"n = {fmt_n(shown)} paragraphs in {where} (n per panel).")
    _fit_panel_titles(titles, size, ncols)
    return fig


def _fit_panel_titles(titles: list, size: str, ncols: int) -> None:
    """A panel title wider than its panel puts its n on a second line (and breaks a long id at hyphens)."""
    s = check_size(size)
    chars = int(s["width"] / ncols * PANEL_AXES_SHARE[size] * POINTS_PER_INCH / (s["font"] * TITLE_GLYPH_EM))
    for t in titles:
        if len(t.get_text()) > chars:
            t.set_text(_two_line_title(t.get_text(), chars))


def _two_line_title(title: str, chars: int) -> str:
    """``doc (n = 8)`` -> ``doc`` and ``(n = 8)`` on two lines, the id itself broken at hyphens past ``chars``."""
    doc, _, n = title.rpartition(" (")
    return f"{wrap_id(doc, chars)}\n({n}"


def along_articles_pages(paragraphs: pd.DataFrame, size: str = "paper", per_page: int | None = None) -> int:
    """How many pages :func:`plot_sentiment_along_articles` draws ``paragraphs`` over at ``size``."""
    require(paragraphs, ["doc_id"], "the paragraph frame", PARAGRAPHS_HINT)
    n = paragraphs["doc_id"].astype(str).nunique()
    return len(page_bounds(n, _panels_per_page(size, per_page)))


def _panels_per_page(size: str, per_page: int | None) -> int:
    """``per_page``, or the size's :data:`PANELS_PER_PAGE`."""
    check_size(size)
    return PANELS_PER_PAGE[size] if per_page is None else per_page


def _article_panel(ax, doc: str, part: pd.DataFrame):
    """One article's paragraphs (``part``, in order): a line per measure over the neutral band. Returns its title."""
    ax.axhspan(-NEUTRAL, NEUTRAL, color=NEUTRAL_BAND_COLOR, lw=0, zorder=0)
    ax.axhline(0, color=ZERO_LINE_COLOR, lw=ZERO_LINE_WIDTH, zorder=1)
    for measure, st in MEASURE_STYLE.items():
        ax.plot(part["para"], part[measure], color=st["color"], marker=st["marker"], linestyle=st["linestyle"],
                markersize=mpl.rcParams["lines.markersize"] * PARAGRAPH_MARKER, zorder=2, label=st["label"])
    title = ax.set_title(f"{doc} (n = {len(part)})", loc="left", fontweight="normal")
    ax.set_ylim(*COMPOUND_LIMITS)
    ax.set_yticks(list(COMPOUND_TICKS))
    lo, hi = int(part["para"].min()), int(part["para"].max())
    ax.set_xlim(lo - 0.5, hi + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", visible=True)
    ax.grid(axis="x", visible=False)
    return title
