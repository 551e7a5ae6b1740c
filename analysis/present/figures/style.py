"""The look of every figure: sizes, rcParams, the side palette, figure creation, titles and labels.

Helpers without a leading underscore are shared by the figure modules of this
package; the public ones are re-exported by :mod:`analysis.present.figures`.
"""
from __future__ import annotations

import functools
import inspect
import re
import textwrap
from contextlib import contextmanager
from typing import Iterable

import matplotlib as mpl
import matplotlib.style
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.paths import STYLE_FILE

# STYLE_FILE: the project style sheet (fonts, line widths, grid, reproducible-output settings).

# --------------------------------------------------------------------------- palette

#: One style per side: Okabe–Ito colour, a marker for points and a hatch for bars.
SIDE_STYLE: dict[str, dict[str, str]] = {
    "us": {"color": "#0072B2", "marker": "o", "hatch": "////", "label": "US"},
    "china": {"color": "#D55E00", "marker": "s", "hatch": "....", "label": "China"},
    "press": {"color": "#009E73", "marker": "^", "hatch": "\\\\\\\\", "label": "press"},
    "third-party": {"color": "#CC79A7", "marker": "D", "hatch": "xxxx", "label": "third party"},
}
#: Sides in the order they are drawn and listed.
SIDE_ORDER = tuple(SIDE_STYLE)
#: A side the palette does not know: neutral grey, labelled with its own name.
_OTHER_SIDE = {"color": "#777777", "marker": "v", "hatch": "++++", "label": None}

#: Stock and diplomacy-aware VADER: not sides, so colours the sides do not use.
MEASURE_STYLE: dict[str, dict[str, str]] = {
    "compound": {"color": "#000000", "marker": "o", "linestyle": "-", "label": "stock VADER"},
    "compound_diplomatic": {"color": "#E69F00", "marker": "^", "linestyle": "--", "label": "diplomacy-aware"},
}

#: Muted grey for secondary text (n = 0, "no term"): readable, but behind the data.
MUTED_COLOR = "#777777"
#: Light grey of the neutral band behind sentiment points and lines.
NEUTRAL_BAND_COLOR = "#EEEEEE"
#: Mid grey of the zero line: visible without competing with the sides' colours.
ZERO_LINE_COLOR = "#888888"
#: Width of the zero line (points): thinner than the data lines.
ZERO_LINE_WIDTH = 0.6

# --------------------------------------------------------------------------- sizes and rcParams

#: Figure sizes: width in inches and base font size in points.
#: ``paper`` spans both columns of a two-column page, ``column`` fits one column,
#: ``slide`` fills most of a 16:9 slide (13.33 x 7.5 in) and reads from the back of a room.
SIZES: dict[str, dict[str, float]] = {
    "paper": {"width": 7.0, "font": 8.0, "max_height": 9.0, "label_width": 22},
    "column": {"width": 3.5, "font": 7.0, "max_height": 9.0, "label_width": 19},
    "slide": {"width": 12.0, "font": 14.0, "max_height": 7.5, "label_width": 40},
}
POINTS_PER_INCH = 72
#: Tick labels and legends are this many points smaller than the text, the figure title this much larger.
FONT_STEP = 1
#: Line, marker and tick sizes (points) at the paper size; other sizes scale them with the font.
PAPER_LINES = {
    "lines.linewidth": 1.2, "lines.markersize": 4.5, "errorbar.capsize": 2,
    "axes.linewidth": 0.6, "grid.linewidth": 0.5, "patch.linewidth": 0.6,
    "hatch.linewidth": 0.6, "xtick.major.width": 0.6, "ytick.major.width": 0.6,
    "xtick.major.size": 3, "ytick.major.size": 3,
}
#: Default height as a share of the width (each plot function sets its own height).
DEFAULT_ASPECT = 0.6
#: Resolution of the PNG a notebook shows: sharp on screen, small in the saved notebook.
NOTEBOOK_DPI = 110
#: Smallest body height (inches), so a figure with little data still has room for its axes.
MIN_BODY_HEIGHT = 1.2
#: Average glyph width in em, to count how many caption characters fit on a line.
GLYPH_WIDTH_EM = 0.6
#: Line spacing of the title and caption block.
TITLE_LINESPACING = 1.3
#: Extra height (in text lines) the figure grows by for the title block's margins.
TITLE_PAD_LINES = 0.8
#: Left edge of the title block, as a share of the figure width (left-aligned like a caption).
TITLE_X = 0.01
#: Resolution the figures are laid out at (and text measured at): the saved PNG's. Hinted text is up to
#: 5% wider or narrower at other resolutions (narrowest at 100 dpi, wide at 90 and 110); at 300 dpi it
#: is close to its width in the SVG and PDF.
LAYOUT_DPI = 300
#: Constrained-layout padding (inches) left and right of each axes and at the figure's edges, so that
#: labels laid out at LAYOUT_DPI stay inside when drawn wider (a 1.1 in label at 110 dpi: +0.06 in).
LAYOUT_PAD = 0.1
#: Vertical padding (inches): matplotlib's default, as text heights hardly change with the resolution.
LAYOUT_V_PAD = 3 / 72
#: How far (display pixels) a text may reach past its room before :func:`refit_texts` shortens it.
FIT_TOLERANCE = 0.5


