"""Report-ready figures: one function per figure, one function to save them.

Every ``plot_*`` function takes a tidy frame (the output of an earlier stage)
and returns a :class:`matplotlib.figure.Figure`; nothing goes through
``pyplot``, so no global figure state is kept and the same input always draws
the same figure. Each figure's title says what it shows and its n. In a
notebook the returned figure displays itself (as a PNG).

:func:`save_figure` writes ``name.png`` (300 dpi), ``name.svg`` and
``name.pdf``, byte-identical across runs and processes. :func:`make_figures`
draws and saves every figure from a corpus folder (``make figures``).

The figures stay legible on a big corpus (73 articles, 15 meetings): past
:data:`MAX_LABELLED_CELLS` the similarity heatmap writes no value in its
cells (the colour bar gives them); the articles' panels and the meetings' rows
are drawn over pages when they do not fit one figure (``page=``, ``name_p2``
files); meetings come by date, undated last (:func:`in_date_order`); a bar of
zero is written ``0`` and a missing value ``no statements``; legends shrink to
fewer columns rather than run off a column-wide figure.

Colours are the Okabe–Ito palette (safe for the common kinds of colour-blind
vision), and each side also has its own marker and hatch, so a grayscale print
still tells the US from China:

>>> [(s, SIDE_STYLE[s]["color"], SIDE_STYLE[s]["marker"]) for s in ("us", "china")]
[('us', '#0072B2', 'o'), ('china', '#D55E00', 's')]

The modules: :mod:`~analysis.present.figures.style` (sizes, rcParams, palette,
titles, labels), :mod:`~analysis.present.figures.save` (reproducible files),
:mod:`~analysis.present.figures.inputs` (checking the frames),
:mod:`~analysis.present.figures.pages` (paging), one module per
family of figures (:mod:`~analysis.present.figures.sentiment`,
:mod:`~analysis.present.figures.sides`, :mod:`~analysis.present.figures.terms`,
:mod:`~analysis.present.figures.similarity`, :mod:`~analysis.present.figures.topics`,
:mod:`~analysis.present.figures.demands`) and
:mod:`~analysis.present.figures.make` (every figure from one analysis).

matplotlib is imported when this package is imported; ``import analysis`` does
not import this package.
"""
from analysis.paths import FIGURE_DIR, STYLE_FILE
from analysis.present.figures.demands import demands_by_side_pages, plot_demands_by_side
from analysis.present.figures.inputs import MEETING_TABLE_MEASURES, STANCE_MEASURES
from analysis.present.figures.make import FIGURE_NAMES, draw_figures, figure_inputs, in_date_order, make_figures
from analysis.present.figures.pages import page_bounds, page_file_name
from analysis.present.figures.save import DPI, FORMATS, SAVE_METADATA, SAVE_RC, figure_bytes, save_figure
from analysis.present.figures.sentiment import (PANELS_PER_PAGE, along_articles_pages, plot_sentiment_along_articles,
                                                plot_sentiment_by_side, sentiment_by_side_pages)
from analysis.present.figures.sides import MISSING_LABEL, ZERO_LABEL, plot_framing_by_side, plot_stance_by_side
from analysis.present.figures.similarity import MAX_LABELLED_CELLS, plot_similarity
from analysis.present.figures.style import (FRAME_LABELS, MEASURE_STYLE, SIDE_ORDER, SIDE_STYLE, SIZES,
                                            FramingFigure, side_style, style_context, style_rc)
from analysis.present.figures.terms import plot_distinctive_terms
from analysis.present.figures.topics import plot_topics_by_side, topics_by_side_pages

__all__ = [
    "plot_sentiment_by_side", "plot_stance_by_side", "plot_distinctive_terms", "plot_similarity",
    "plot_sentiment_along_articles", "plot_framing_by_side", "plot_topics_by_side", "topics_by_side_pages",
    "plot_demands_by_side", "demands_by_side_pages",
    "save_figure", "figure_bytes", "make_figures", "figure_inputs", "draw_figures", "FIGURE_NAMES",
    "SIDE_STYLE", "SIDE_ORDER", "MEASURE_STYLE", "SIZES", "FRAME_LABELS", "side_style", "style_context",
    "style_rc", "FramingFigure", "SAVE_METADATA", "SAVE_RC", "FORMATS", "DPI",
    "MEETING_TABLE_MEASURES", "STANCE_MEASURES", "FIGURE_DIR", "STYLE_FILE",
    "in_date_order", "sentiment_by_side_pages", "along_articles_pages", "page_bounds", "page_file_name",
    "PANELS_PER_PAGE", "MAX_LABELLED_CELLS", "ZERO_LABEL", "MISSING_LABEL",
]
