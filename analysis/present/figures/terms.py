"""The words that set two sides apart: mirrored bars of log-odds z-scores."""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.present.figures.inputs import TERMS_HINT, require
from analysis.present.figures.style import (MUTED_COLOR, add_title, em, fmt_n, new_figure, refit_texts, side_style,
                                            styled)

#: Terms drawn per side by default: enough to see a pattern, few enough to read every label.
TOP_TERMS = 10
#: |z| above which a log-odds difference is significant at the two-sided 5% level (the dashed line).
Z_95 = 1.96
#: The z axis reaches at least this far, so the 1.96 line is always inside it.
MIN_Z_AXIS = 2.5
#: Room to the right of the longest bar, as a factor of its z.
Z_AXIS_MARGIN = 1.08
#: Bar thickness as a share of a term's row.
TERM_BAR_HEIGHT = 0.7
#: Figure height in text lines: fixed part (titles, axis label), and per term row.
TERMS_FRAME_LINES, LINES_PER_TERM = 5, 2.0
#: Colour and width of the z = 1.96 line: visible over the bars without hiding them.
Z_LINE_COLOR, Z_LINE_WIDTH = "#555555", 0.7


@styled
def plot_distinctive_terms(terms: pd.DataFrame, n: int = TOP_TERMS, groups: tuple[str, str] = ("us", "china"),
                           size: str = "paper") -> Figure:
    """The ``n`` most distinctive terms of each of two sides, as mirrored bars of z-scores.

    ``terms`` is :func:`analysis.distinctive_terms` output (``term, group, count,
    zscore, log_odds``; ``n_group`` is used for the caption when present). Only
    terms with a positive z-score for their group are drawn; the dashed line is
    z = 1.96.
    """
    tops = _top_terms(terms, n, groups)
    rows = max(1, max(len(t) for t in tops.values()))
    fig = new_figure(size, em(size) * (TERMS_FRAME_LINES + LINES_PER_TERM * rows))
    axes = fig.subplots(1, 2)
    zmax = max([float(t["zscore"].max()) for t in tops.values() if len(t)] + [MIN_Z_AXIS]) * Z_AXIS_MARGIN
    titles = [_term_panel(ax, tops[g], side_style(g), rows, zmax, mirrored=k == 0)
              for k, (ax, g) in enumerate(zip(axes, groups))]
    labels = [side_style(g)["label"] for g in groups]
    add_title(fig, size, f"{labels[0]} vs {labels[1]}: the words that set each side's statements apart",
              f"Top {n} terms per side by z-score of the weighted log-odds ratio with an informative Dirichlet "
              f"prior (Monroe et al. 2008); count in brackets; dashed line: z = {Z_95}.")
    # "more US (n = 10,979 words)" can be wider than half a column figure: the n then gets its own line.
    refit_texts(fig, [(t, t.get_text().replace(" (n", "\n(n"), lambda: fig.bbox) for t in titles], together=True)
    return fig


def _top_terms(terms: pd.DataFrame, n: int, groups: tuple[str, str]) -> dict[str, pd.DataFrame]:
    """The checked frame's ``n`` terms with the highest positive z-score, per group (ties by term)."""
    require(terms, ["term", "group", "count", "zscore", "log_odds"], "the distinctive-terms frame", TERMS_HINT)
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
    return tops


def _term_panel(ax, top: pd.DataFrame, st: dict, rows: int, zmax: float, mirrored: bool):
    """One side's bars, labelled ``term (count)``; the ``mirrored`` panel grows to the left. Returns the title."""
    y = np.arange(len(top))
    ax.barh(y, top["zscore"].to_numpy(float), height=TERM_BAR_HEIGHT, color=st["color"], edgecolor="black",
            hatch=st["hatch"], zorder=2)
    ax.set_yticks(y, [f"{t} ({c})" for t, c in zip(top["term"], top["count"])])
    ax.set_ylim(rows - 0.5, -0.5)
    ax.set_xlim(0, zmax)
    ax.axvline(Z_95, color=Z_LINE_COLOR, lw=Z_LINE_WIDTH, ls="--", zorder=3)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("z-score")
    title = f"more {st['label']}"
    if "n_group" in top.columns and len(top):
        title += f" (n = {fmt_n(top['n_group'].iloc[0])} words)"
    title = ax.set_title(title, color=st["color"], loc="right" if mirrored else "left")
    if mirrored:
        ax.invert_xaxis()
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(True)
        ax.yaxis.tick_left()
    else:
        ax.yaxis.tick_right()
    if not len(top):
        ax.text(0.5, 0.5, "no term with z > 0", transform=ax.transAxes, ha="center", color=MUTED_COLOR)
    return title