def check_size(size: str) -> dict[str, float]:
    """The :data:`SIZES` entry of ``size``; ValueError naming the choices for an unknown one."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {list(SIZES)}, got {size!r}")
    return SIZES[size]


def style_rc(size: str = "paper") -> dict:
    """The rcParams for ``size`` on top of the style sheet (font sizes scaled from the base size).

    >>> style_rc("slide")["font.size"], style_rc("column")["figure.figsize"][0]
    (14.0, 3.5)
    """
    s = check_size(size)
    f, k = s["font"], s["font"] / SIZES["paper"]["font"]
    small, large = f - FONT_STEP, f + FONT_STEP
    return {
        "font.size": f, "axes.titlesize": f, "axes.labelsize": f,
        "xtick.labelsize": small, "ytick.labelsize": small,
        "legend.fontsize": small, "legend.title_fontsize": small, "figure.titlesize": large,
        **{name: value * k for name, value in PAPER_LINES.items()},
        "figure.figsize": (s["width"], s["width"] * DEFAULT_ASPECT),
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


# --------------------------------------------------------------------------- figures

class FramingFigure(Figure):
    """A matplotlib Figure that remembers its size and shows itself in Jupyter without pyplot."""

    framing_size = "paper"

    def _repr_png_(self) -> bytes:
        from analysis.present.figures.save import figure_bytes  # save imports this module

        return figure_bytes(self, "png", dpi=NOTEBOOK_DPI)


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


def styled(func):
    """Draw ``func``'s figure inside :func:`style_context` at its ``size`` argument."""
    signature = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        size = bound.arguments["size"]
        check_size(size)
        with style_context(size):
            fig = func(*args, **kwargs)
            _freeze_layout(fig)
        fig.framing_size = size
        return fig

    return wrapper


def new_figure(size: str, height: float) -> FramingFigure:
    """A new figure at the width of ``size``, ``height`` inches for the body (:func:`add_title` adds its lines)."""
    s = check_size(size)
    height = float(max(height, MIN_BODY_HEIGHT))
    return FramingFigure(figsize=(s["width"], height), dpi=LAYOUT_DPI,
                         layout=ConstrainedLayoutEngine(w_pad=LAYOUT_PAD, h_pad=LAYOUT_V_PAD))


def em(size: str) -> float:
    """The base font size in inches (heights are counted in text lines)."""
    return check_size(size)["font"] / POINTS_PER_INCH


def title_lines(size: str, title: str, detail: str) -> list[str]:
    """The lines of the title block: the title, then ``detail``, each wrapped to the width of ``size``."""
    s = check_size(size)
    chars = int(s["width"] * POINTS_PER_INCH / ((s["font"] + FONT_STEP) * GLYPH_WIDTH_EM))
    detail = re.sub(r"\bn = (\S+) ", "n\u00a0=\u00a0\\1\u00a0", detail)  # keep "n = 5 articles" on one line
    return [*textwrap.wrap(title, chars, break_on_hyphens=False), *textwrap.wrap(detail, chars, break_on_hyphens=False)]


def title_height(size: str, n_lines: int) -> float:
    """Height (inches) a title block of ``n_lines`` lines adds to a figure of ``size``."""
    title_pt = check_size(size)["font"] + FONT_STEP
    return (n_lines * TITLE_LINESPACING + TITLE_PAD_LINES) * title_pt / POINTS_PER_INCH


def add_title(fig: Figure, size: str, title: str, detail: str) -> None:
    """Title line plus a wrapped line saying what is measured and the n (the figure's caption)."""
    lines = title_lines(size, title, detail)
    fig.suptitle("\n".join(lines), x=TITLE_X, ha="left", linespacing=TITLE_LINESPACING)
    # Constrained layout lays out at draw time, so the figure can grow to make room for the title.
    height = fig.get_figheight() + title_height(size, len(lines))
    fig.set_figheight(min(height, check_size(size)["max_height"]))


