"""Report-ready figures: one function per figure, one function to save them.

Every ``plot_*`` function takes a tidy frame (the output of an earlier stage)
and returns a :class:`matplotlib.figure.Figure`; nothing goes through
``pyplot``, so no global figure state is kept and the same input always draws
the same figure. Each figure's title says what it shows and its n. In a
notebook the returned figure displays itself (as a PNG).

:func:`save_figure` writes ``name.png`` (300 dpi), ``name.svg`` and
``name.pdf``, byte-identical across runs and processes. :func:`make_figures`
draws and saves every figure from a corpus folder (``make figures``).

Colours are the Okabe–Ito palette (safe for the common kinds of colour-blind
vision), and each side also has its own marker and hatch, so a grayscale print
still tells the US from China:

>>> [(s, SIDE_STYLE[s]["color"], SIDE_STYLE[s]["marker"]) for s in ("us", "china")]
[('us', '#0072B2', 'o'), ('china', '#D55E00', 's')]

matplotlib is imported when this module is imported; ``import analysis`` does
not import this module.
"""
from __future__ import annotations

import functools
import inspect
import io
import os
import re
import tempfile
import textwrap
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable

import matplotlib as mpl
import matplotlib.style
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.paths import FIGURE_DIR, STYLE_FILE

# STYLE_FILE: the project style sheet (fonts, line widths, grid, reproducible-output
# settings). FIGURE_DIR: the project's figures/ folder, the default wherever the code
# runs from (a notebook's kernel starts in notebooks/, so a relative "figures" would land there).

#: One style per side: Okabe–Ito colour, a marker for points and a hatch for bars.
SIDE_STYLE: dict[str, dict[str, str]] = {
    "us": {"color": "#0072B2", "marker": "o", "hatch": "////", "label": "US"},
    "china": {"color": "#D55E00", "marker": "s", "hatch": "....", "label": "China"},
    "press": {"color": "#009E73", "marker": "^", "hatch": "\\\\\\\\", "label": "press"},
    "third-party": {"color": "#CC79A7", "marker": "D", "hatch": "xxxx", "label": "third party"},
}
#: Sides in the order they are drawn and listed.
SIDE_ORDER = tuple(SIDE_STYLE)
_OTHER_SIDE = {"color": "#777777", "marker": "v", "hatch": "++++", "label": None}

#: Stock and diplomacy-aware VADER: not sides, so colours the sides do not use.
MEASURE_STYLE: dict[str, dict[str, str]] = {
    "compound": {"color": "#000000", "marker": "o", "linestyle": "-", "label": "stock VADER"},
    "compound_diplomatic": {"color": "#E69F00", "marker": "^", "linestyle": "--", "label": "diplomacy-aware"},
}

#: Figure sizes: width in inches and base font size in points.
#: ``paper`` spans both columns of a two-column page, ``column`` fits one column,
#: ``slide`` fills most of a 16:9 slide (13.33 x 7.5 in) and reads from the back of a room.
SIZES: dict[str, dict[str, float]] = {
    "paper": {"width": 7.0, "font": 8.0, "max_height": 9.0, "label_width": 22},
    "column": {"width": 3.5, "font": 7.0, "max_height": 9.0, "label_width": 19},
    "slide": {"width": 12.0, "font": 14.0, "max_height": 7.5, "label_width": 40},
}

#: Metadata that would differ between runs (dates) is left out; the rest is fixed.
SAVE_METADATA: dict[str, dict] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": "framing-lab (matplotlib)"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "framing-lab",
            "Producer": "matplotlib"},
}
#: rcParams fixed while saving, whatever the user's matplotlibrc says.
SAVE_RC = {"svg.hashsalt": "framing-lab", "svg.fonttype": "path", "pdf.fonttype": 42,
           "pdf.compression": 6, "savefig.facecolor": "white", "savefig.transparent": False,
           "savefig.bbox": None, "savefig.pad_inches": 0.1}
FORMATS = ("png", "svg", "pdf")
DPI = 300

MEETING_TABLE_MEASURES = ("compound", "compound_diplomatic")
STANCE_MEASURES = ("hedges_per_100w", "boosters_per_100w", "directives_per_100w")
_FRAME_COLUMN = re.compile(r"^frame_(.+)_per_100w$")


# --------------------------------------------------------------------------- style

def _size(size: str) -> dict[str, float]:
    if size not in SIZES:
        raise ValueError(f"size must be one of {list(SIZES)}, got {size!r}")
    return SIZES[size]


