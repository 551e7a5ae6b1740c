"""How alike the articles are: a heatmap of cosine similarity, every value written in its cell."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.present.figures.inputs import SIMILARITY_HINT, require
from analysis.present.figures.style import add_title, check_size, em, new_figure, styled, wrap_id

#: A perceptually uniform map that colour-blind readers and grayscale prints see in the same order.
COLORMAP = "cividis"
#: The colour scale ends at the largest value rounded up to a tenth, and never below this.
MIN_VMAX = 0.1
#: Largest heatmap side as a share of the figure width (the colour bar takes the rest).
MAX_HEATMAP_SHARE = 0.62
#: Heatmap side in text lines: fixed part (tick labels), and per unit.
HEATMAP_FRAME_LINES, LINES_PER_UNIT = 10, 4.2
#: Text lines below the heatmap for the rotated labels.
LABEL_LINES = 5
#: Characters per line of a wrapped unit id.
UNIT_LABEL_CHARS = 16
#: Rotation of the column labels (degrees): long ids stay readable without overlapping.
LABEL_ROTATION = 40
#: White gaps between cells (points), so neighbouring cells of similar colour stay apart.
CELL_GAP = 0.8
#: Above this many units the cell values are written smaller.
SMALL_TEXT_ABOVE = 8
#: Cell text is black on cells lighter than this share of the scale, else white (cividis is light at the top).
DARK_TEXT_FROM = 0.55
#: Colour bar length as a share of the heatmap's height.
COLORBAR_SHRINK = 0.8


@styled
def plot_similarity(sim: pd.DataFrame, size: str = "paper", show_diagonal: bool = False) -> Figure:
    """Heatmap of cosine similarity between articles (or any units), every value written in its cell.

    ``sim`` is :func:`analysis.similarity` output: ``unit_a, unit_b, cosine``.
    The diagonal (each unit with itself, always 1) is left blank unless
    ``show_diagonal``, so the colour scale spans the values that differ.
    """
    require(sim, ["unit_a", "unit_b", "cosine"], "the similarity frame", SIMILARITY_HINT)
    units, values, vmax = _similarity_matrix(sim, show_diagonal)
    e = em(size)
    side = min(check_size(size)["width"] * MAX_HEATMAP_SHARE, e * (HEATMAP_FRAME_LINES + LINES_PER_UNIT * len(units)))
    fig = new_figure(size, side + e * LABEL_LINES)
    ax = fig.subplots()
    mesh = ax.pcolormesh(np.ma.masked_invalid(values), cmap=COLORMAP, vmin=0, vmax=vmax,
                         edgecolors="white", linewidth=CELL_GAP)
    ax.set_aspect("equal")
    labels = [wrap_id(u, UNIT_LABEL_CHARS) for u in units]
    ax.set_xticks(np.arange(len(units)) + 0.5, labels, rotation=LABEL_ROTATION, ha="right", rotation_mode="anchor")
    ax.set_yticks(np.arange(len(units)) + 0.5, labels)
    ax.set_xlim(0, len(units))
    ax.set_ylim(len(units), 0)
    ax.tick_params(length=0)
    ax.grid(False)
    for s in ax.spines.values():
        s.set_visible(False)
    _write_cells(ax, values, vmax)
    fig.colorbar(mesh, ax=ax, shrink=COLORBAR_SHRINK, label="cosine similarity")
    add_title(fig, size, "How alike the articles' vocabularies are",
              f"Cosine similarity of TF-IDF vectors (words and word pairs, English stop words removed)"
              + ("" if show_diagonal else "; diagonal (each article with itself, 1.00) left blank")
              + f"; n = {len(units)} articles.")
    return fig


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
