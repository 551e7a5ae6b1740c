"""Every figure of the report from one analysis: the frames, the drawings, the files."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd
from matplotlib.figure import Figure

from analysis.paths import FIGURE_DIR
from analysis.pipeline import Analysis, analyse
from analysis.present.figures.demands import demands_by_side_pages, plot_demands_by_side
from analysis.present.figures.pages import page_file_name
from analysis.present.figures.save import save_figure
from analysis.present.figures.sentiment import (along_articles_pages, plot_sentiment_along_articles,
                                                plot_sentiment_by_side, sentiment_by_side_pages)
from analysis.present.figures.sides import plot_framing_by_side, plot_stance_by_side
from analysis.present.figures.similarity import plot_similarity
from analysis.present.figures.terms import plot_distinctive_terms
from analysis.present.figures.topics import plot_topics_by_side, topics_by_side_pages

#: File name (without extension) of each figure written by make_figures, in order (a figure of
#: several pages adds ``_p2``, ``_p3`` ... after its first page).
FIGURE_NAMES = ("sentiment_by_side", "stance_by_side", "distinctive_terms", "similarity",
                "sentiment_along_articles", "framing_by_side", "topics_by_side", "demands_by_side")


def figure_inputs(result: Analysis | str | Path | None = None) -> dict[str, pd.DataFrame]:
    """The frames the figures are drawn from, computed from an :class:`~analysis.pipeline.Analysis`.

    ``result`` may also be a corpus folder (or None for the bundled corpus),
    which is then analysed with :func:`analysis.pipeline.analyse`.
    Keys: ``meeting_table`` (meeting × side, by date: :func:`in_date_order`), ``side_table`` (pooled per side),
    ``terms`` (US vs China distinctive terms), ``similarity`` (articles),
    ``paragraphs`` (scored paragraphs), ``topics`` (meeting × side × topic, by date).
    """
    from analysis.compare.keyness import distinctive_terms
    from analysis.compare.sides import compare_sides
    from analysis.compare.topics import compare_topics
    from analysis.compare.vectorize import similarity

    if not isinstance(result, Analysis):
        result = analyse(result)
    scored = result.sentences
    meeting_table = in_date_order(compare_sides(scored, by="meeting_id"), result.corpus.tables.get("meetings"))
    return {
        "meeting_table": meeting_table,
        "side_table": compare_sides(scored, by=None),
        "terms": distinctive_terms(result.statements, by="side", groups=("us", "china"), background=scored),
        "similarity": similarity(result.corpus.paragraphs, by="doc_id"),
        "paragraphs": result.paragraphs,
        "topics": in_date_order(compare_topics(scored, by="meeting_id"), result.corpus.tables.get("meetings")),
    }


def in_date_order(meeting_table: pd.DataFrame, meetings: pd.DataFrame | None) -> pd.DataFrame:
    """The meeting × side table with meetings by date, then in the order meetings.csv lists them; undated last.

    A partial date (``2023-05``) goes before the full dates it spans; meetings
    not in meetings.csv, and statements placed at no meeting, come after the
    undated ones. Adds each meeting's ``date`` (empty when unknown).

    >>> table = pd.DataFrame({"meeting_id": ["a", "b", "c", "d", "x"], "side": "us"})
    >>> meetings = pd.DataFrame({"meeting_id": ["a", "b", "c", "d"], "date": ["", "2023-06-19", "2023-05", ""]})
    >>> in_date_order(table, meetings)[["meeting_id", "date"]].to_dict("list")
    {'meeting_id': ['c', 'b', 'a', 'd', 'x'], 'date': ['2023-05', '2023-06-19', '', '', '']}
    """
    if meetings is None or "meeting_id" not in meetings.columns:
        return meeting_table
    ids = meetings["meeting_id"].fillna("").astype(str)
    dates = (meetings["date"] if "date" in meetings.columns else pd.Series("", index=meetings.index))
    date_of = dict(zip(ids, dates.fillna("").astype(str).str.strip()))
    listed = {m: i for i, m in enumerate(ids)}
    mid = meeting_table["meeting_id"].fillna("").astype(str)
    date = mid.map(date_of).fillna("")
    rank = pd.DataFrame({"unlisted": ~mid.isin(listed) | (mid == ""), "undated": date == "", "date": date,
                         "listed": mid.map(listed).fillna(len(listed))}, index=meeting_table.index)
    order = rank.sort_values(["unlisted", "undated", "date", "listed"], kind="stable").index
    return meeting_table.assign(date=date).loc[order].reset_index(drop=True)


def draw_figures(inputs: dict[str, pd.DataFrame], size: str = "paper") -> dict[str, Figure]:
    """Every figure from :func:`figure_inputs`' frames, keyed by file name (the order of :data:`FIGURE_NAMES`).

    A figure drawn over several pages gives one entry per page: ``name`` for
    the first, then ``name_p2``, ``name_p3`` ... right after it.
    """
    meetings, paragraphs = inputs["meeting_table"], inputs["paragraphs"]
    pages = {"sentiment_by_side": sentiment_by_side_pages(meetings, size=size),
             "sentiment_along_articles": along_articles_pages(paragraphs, size=size),
             "topics_by_side": topics_by_side_pages(inputs["topics"], size=size),
             "demands_by_side": demands_by_side_pages(meetings, size=size)}
    draw = {
        "sentiment_by_side": lambda page: plot_sentiment_by_side(meetings, size=size, page=page),
        "stance_by_side": lambda page: plot_stance_by_side(inputs["side_table"], size=size),
        "distinctive_terms": lambda page: plot_distinctive_terms(inputs["terms"], size=size),
        "similarity": lambda page: plot_similarity(inputs["similarity"], size=size),
        "sentiment_along_articles": lambda page: plot_sentiment_along_articles(paragraphs, size=size, page=page),
        "framing_by_side": lambda page: plot_framing_by_side(inputs["side_table"], size=size),
        "topics_by_side": lambda page: plot_topics_by_side(inputs["topics"], size=size, page=page),
        "demands_by_side": lambda page: plot_demands_by_side(meetings, size=size, page=page),
    }
    return {page_file_name(name, page): draw[name](page)
            for name in FIGURE_NAMES for page in range(1, pages.get(name, 1) + 1)}


def make_figures(corpus_dir: Analysis | str | Path | None = None, out_dir: str | Path = FIGURE_DIR,
                 size: str = "paper", progress: Callable[[str], None] | None = None) -> list[Path]:
    """Analyse a corpus once, draw every figure and save each as PNG, SVG and PDF in ``out_dir``.

    ``corpus_dir`` may also be an :class:`~analysis.pipeline.Analysis` already
    run. A figure of several pages is saved as ``name`` (page 1), ``name_p2`` ...
    ``progress``, when given, is called with a short message before each step
    (e.g. ``lambda m: print(m, file=sys.stderr)``). Returns the written paths.
    """
    say = progress or (lambda message: None)
    if not isinstance(corpus_dir, Analysis):
        say("figures: loading, attributing and scoring the corpus")
        corpus_dir = analyse(corpus_dir)
    inputs = figure_inputs(corpus_dir)
    paths: list[Path] = []
    figures = draw_figures(inputs, size=size)
    for i, (name, fig) in enumerate(figures.items(), 1):
        say(f"figures: [{i}/{len(figures)}] {name} (png, svg, pdf)")
        paths.extend(save_figure(fig, name, out_dir))
    say(f"figures: wrote {len(paths)} files to {out_dir}")
    return paths