def style_rc(size: str = "paper") -> dict:
    """The rcParams for ``size`` on top of the style sheet (font sizes scaled from the base size).

    >>> style_rc("slide")["font.size"], style_rc("column")["figure.figsize"][0]
    (14.0, 3.5)
    """
    s = _size(size)
    f, k = s["font"], s["font"] / SIZES["paper"]["font"]
    return {
        "font.size": f, "axes.titlesize": f, "axes.labelsize": f,
        "xtick.labelsize": f - 1, "ytick.labelsize": f - 1,
        "legend.fontsize": f - 1, "legend.title_fontsize": f - 1, "figure.titlesize": f + 1,
        "lines.linewidth": 1.2 * k, "lines.markersize": 4.5 * k, "errorbar.capsize": 2 * k,
        "axes.linewidth": 0.6 * k, "grid.linewidth": 0.5 * k, "patch.linewidth": 0.6 * k,
        "hatch.linewidth": 0.6 * k, "xtick.major.width": 0.6 * k, "ytick.major.width": 0.6 * k,
        "xtick.major.size": 3 * k, "ytick.major.size": 3 * k,
        "figure.figsize": (s["width"], s["width"] * 0.6),
    }


@contextmanager
def style_context(size: str = "paper"):
    """Draw inside this block with the project style at ``size`` (``paper``, ``column`` or ``slide``).

    Starts from matplotlib's defaults, so a personal matplotlibrc does not change
    the figures; rcParams are restored on exit.
    """
    rc = style_rc(size)
    with mpl.style.context(["default", str(STYLE_FILE), rc]):
        yield


class FramingFigure(Figure):
    """A matplotlib Figure that remembers its size and shows itself in Jupyter without pyplot."""

    framing_size = "paper"

    def _repr_png_(self) -> bytes:
        return figure_bytes(self, "png", dpi=110)


def _freeze_layout(fig: Figure) -> None:
    """Lay the figure out once (constrained layout), then keep those positions.

    Constrained layout starts from the positions of the previous draw, and tick
    choices depend on axes sizes, so a second draw can move things by a pixel:
    saving the same figure twice would then give different bytes. Laying out
    once and switching the engine off makes every later draw (PNG, SVG, PDF,
    notebook display) identical. To change a figure and lay it out again, call
    ``fig.set_layout_engine("constrained")``.
    """
    fig.draw_without_rendering()
    fig.set_layout_engine("none")


def _styled(func):
    """Draw ``func``'s figure inside :func:`style_context` at its ``size`` argument."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        size = bound.arguments["size"]
        _size(size)
        with style_context(size):
            fig = func(*args, **kwargs)
            _freeze_layout(fig)
        fig.framing_size = size
        return fig

    return wrapper


def _figure(size: str, height: float) -> FramingFigure:
    """A new figure at the width of ``size``, ``height`` inches for the body (:func:`_title` adds its lines)."""
    s = _size(size)
    height = float(max(height, 1.2))
    return FramingFigure(figsize=(s["width"], height), layout="constrained")


def _em(size: str) -> float:
    """The base font size in inches (heights are counted in text lines)."""
    return _size(size)["font"] / 72.0


def _title(fig: Figure, size: str, title: str, detail: str) -> None:
    """Title line plus a wrapped line saying what is measured and the n (the figure's caption)."""
    chars = int(_size(size)["width"] * 72 / ((_size(size)["font"] + 1) * 0.6))
    detail = re.sub(r"\bn = (\S+) ", "n\u00a0=\u00a0\\1\u00a0", detail)  # keep "n = 5 articles" on one line
    lines = [title, *textwrap.wrap(detail, chars, break_on_hyphens=False)]
    fig.suptitle("\n".join(lines), x=0.01, ha="left", linespacing=1.3)
    # Constrained layout lays out at draw time, so the figure can grow to make room for the title.
    height = fig.get_figheight() + (len(lines) * 1.3 + 0.8) * (_size(size)["font"] + 1) / 72
    fig.set_figheight(min(height, _size(size)["max_height"]))


def side_style(side: str) -> dict[str, str]:
    """The style of ``side`` (a neutral one, labelled with the side's name, for an unknown side)."""
    style = SIDE_STYLE.get(side)
    return dict(style) if style else {**_OTHER_SIDE, "label": str(side)}


def _ordered_sides(values: Iterable) -> list[str]:
    present = list(dict.fromkeys(str(v) for v in values))
    return [s for s in SIDE_ORDER if s in present] + [s for s in present if s not in SIDE_STYLE]


#: Readable names of the framing categories (others: underscores become spaces).
FRAME_LABELS = {
    "cooperation_stability": "cooperation, stability",
    "conflict_confrontation": "conflict, confrontation",
    "responsibility_blame": "responsibility, blame",
    "sovereignty_core_interests": "sovereignty, core interests",
    "human_rights_values": "human rights, values",
}


def _label(name: str) -> str:
    """``human_rights_values`` -> ``human rights, values``."""
    return FRAME_LABELS.get(name, name.replace("_", " "))


def _wrap_id(text: str, width: int = 22) -> str:
    """Break a long hyphenated id over lines at its hyphens."""
    if len(text) <= width:
        return text
    lines, line = [], ""
    for part in text.split("-"):
        piece = part if not line else f"{line}-{part}"
        if line and len(piece) > width:
            lines.append(line + "-")
            line = part
        else:
            line = piece
    lines.append(line)
    return "\n".join(lines)


_GROUP_NOUNS = {"meeting_id": ("meeting", "meetings"), "meeting_date": ("meeting date", "meeting dates"),
                "doc_id": ("article", "articles"), "_group": ("group", "groups")}


def _group_noun(by: str, plural: bool = False) -> str:
    one, many = _GROUP_NOUNS.get(by, (by.replace("_", " "), f"values of {by}"))
    return many if plural else one


def _fmt_n(n) -> str:
    return f"{int(n):,}"


# --------------------------------------------------------------------------- input checks

def _require(frame, columns: Iterable[str], what: str) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} has no column(s) {', '.join(repr(c) for c in missing)}; "
                         f"it has {list(frame.columns)}")
    if frame.empty:
        raise ValueError(f"{what} has no rows")
    return frame