def fit_legend(fig: Figure, handles: list, ncols: int, **kwargs):
    """A figure legend of ``handles`` in at most ``ncols`` columns: fewer when it would be wider than the figure.

    The width is measured, not guessed, so "US (n = 54 statements, 1,192 words)"
    entries go one under the other at column width and side by side on paper
    (the figure grows by the rows this adds). Call before :func:`add_title`.
    """
    room = (fig.get_figwidth() - 2 * LAYOUT_PAD) * fig.dpi
    renderer = fig._get_renderer()
    widest = max(1, min(ncols, len(handles)))
    for cols in range(widest, 0, -1):
        legend = fig.legend(handles=handles, ncols=cols, **kwargs)
        if cols == 1 or legend.get_window_extent(renderer).width <= room:
            break
        legend.remove()
    # Each row the legend gains is added to the figure, so the axes keep the height they were given.
    extra_rows = -(-len(handles) // cols) - -(-len(handles) // widest)
    font = FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points()
    row = font * (1 + mpl.rcParams["legend.labelspacing"]) / POINTS_PER_INCH
    fig.set_figheight(fig.get_figheight() + extra_rows * row)
    return legend


def refit_texts(fig: Figure, texts: list, together: bool = False) -> None:
    """Lay ``fig`` out once, then give each text wider than its room its shorter (or wrapped) variant.

    ``texts`` holds ``(text artist, variant, room)``, ``room`` a function of no
    argument returning the display box the text must stay inside (the figure,
    its axes). With ``together``, one text too wide changes them all (titles of
    twin panels stay alike). The final layout is done afterwards, by :func:`styled`.
    """
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    wide = []
    for text, _variant, room in texts:
        box, bounds = text.get_window_extent(renderer), room()
        wide.append(box.x0 < bounds.x0 - FIT_TOLERANCE or box.x1 > bounds.x1 + FIT_TOLERANCE)
    for (text, variant, _room), too_wide in zip(texts, wide):
        if too_wide or (together and any(wide)):
            text.set_text(variant)


# --------------------------------------------------------------------------- sides

def side_style(side: str) -> dict[str, str]:
    """The style of ``side`` (a neutral one, labelled with the side's name, for an unknown side)."""
    style = SIDE_STYLE.get(side)
    return dict(style) if style else {**_OTHER_SIDE, "label": str(side)}


def ordered_sides(values: Iterable) -> list[str]:
    """The distinct sides in ``values``: known ones in :data:`SIDE_ORDER`, then the others as they come."""
    present = list(dict.fromkeys(str(v) for v in values))
    return [s for s in SIDE_ORDER if s in present] + [s for s in present if s not in SIDE_STYLE]


def side_handles(sides: list[str], kind: str, n: dict[str, str] | None = None) -> list:
    """Legend entries for ``sides``: hatched patches (``kind="bar"``) or marker lines, with ``n[side]`` appended."""
    handles = []
    for side in sides:
        st = side_style(side)
        label = st["label"] + (f" ({n[side]})" if n and side in n else "")
        if kind == "bar":
            handles.append(Patch(facecolor=st["color"], edgecolor="black", hatch=st["hatch"], label=label))
        else:
            handles.append(Line2D([], [], color=st["color"], marker=st["marker"], linestyle="-", label=label))
    return handles


# --------------------------------------------------------------------------- labels

#: Readable names of the framing categories (others: underscores become spaces).
FRAME_LABELS = {
    "cooperation_stability": "cooperation, stability",
    "conflict_confrontation": "conflict, confrontation",
    "responsibility_blame": "responsibility, blame",
    "sovereignty_core_interests": "sovereignty, core interests",
    "human_rights_values": "human rights, values",
}
#: Characters per line of a wrapped id when no size-specific width is given (the paper label width).
ID_LINE_CHARS = 22

_GROUP_NOUNS = {"meeting_id": ("meeting", "meetings"), "meeting_date": ("meeting date", "meeting dates"),
                "doc_id": ("article", "articles"), "_group": ("group", "groups")}


def frame_label(name: str) -> str:
    """``human_rights_values`` -> ``human rights, values``."""
    return FRAME_LABELS.get(name, name.replace("_", " "))


def wrap_id(text: str, width: int = ID_LINE_CHARS) -> str:
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


def group_noun(by: str, plural: bool = False) -> str:
    """What the rows grouped ``by`` a column are called in a caption (``meeting_id`` -> ``meeting``)."""
    one, many = _GROUP_NOUNS.get(by, (by.replace("_", " "), f"values of {by}"))
    return many if plural else one


def fmt_n(n) -> str:
    """A count with thousands separators: ``1192`` -> ``1,192``."""
    return f"{int(n):,}"
