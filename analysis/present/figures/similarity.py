"""How alike the articles are: a heatmap of cosine similarity, each value written in its cell while they fit."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.present.figures.inputs import SIMILARITY_HINT, require
from analysis.present.figures.style import (FONT_STEP, LAYOUT_PAD, POINTS_PER_INCH, add_title, check_size, em,
                                            new_figure, styled, title_height, title_lines, wrap_id)

#: A perceptually uniform map that colour-blind readers and grayscale prints see in the same order.
COLORMAP = "cividis"
#: The colour scale ends at the largest value rounded up to a tenth, and never below this.
MIN_VMAX = 0.1
#: Largest heatmap side as a share of the figure width (the colour bar takes the rest).
MAX_HEATMAP_SHARE = 0.62
#: Heatmap side in text lines: fixed part (tick labels), and per unit.
HEATMAP_FRAME_LINES, LINES_PER_UNIT = 10, 4.2
#: Text lines below the heatmap for the slanted labels; upright ones get their length in glyphs
#: (DejaVu Sans ids average about 0.5 em a character).
LABEL_LINES, LABEL_GLYPH_EM = 5, 0.55
#: Characters per line of a wrapped unit id.
UNIT_LABEL_CHARS = 16
#: Rotation of the column labels (degrees): long ids stay readable without overlapping ...
LABEL_ROTATION = 40
#: ... and upright when only every k-th unit is named or the cells are narrower than this (inches):
#: labels that close together would overlap at a slant.
UPRIGHT_LABEL_ROTATION, MIN_SLANTED_CELL = 90, 0.5
#: White gaps between cells (points), so neighbouring cells of similar colour stay apart ...
CELL_GAP = 0.8
#: ... on cells at least this wide (inches); on smaller ones the gaps would hide the colours.
MIN_GAPPED_CELL = 0.15
#: Above this many units the cell values are written smaller.
SMALL_TEXT_ABOVE = 8
#: Past 12 × 12 cells the written values overprint each other; the colour bar alone gives the values.
MAX_LABELLED_CELLS = 144
#: A unit label needs this many tick-label lines of height; past what fits, only every k-th unit is named.
LINES_PER_LABEL = 1.5
#: Cell text is black on cells lighter than this share of the scale, else white (cividis is light at the top).
DARK_TEXT_FROM = 0.55
#: The figure's title (its caption says what is measured and the n).
TITLE = "How alike the articles' vocabularies are"
#: Colour bar length as a share of the heatmap's height.
COLORBAR_SHRINK = 0.8
#: Width (text lines) kept right of the heatmap for the colour bar (bar, tick labels, label, gaps), generously:
#: a square planned narrower than its box is drawn full height, so constrained layout places its labels right.
COLORBAR_LINES = 10


@styled
def plot_similarity(sim: pd.DataFrame, size: str = "paper", show_diagonal: bool = False) -> Figure:
    """Heatmap of cosine similarity between articles (or any units), each value written in its cell.

    ``sim`` is :func:`analysis.similarity` output: ``unit_a, unit_b, cosine``.
    The diagonal (each unit with itself, always 1) is left blank unless
    ``show_diagonal``, so the colour scale spans the values that differ. Past
    :data:`MAX_LABELLED_CELLS` cells the values are not written (read them off
    the colour bar), and when the labels would not fit only every k-th unit is named.
    """
    require(sim, ["unit_a", "unit_b", "cosine"], "the similarity frame", SIMILARITY_HINT)
    units, values, vmax = _similarity_matrix(sim, show_diagonal)
    n, labelled = len(units), values.size <= MAX_LABELLED_CELLS
    side, (at, labels, step), slanted, detail = _layout(units, size, show_diagonal, labelled)
    fig = new_figure(size, side + _label_room(size, labels, slanted))
    if not slanted:  # upright labels grow and shrink with the resolution like widths do
        fig.get_layout_engine().set(h_pad=LAYOUT_PAD)
    ax = fig.subplots()
    mesh = ax.pcolormesh(np.ma.masked_invalid(values), cmap=COLORMAP, vmin=0, vmax=vmax, edgecolors="white",
                         linewidth=CELL_GAP if side / max(n, 1) >= MIN_GAPPED_CELL else 0)
    ax.set_aspect("equal")
    ax.set_xticks(at + 0.5, labels, rotation=LABEL_ROTATION if slanted else UPRIGHT_LABEL_ROTATION, ha="right",
                  va="top" if slanted else "center", rotation_mode="anchor")
    ax.set_yticks(at + 0.5, labels)
    ax.set_xlim(0, n)
    ax.set_ylim(n, 0)
    ax.tick_params(length=0)
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    if labelled:
        _write_cells(ax, values, vmax)
    fig.colorbar(mesh, ax=ax, shrink=COLORBAR_SHRINK, label="cosine similarity")
    add_title(fig, size, TITLE, detail)
    return fig


def _layout(units: list[str], size: str, show_diagonal: bool, labelled: bool) -> tuple:
    """The heatmap's side (inches), its labels (:func:`_unit_labels`), whether they slant, and the caption.

    The side is what the units need, at most :data:`MAX_HEATMAP_SHARE` of the
    width, and small enough that heatmap, labels and title fit the size's height.
    """
    s, e = check_size(size), em(size)
    side = min(s["width"] * MAX_HEATMAP_SHARE, e * (HEATMAP_FRAME_LINES + LINES_PER_UNIT * len(units)))
    for _ in range(3):  # a smaller side may need sparser labels, which need other room
        at, labels, step = _unit_labels(units, size, side)
        slanted = step == 1 and side / max(len(units), 1) >= MIN_SLANTED_CELL
        detail = _caption(len(units), show_diagonal, labelled, step)
        room = min(s["max_height"] - _label_room(size, labels, slanted)
                   - title_height(size, len(title_lines(size, TITLE, detail))),
                   s["width"] - _label_room(size, labels, False) - e * COLORBAR_LINES)  # row labels, colour bar
        if side <= room:
            break
        side = room
    return side, (at, labels, step), slanted, detail


def _label_room(size: str, labels: list[str], slanted: bool) -> float:
    """Inches the unit labels take across their axis: a few text lines when slanted, else their longest line."""
    s = check_size(size)
    if slanted:
        return em(size) * LABEL_LINES
    longest = max(len(line) for text in labels for line in text.split("\n"))
    return (longest + 1) * (s["font"] - FONT_STEP) * LABEL_GLYPH_EM / POINTS_PER_INCH


def _caption(n: int, show_diagonal: bool, labelled: bool, step: int) -> str:
    return ("Cosine similarity of TF-IDF vectors (words and word pairs, English stop words removed)"
            + ("" if show_diagonal else "; diagonal (each article with itself, 1.00) left blank")
            + ("" if labelled else "; too many cells to write each value: read the colour bar")
            + ("" if step == 1 else f"; every {_ordinal(step)} article named")
            + f"; n = {n} articles.")


def _unit_labels(units: list[str], size: str, side: float) -> tuple[np.ndarray, list[str], int]:
    """Where the unit labels go, the labels, and the step: every unit, its id wrapped over lines, when
    that fits along a heatmap side of ``side`` inches; else one line each, every ``step``-th unit."""
    line = (check_size(size)["font"] - FONT_STEP) / POINTS_PER_INCH * LINES_PER_LABEL
    wrapped = [wrap_id(u, UNIT_LABEL_CHARS) for u in units]
    if sum(w.count("\n") + 1 for w in wrapped) * line <= side:
        return np.arange(len(units)), wrapped, 1
    step = max(1, int(np.ceil(len(units) * line / side)))
    at = np.arange(0, len(units), step)
    return at, [units[i] for i in at], step


def _ordinal(k: int) -> str:
    """``2`` -> ``2nd``, ``3`` -> ``3rd``, ``11`` -> ``11th``."""
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _similarity_matrix(sim: pd.DataFrame, show_diagonal: bool) -> tuple[list[str], np.ndarray, float]:
    """The units in order of appearance, their square matrix (NaN: not drawn) and the top of the colour scale."""
    units = list(dict.fromkeys([*sim["unit_a"].astype(str), *sim["unit_b"].astype(str)]))
    matrix = (sim.assign(unit_a=sim["unit_a"].astype(str), unit_b=sim["unit_b"].astype(str))
              .pivot_table(index="unit_a", columns="unit_b", values="cosine", aggfunc="mean")
              .reindex(index=units, columns=units))
    values = matrix.to_numpy(float, copy=True)
    if not show_diagonal:
        np.fill_diagonal(values, np.nan)
    off = values[~np.eye(len(units), dtype=bool)]
    off = off[~np.isnan(off)]
    vmax = 1.0 if show_diagonal or not off.size else max(MIN_VMAX, float(np.ceil(off.max() * 10) / 10))
    return units, values, vmax


def _write_cells(ax, values: np.ndarray, vmax: float) -> None:
    """Each drawn cell's value, in a colour that contrasts with the cell."""
    fs = "small" if len(values) <= SMALL_TEXT_ABOVE else "x-small"
    for i in range(len(values)):
        for j in range(len(values)):
            v = values[i, j]
            if not np.isnan(v):
                ax.text(j + 0.5, i + 0.5, f"{v:.2f}", ha="center", va="center", fontsize=fs,
                        color="black" if v >= DARK_TEXT_FROM * vmax else "white")