def _interval_columns(measures: Iterable[str]) -> list[str]:
    return [c for m in measures for c in (m, f"{m}_lo", f"{m}_hi")]


def _group_column(table: pd.DataFrame, by: str | None) -> str | None:
    if by is not None:
        return by
    for c in ("meeting_id", "meeting_date", "doc_id"):
        if c in table.columns:
            return c
    return None


def _one_row_per_side(table: pd.DataFrame, what: str) -> pd.DataFrame:
    sides = table["side"].astype(str)
    if sides.duplicated().any():
        raise ValueError(f"{what} needs one row per side (pooled over meetings), but sides repeat: "
                         f"{sorted(sides[sides.duplicated()].unique())}; pass compare_sides(scored, by=None)")
    return table.assign(side=sides).set_index("side")


def _err(mean: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Asymmetric error-bar lengths from an interval (NaN-safe, never negative)."""
    return np.vstack([np.clip(mean - lo, 0, None), np.clip(hi - mean, 0, None)])


def _side_handles(sides: list[str], kind: str, n: dict[str, str] | None = None) -> list:
    handles = []
    for side in sides:
        st = side_style(side)
        label = st["label"] + (f" ({n[side]})" if n and side in n else "")
        if kind == "bar":
            handles.append(Patch(facecolor=st["color"], edgecolor="black", hatch=st["hatch"], label=label))
        else:
            handles.append(Line2D([], [], color=st["color"], marker=st["marker"], linestyle="-", label=label))
    return handles


# --------------------------------------------------------------------------- 1. sentiment by side, per meeting

@_styled
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
    by = _group_column(table, by)
    _require(table, [c for c in [by, "side", "n_statements", *_interval_columns(MEETING_TABLE_MEASURES)] if c],
             "the meeting × side table")
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
    groups = list(dict.fromkeys(table[by]))
    sides = _ordered_sides(table["side"])
    pos = {g: i for i, g in enumerate(groups)}
    step = 0.7 / max(len(sides), 1)
    offset = {s: (i - (len(sides) - 1) / 2) * step for i, s in enumerate(sides)}

    labels = [_wrap_id(g, int(_size(size)["label_width"])) if g else "(no meeting)" for g in groups]
    rows = sum(max(1.25 * len(sides), 1.15 * (lab.count("\n") + 1)) + 0.8 for lab in labels)
    fig = _figure(size, _em(size) * (9 + rows))
    axes = fig.subplots(1, 2, sharey=True)
    panels = {"compound": "stock", "compound_diplomatic": "diplomacy-aware"}
    for ax, (measure, name) in zip(axes, panels.items()):
        ax.axvspan(-0.05, 0.05, color="#EEEEEE", lw=0, zorder=0)
        ax.axvline(0, color="#888888", lw=0.6, zorder=1)
        for side in sides:
            st = side_style(side)
            rows = table[table["side"] == side]
            y = rows[by].map(pos).to_numpy(float) + offset[side]
            mean = rows[measure].to_numpy(float)
            ok = ~np.isnan(mean)
            err = _err(mean[ok], rows[f"{measure}_lo"].to_numpy(float)[ok], rows[f"{measure}_hi"].to_numpy(float)[ok])
            ax.errorbar(mean[ok], y[ok], xerr=err, fmt=st["marker"], color=st["color"], ecolor=st["color"],
                        elinewidth=mpl.rcParams["lines.linewidth"] * 0.8, zorder=3, label=st["label"])
            for r, yy, m in zip(rows.itertuples(index=False), y, mean):
                n = int(getattr(r, "n_statements"))
                if np.isnan(m):
                    ax.annotate(f"{st['label']}: n=0", (0, yy), xytext=(3, 0), textcoords="offset points",
                                ha="left", va="center", fontsize="x-small", color="#777777", style="italic")
                    continue
                hi, lo = getattr(r, f"{measure}_hi"), getattr(r, f"{measure}_lo")
                right = (hi if not np.isnan(hi) else m) < 0.55
                anchor = (hi if right else lo) if not np.isnan(hi if right else lo) else m
                ax.annotate(f"n={n}", (anchor, yy), xytext=(4 if right else -4, 0), textcoords="offset points",
                            ha="left" if right else "right", va="center", fontsize="x-small", color=st["color"])
        ax.set_xlim(-1.05, 1.05)
        ax.set_xticks([-1, -0.5, 0, 0.5, 1], ["−1", "" if size == "column" else "−0.5", "0",
                                               "" if size == "column" else "0.5", "1"])
        ax.set_title(name)
        ax.set_xlabel("mean VADER compound")
        ax.grid(axis="y", visible=False)
    axes[0].set_yticks(range(len(groups)), labels)
    axes[0].set_ylim(len(groups) - 0.5, -0.5)
    axes[0].tick_params(axis="y", length=0)
    totals = table.groupby("side")["n_statements"].sum()
    fig.legend(handles=_side_handles(sides, "point"), loc="outside lower center", ncols=len(sides),
               title="side (grey band: neutral, |compound| < 0.05)")
    n_text = ", ".join(f"{side_style(s)['label']} {_fmt_n(totals.get(s, 0))}" for s in sides)
    _title(fig, size, f"Sentiment of each side's statements, by {_group_noun(by)}",
           f"Mean VADER compound (−1 negative … +1 positive) per statement (sentence), stock and "
           f"diplomacy-aware, with 95% bootstrap interval; "
           f"n = statements per point; total: {n_text} statements in {len(groups)} {_group_noun(by, True)}.")
    return fig


# --------------------------------------------------------------------------- 2. stance by side

def _bars_by_side(ax, table: pd.DataFrame, measures: list[str], sides: list[str], horizontal: bool,
                  intervals: bool) -> None:
    width = 0.8 / max(len(sides), 1)
    base = np.arange(len(measures), dtype=float)
    for i, side in enumerate(sides):
        st = side_style(side)
        at = base + (i - (len(sides) - 1) / 2) * width
        values = np.array([table.at[side, m] for m in measures], dtype=float)
        err = None
        if intervals:
            lo = np.array([table.at[side, f"{m}_lo"] for m in measures], dtype=float)
            hi = np.array([table.at[side, f"{m}_hi"] for m in measures], dtype=float)
            err = _err(values, lo, hi)
        kw = dict(color=st["color"], edgecolor="black", hatch=st["hatch"], label=st["label"], zorder=2,
                  error_kw=dict(ecolor="black", elinewidth=mpl.rcParams["lines.linewidth"] * 0.7, zorder=3))
        if horizontal:
            ax.barh(at, np.nan_to_num(values), height=width, xerr=err, **kw)
        else:
            ax.bar(at, np.nan_to_num(values), width=width, yerr=err, **kw)


@_styled
def plot_stance_by_side(table: pd.DataFrame, size: str = "paper") -> Figure:
    """Hedges, boosters and directives per 100 words by side, with 95% bootstrap intervals.

    ``table`` has one row per side (``compare_sides(scored, by=None)``) with
    ``side, n_statements, n_words`` and ``hedges_per_100w(_lo, _hi)``,
    ``boosters_per_100w(_lo, _hi)``, ``directives_per_100w(_lo, _hi)``.
    """
    _require(table, ["side", "n_statements", "n_words", *_interval_columns(STANCE_MEASURES)], "the side table")
    table = _one_row_per_side(table, "the stance figure")
    sides = _ordered_sides(table.index)
    em = _em(size)
    fig = _figure(size, em * 26)
    ax = fig.subplots()
    _bars_by_side(ax, table, list(STANCE_MEASURES), sides, horizontal=False, intervals=True)
    ax.set_xticks(range(len(STANCE_MEASURES)), [m.replace("_per_100w", "") for m in STANCE_MEASURES])
    ax.set_ylabel("per 100 words")
    ax.set_ylim(bottom=0)
    ax.grid(axis="x", visible=False)
    ax.grid(axis="y", visible=True)
    n = {s: f"n = {_fmt_n(table.at[s, 'n_statements'])} statements, {_fmt_n(table.at[s, 'n_words'])} words"
         for s in sides}
    fig.legend(handles=_side_handles(sides, "bar", n), loc="outside lower center", ncols=min(len(sides), 2))
    _title(fig, size, "Hedges, boosters and directives per 100 words, by side",
           "Counts of lexicon matches per 100 words of each side's statements, all meetings pooled; "
           "error bars: 95% bootstrap interval over statements; n in the legend.")
    return fig


# --------------------------------------------------------------------------- 3. distinctive terms

@_styled
def plot_distinctive_terms(terms: pd.DataFrame, n: int = 10, groups: tuple[str, str] = ("us", "china"),
                           size: str = "paper") -> Figure:
    """The ``n`` most distinctive terms of each of two sides, as mirrored bars of z-scores.

    ``terms`` is :func:`analysis.distinctive_terms` output (``term, group, count,
    zscore, log_odds``; ``n_group`` is used for the caption when present). Only
    terms with a positive z-score for their group are drawn; the dashed line is
    z = 1.96.
    """
    _require(terms, ["term", "group", "count", "zscore", "log_odds"], "the distinctive-terms frame")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n!r}")
    present = set(terms["group"].astype(str))
    missing = [g for g in groups if g not in present]
    if missing:
        raise ValueError(f"the distinctive-terms frame has no rows for group(s) {missing}; groups: {sorted(present)}")
    tops = {}
    for g in groups:
        part = terms[(terms["group"].astype(str) == g) & (terms["zscore"] > 0)]
        tops[g] = part.sort_values(["zscore", "term"], ascending=[False, True]).head(n)
    rows = max(1, max(len(t) for t in tops.values()))
    em = _em(size)
    fig = _figure(size, em * (5 + 2.0 * rows))
    axes = fig.subplots(1, 2)
    zmax = max([float(t["zscore"].max()) for t in tops.values() if len(t)] + [2.5]) * 1.08
    for k, (ax, g) in enumerate(zip(axes, groups)):
        st = side_style(g)
        top = tops[g]
        y = np.arange(len(top))
        ax.barh(y, top["zscore"].to_numpy(float), height=0.7, color=st["color"], edgecolor="black",
                hatch=st["hatch"], zorder=2)
        ax.set_yticks(y, [f"{t} ({c})" for t, c in zip(top["term"], top["count"])])
        ax.set_ylim(rows - 0.5, -0.5)
        ax.set_xlim(0, zmax)
        ax.axvline(1.96, color="#555555", lw=0.7, ls="--", zorder=3)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("z-score")
        title = f"more {st['label']}"
        if "n_group" in top.columns and len(top):
            title += f" (n = {_fmt_n(top['n_group'].iloc[0])} words)"
        ax.set_title(title, color=st["color"], loc="right" if k == 0 else "left")
        if k == 0:
            ax.invert_xaxis()
            ax.spines["left"].set_visible(False)
            ax.spines["right"].set_visible(True)
            ax.yaxis.tick_left()
        else:
            ax.yaxis.tick_right()
        if not len(top):
            ax.text(0.5, 0.5, "no term with z > 0", transform=ax.transAxes, ha="center", color="#777777")
    labels = [side_style(g)["label"] for g in groups]
    _title(fig, size, f"{labels[0]} vs {labels[1]}: the words that set each side's statements apart",
           f"Top {n} terms per side by z-score of the weighted log-odds ratio with an informative Dirichlet "
           f"prior (Monroe et al. 2008); count in brackets; dashed line: z = 1.96.")
    return fig


# --------------------------------------------------------------------------- 4. similarity heatmap

@_styled
def plot_similarity(sim: pd.DataFrame, size: str = "paper", show_diagonal: bool = False) -> Figure:
    """Heatmap of cosine similarity between articles (or any units), every value written in its cell.

    ``sim`` is :func:`analysis.similarity` output: ``unit_a, unit_b, cosine``.
    The diagonal (each unit with itself, always 1) is left blank unless
    ``show_diagonal``, so the colour scale spans the values that differ.
    """
    _require(sim, ["unit_a", "unit_b", "cosine"], "the similarity frame")
    units = list(dict.fromkeys([*sim["unit_a"].astype(str), *sim["unit_b"].astype(str)]))
    matrix = (sim.assign(unit_a=sim["unit_a"].astype(str), unit_b=sim["unit_b"].astype(str))
              .pivot_table(index="unit_a", columns="unit_b", values="cosine", aggfunc="mean")
              .reindex(index=units, columns=units))
    values = matrix.to_numpy(float, copy=True)
    if not show_diagonal:
        np.fill_diagonal(values, np.nan)
    off = values[~np.eye(len(units), dtype=bool)]
    off = off[~np.isnan(off)]
    vmax = 1.0 if show_diagonal or not off.size else max(0.1, float(np.ceil(off.max() * 10) / 10))
    em = _em(size)
    side = min(_size(size)["width"] * 0.62, em * (10 + 4.2 * len(units)))
    fig = _figure(size, side + em * 5)
    ax = fig.subplots()
    mesh = ax.pcolormesh(np.ma.masked_invalid(values), cmap="cividis", vmin=0, vmax=vmax,
                         edgecolors="white", linewidth=0.8)
    ax.set_aspect("equal")
    labels = [_wrap_id(u, 16) for u in units]
    ax.set_xticks(np.arange(len(units)) + 0.5, labels, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(np.arange(len(units)) + 0.5, labels)
    ax.set_xlim(0, len(units))
    ax.set_ylim(len(units), 0)
    ax.tick_params(length=0)
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    fs = "small" if len(units) <= 8 else "x-small"
    for i in range(len(units)):
        for j in range(len(units)):
            v = values[i, j]
            if not np.isnan(v):
                ax.text(j + 0.5, i + 0.5, f"{v:.2f}", ha="center", va="center", fontsize=fs,
                        color="black" if v >= 0.55 * vmax else "white")
    fig.colorbar(mesh, ax=ax, shrink=0.8, label="cosine similarity")
    _title(fig, size, "How alike the articles' vocabularies are",
           f"Cosine similarity of TF-IDF vectors (words and word pairs, English stop words removed)"
           + ("" if show_diagonal else "; diagonal (each article with itself, 1.00) left blank")
           + f"; n = {len(units)} articles.")
    return fig


# --------------------------------------------------------------------------- 5. sentiment along articles

@_styled
def plot_sentiment_along_articles(paragraphs: pd.DataFrame, size: str = "paper") -> Figure:
    """One small panel per article: mean sentence compound (stock and diplomacy-aware) by paragraph.

    ``paragraphs`` is :func:`analysis.score_paragraphs` output (``doc_id, para,
    compound, compound_diplomatic``). Articles are drawn in the frame's order.
    """
    _require(paragraphs, ["doc_id", "para", *MEETING_TABLE_MEASURES], "the paragraph frame")
    docs = list(dict.fromkeys(paragraphs["doc_id"].astype(str)))
    ncols = 2 if size == "column" else 3
    nrows = -(-(len(docs) + 1) // ncols)  # one spare cell for the legend
    em = _em(size)
    fig = _figure(size, em * (3 + 11 * nrows))
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharey=True, squeeze=False)).ravel()
    for ax, doc in zip(axes, docs):
        part = paragraphs[paragraphs["doc_id"].astype(str) == doc].sort_values("para")
        ax.axhspan(-0.05, 0.05, color="#EEEEEE", lw=0, zorder=0)
        ax.axhline(0, color="#888888", lw=0.6, zorder=1)
        for measure, st in MEASURE_STYLE.items():
            ax.plot(part["para"], part[measure], color=st["color"], marker=st["marker"], linestyle=st["linestyle"],
                    markersize=mpl.rcParams["lines.markersize"] * 0.75, zorder=2, label=st["label"])
        ax.set_title(f"{doc} (n = {len(part)})", loc="left", fontweight="normal")
        ax.set_ylim(-1.05, 1.05)
        ax.set_yticks([-1, -0.5, 0, 0.5, 1])
        lo, hi = int(part["para"].min()), int(part["para"].max())
        ax.set_xlim(lo - 0.5, hi + 0.5)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", visible=True)
        ax.grid(axis="x", visible=False)
    for i, ax in enumerate(axes):
        if i % ncols == 0 and i < len(docs):
            ax.set_ylabel("mean compound")
        if i >= len(docs):
            ax.set_axis_off()
        elif i + ncols >= len(docs):
            ax.set_xlabel("paragraph")
    spare = axes[len(docs)]
    handles = [Line2D([], [], color=st["color"], marker=st["marker"], linestyle=st["linestyle"], label=st["label"])
               for st in MEASURE_STYLE.values()]
    handles.append(Patch(facecolor="#EEEEEE", label="neutral band (±0.05)"))
    spare.legend(handles=handles, loc="center", title="mean sentence compound")
    _title(fig, size, "Sentiment along each article, paragraph by paragraph",
           f"Mean VADER compound of each paragraph's sentences, stock and diplomacy-aware; "
           f"n = {_fmt_n(len(paragraphs))} paragraphs in {len(docs)} articles (n per panel).")
    return fig


# --------------------------------------------------------------------------- 6. framing by side

@_styled
def plot_framing_by_side(table: pd.DataFrame, size: str = "paper") -> Figure:
    """Framing categories per 100 words by side (intervals drawn when ``_lo``/``_hi`` columns exist).

    ``table`` has one row per side (``compare_sides(scored, by=None)``) with
    ``side, n_statements, n_words`` and ``frame_<category>_per_100w`` columns.
    """
    _require(table, ["side", "n_statements", "n_words"], "the side table")
    measures = [c for c in table.columns if _FRAME_COLUMN.match(str(c))]
    if not measures:
        raise ValueError("the side table has no column(s) 'frame_<category>_per_100w'; "
                         f"it has {list(table.columns)}")
    intervals = all(f"{m}_{e}" in table.columns for m in measures for e in ("lo", "hi"))
    table = _one_row_per_side(table, "the framing figure")
    sides = _ordered_sides(table.index)
    em = _em(size)
    fig = _figure(size, em * (7 + 2.2 * len(measures) * max(1, len(sides) / 2)))
    ax = fig.subplots()
    _bars_by_side(ax, table, measures, sides, horizontal=True, intervals=intervals)
    ax.set_yticks(range(len(measures)), [_label(_FRAME_COLUMN.match(m).group(1)) for m in measures])
    ax.set_ylim(len(measures) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("matches per 100 words")
    ax.set_xlim(left=0)
    n = {s: f"n = {_fmt_n(table.at[s, 'n_statements'])} statements, {_fmt_n(table.at[s, 'n_words'])} words"
         for s in sides}
    fig.legend(handles=_side_handles(sides, "bar", n), loc="outside lower center", ncols=min(len(sides), 2))
    _title(fig, size, "Framing categories per 100 words, by side",
           "Matches of each framing lexicon per 100 words of each side's statements, all meetings pooled"
           + ("; error bars: 95% bootstrap interval" if intervals else "") + "; n in the legend.")
    return fig


# --------------------------------------------------------------------------- saving

def _write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file in the same folder; skip identical content.

    Returns True when the file was (re)written.
    """
    if path.is_file() and path.read_bytes() == data:
        return False
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


def figure_bytes(fig: Figure, fmt: str, dpi: int = DPI) -> bytes:
    """The file content of ``fig`` in ``fmt`` (png, svg or pdf), reproducible byte for byte.

    Dates are left out of the metadata, the SVG id salt and font settings are
    fixed, and matplotlib's ``SOURCE_DATE_EPOCH`` fallback is never reached (no
    date is requested). The project style (at the size the figure was drawn for)
    is in force while saving, so a personal matplotlibrc changes nothing. PNG is
    rendered with Agg.
    """
    if fmt not in SAVE_METADATA:
        raise ValueError(f"format must be one of {list(SAVE_METADATA)}, got {fmt!r}")
    buf = io.BytesIO()
    with style_context(getattr(fig, "framing_size", "paper")), mpl.rc_context(SAVE_RC):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=dict(SAVE_METADATA[fmt]))
    return buf.getvalue()


