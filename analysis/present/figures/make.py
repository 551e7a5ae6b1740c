"""Every figure of the report from one analysis: the frames, the drawings, the files."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd
from matplotlib.figure import Figure

from analysis.paths import FIGURE_DIR
from analysis.pipeline import Analysis, analyse
from analysis.present.figures.save import save_figure
from analysis.present.figures.sentiment import plot_sentiment_along_articles, plot_sentiment_by_side
from analysis.present.figures.sides import plot_framing_by_side, plot_stance_by_side
from analysis.present.figures.similarity import plot_similarity
from analysis.present.figures.terms import plot_distinctive_terms

#: File name (without extension) of each figure written by make_figures, in order.
FIGURE_NAMES = ("sentiment_by_side", "stance_by_side", "distinctive_terms", "similarity",
                "sentiment_along_articles", "framing_by_side")


def figure_inputs(result: Analysis | str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The frames the figures are drawn from, computed from an :class:`~analysis.pipeline.Analysis`.

    ``result`` may also be a corpus folder (or None for the bundled corpus),
    which is then analysed with :func:`analysis.pipeline.analyse`.
    Keys: ``meeting_table`` (meeting × side), ``side_table`` (pooled per side),
    ``terms`` (US vs China distinctive terms), ``similarity`` (articles),
    ``paragraphs`` (scored paragraphs).
    """
    from analysis.compare.keyness import distinctive_terms
    from analysis.compare.sides import compare_sides
    from analysis.compare.vectorize import similarity

    if not isinstance(result, Analysis):
        result = analyse(result)
    scored = result.sentences
    meeting_table = _in_corpus_order(compare_sides(scored, by="meeting_id"), result.corpus.tables.get("meetings"))
    return {
        "meeting_table": meeting_table,
        "side_table": compare_sides(scored, by=None),
        "terms": distinctive_terms(result.statements, by="side", groups=("us", "china"), background=scored),
        "similarity": similarity(result.corpus.paragraphs, by="doc_id"),
        "paragraphs": result.paragraphs,
    }


def _in_corpus_order(meeting_table: pd.DataFrame, meetings: pd.DataFrame | None) -> pd.DataFrame:
    """The meeting × side table with meetings in the order the corpus lists them (meetings.csv), not alphabetical."""
    if meetings is None or "meeting_id" not in meetings.columns:
        return meeting_table
    order = {m: i for i, m in enumerate(meetings["meeting_id"].astype(str))}
    rank = meeting_table["meeting_id"].astype(str).map(order).fillna(len(order))
    return (meeting_table.assign(_rank=rank).sort_values("_rank", kind="stable")
            .drop(columns="_rank").reset_index(drop=True))


def draw_figures(inputs: dict[str, pd.DataFrame], size: str = "paper") -> dict[str, Figure]:
    """Every figure from :func:`figure_inputs`' frames, keyed by file name (the order of :data:`FIGURE_NAMES`)."""
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
    """Analyse a corpus once, draw every figure and save each as PNG, SVG and PDF in ``out_dir``.

    ``progress``, when given, is called with a short message before each step
    (e.g. ``lambda m: print(m, file=sys.stderr)``). Returns the written paths.
    """
    say = progress or (lambda message: None)
    say("figures: loading, attributing and scoring the corpus")
    inputs = figure_inputs(analyse(corpus_dir))
    paths: list[Path] = []
    figures = draw_figures(inputs, size=size)
    for i, (name, fig) in enumerate(figures.items(), 1):
        say(f"figures: [{i}/{len(figures)}] {name} (png, svg, pdf)")
        paths.extend(save_figure(fig, name, out_dir))
    say(f"figures: wrote {len(paths)} files to {out_dir}")
    return paths