def save_figure(fig: Figure, name: str, out_dir: str | Path = FIGURE_DIR, formats: Iterable[str] = FORMATS,
                dpi: int = DPI) -> list[Path]:
    """Write ``fig`` as ``out_dir/name.png`` (``dpi``), ``.svg`` and ``.pdf``; returns the paths.

    Each file is written whole (temporary file, then renamed) and only when its
    content changed, so saving the same figure again changes no byte and no
    modification time.
    """
    if not name or Path(name).name != name or name.startswith("."):
        raise ValueError(f"name must be a plain file name without folder or extension, got {name!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out / f"{name}.{fmt}"
        _write_bytes_atomic(path, figure_bytes(fig, fmt, dpi))
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- all figures

#: File name (without extension) of each figure written by make_figures, in order.
FIGURE_NAMES = ("sentiment_by_side", "stance_by_side", "distinctive_terms", "similarity",
                "sentiment_along_articles", "framing_by_side")


def figure_inputs(corpus_dir: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The frames the figures are drawn from, computed from a corpus folder.

    Keys: ``meeting_table`` (meeting × side), ``side_table`` (pooled per side),
    ``terms`` (US vs China distinctive terms), ``similarity`` (articles),
    ``paragraphs`` (scored paragraphs).
    """
    from analysis import attribute_sentences, distinctive_terms, load_corpus, score_paragraphs, score_sentences, similarity
    from analysis.compare.sides import compare_sides, select_statements

    corpus = load_corpus(corpus_dir)
    scored = score_sentences(attribute_sentences(corpus))
    statements = select_statements(scored, ("us", "china"))
    meeting_table = compare_sides(scored, by="meeting_id")
    meetings = corpus.tables.get("meetings")
    if meetings is not None and "meeting_id" in meetings.columns:
        # Draw meetings in the order the corpus lists them (meetings.csv), not alphabetically.
        order = {m: i for i, m in enumerate(meetings["meeting_id"].astype(str))}
        rank = meeting_table["meeting_id"].astype(str).map(order).fillna(len(order))
        meeting_table = (meeting_table.assign(_rank=rank).sort_values("_rank", kind="stable")
                         .drop(columns="_rank").reset_index(drop=True))
    return {
        "meeting_table": meeting_table,
        "side_table": compare_sides(scored, by=None),
        "terms": distinctive_terms(statements, by="side", groups=("us", "china"), background=scored),
        "similarity": similarity(corpus.paragraphs, by="doc_id"),
        "paragraphs": score_paragraphs(corpus.paragraphs, scored),
    }


def draw_figures(inputs: dict[str, pd.DataFrame], size: str = "paper") -> dict[str, Figure]:
    """Every figure from :func:`figure_inputs`' frames, keyed by file name."""
    return {
        "sentiment_by_side": plot_sentiment_by_side(inputs["meeting_table"], size=size),
        "stance_by_side": plot_stance_by_side(inputs["side_table"], size=size),
        "distinctive_terms": plot_distinctive_terms(inputs["terms"], size=size),
        "similarity": plot_similarity(inputs["similarity"], size=size),
        "sentiment_along_articles": plot_sentiment_along_articles(inputs["paragraphs"], size=size),
        "framing_by_side": plot_framing_by_side(inputs["side_table"], size=size),
    }


def make_figures(corpus_dir: str | Path | None = None, out_dir: str | Path = FIGURE_DIR, size: str = "paper",
                 progress: Callable[[str], None] | None = None) -> list[Path]:
    """Load and score a corpus, draw every figure and save each as PNG, SVG and PDF in ``out_dir``.

    ``progress``, when given, is called with a short message before each step
    (e.g. ``lambda m: print(m, file=sys.stderr)``). Returns the written paths.
    """
    say = progress or (lambda message: None)
    say("figures: loading, attributing and scoring the corpus")
    inputs = figure_inputs(corpus_dir)
    paths: list[Path] = []
    figures = draw_figures(inputs, size=size)
    for i, (name, fig) in enumerate(figures.items(), 1):
        say(f"figures: [{i}/{len(figures)}] {name} (png, svg, pdf)")
        paths.extend(save_figure(fig, name, out_dir))
    say(f"figures: wrote {len(paths)} files to {out_dir}")
    return paths
