"""Figures: each plot function from small synthetic frames, the palette, reproducible files, bad input."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("matplotlib")

from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis.present import figures as F  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FRAMES = ("cooperation_stability", "conflict_confrontation", "responsibility_blame",
          "sovereignty_core_interests", "human_rights_values")


def side_row(side, n, base, **extra):
    """One row of the meeting × side table contract (NaN measures when n is 0)."""
    row = {"side": side, "n_statements": n, "n_words": 20 * n, **extra}
    for i, m in enumerate(("compound", "compound_diplomatic", "hedges_per_100w", "boosters_per_100w",
                           "directives_per_100w")):
        v = np.nan if n == 0 else base + 0.1 * i
        row[m], row[f"{m}_lo"], row[f"{m}_hi"] = v, v - 0.2, v + 0.2
    for k, f in enumerate(FRAMES):
        row[f"frame_{f}_per_100w"] = np.nan if n == 0 else base + k
    row["top_terms"] = "a; b"
    return row


def meeting_table():
    return pd.DataFrame([
        side_row("us", 5, 0.3, meeting_id="talks"), side_row("china", 2, -0.2, meeting_id="talks"),
        side_row("us", 3, 0.5, meeting_id="press-conference"), side_row("china", 0, 0, meeting_id="press-conference"),
        side_row("us", 0, 0, meeting_id="silent"), side_row("china", 0, 0, meeting_id="silent"),
    ])


def side_table():
    return pd.DataFrame([side_row("us", 40, 1.0), side_row("china", 9, 1.5)])


def terms_frame():
    rows = [{"group": g, "term": f"{g}{i}", "count": 10 - i, "zscore": 3.0 - 0.4 * i, "log_odds": 1.0 - 0.1 * i,
             "n_group": 500} for g in ("us", "china") for i in range(8)]
    rows.append({"group": "us", "term": "shared", "count": 1, "zscore": -1.0, "log_odds": -0.2, "n_group": 500})
    return pd.DataFrame(rows)


def similarity_frame():
    docs = ["a", "b", "c"]
    return pd.DataFrame([(x, y, 1.0 if x == y else 0.1 * (i + j)) for i, x in enumerate(docs)
                         for j, y in enumerate(docs)], columns=["unit_a", "unit_b", "cosine"])


def paragraph_frame():
    rows = [{"doc_id": d, "para": p, "compound": np.sin(p) / 2, "compound_diplomatic": np.cos(p) / 2}
            for d, n in (("doc-one", 6), ("doc-two", 4)) for p in range(1, n + 1)]
    return pd.DataFrame(rows)


def caption(fig):
    """The figure's title and caption as one line of text."""
    return " ".join(fig.get_suptitle().split())


def synthetic_figure():
    """The figure the determinism tests save (also built in a subprocess)."""
    return F.plot_stance_by_side(side_table(), size="column")


@pytest.fixture(scope="module")
def stance_fig():
    return F.plot_stance_by_side(side_table())


@pytest.fixture(scope="module")
def sentiment_fig():
    return F.plot_sentiment_by_side(meeting_table())


PLOTS = {
    "sentiment": (F.plot_sentiment_by_side, meeting_table, "compound_diplomatic_hi"),
    "stance": (F.plot_stance_by_side, side_table, "boosters_per_100w_lo"),
    "terms": (F.plot_distinctive_terms, terms_frame, "zscore"),
    "similarity": (F.plot_similarity, similarity_frame, "cosine"),
    "along": (F.plot_sentiment_along_articles, paragraph_frame, "compound_diplomatic"),
    "framing": (F.plot_framing_by_side, side_table, "n_words"),
}


# --------------------------------------------------------------------------- each figure

def test_sentiment_by_side_points_intervals_and_n(sentiment_fig):
    fig = sentiment_fig
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 2
    for ax in fig.axes:
        bars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        assert len(bars) == 2  # one per side
        assert [c.get_label() for c in bars] == ["US", "China"]
        texts = [t.get_text() for t in ax.texts]
        assert "n=5" in texts and "n=2" in texts and "China: n=0" in texts
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["talks", "press-conference"]  # the meeting where nobody speaks is left out
    assert "US 8, China 2 statements in 2 meetings" in caption(fig)


def test_stance_by_side_bars_per_measure(stance_fig):
    fig = stance_fig
    (ax,) = fig.axes
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [len(b) for b in bars] == [3, 3]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["hedges", "boosters", "directives"]
    assert "n = 40 statements, 800 words" in fig.legends[0].get_texts()[0].get_text()


def test_distinctive_terms_mirrored_top_n():
    fig = F.plot_distinctive_terms(terms_frame(), n=5)
    left, right = fig.axes
    assert len(left.patches) == len(right.patches) == 5
    assert left.xaxis_inverted() and not right.xaxis_inverted()
    assert [t.get_text() for t in left.get_yticklabels()][0] == "us0 (10)"
    assert all(not t.get_text().startswith("shared") for t in left.get_yticklabels())  # z <= 0 not drawn
    assert "n = 500 words" in left.get_title(loc="right")


def test_similarity_heatmap_annotated():
    fig = F.plot_similarity(similarity_frame())
    assert len(fig.axes) == 2  # heatmap and colour bar
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["0.10", "0.10", "0.20", "0.20", "0.30", "0.30"]
    fig = F.plot_similarity(similarity_frame(), show_diagonal=True)
    assert len(fig.axes[0].texts) == 9
    assert "n = 3 articles" in caption(fig)


def test_sentiment_along_articles_one_panel_per_article():
    fig = F.plot_sentiment_along_articles(paragraph_frame())
    visible = [ax for ax in fig.axes if ax.axison]
    assert len(visible) == 2
    for ax, n in zip(visible, (6, 4)):
        drawn = [ln for ln in ax.lines if ln.get_label() in ("stock VADER", "diplomacy-aware")]
        assert [len(ln.get_xdata()) for ln in drawn] == [n, n]
    assert visible[0].get_title(loc="left") == "doc-one (n = 6)"
    assert "n = 10 paragraphs in 2 articles" in caption(fig)


def test_framing_by_side_one_bar_per_category_and_side():
    fig = F.plot_framing_by_side(side_table())
    (ax,) = fig.axes
    bars = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [len(b) for b in bars] == [5, 5]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "human rights, values"


# --------------------------------------------------------------------------- palette and sizes

def demands_table():
    """Two meetings; at m2 China says nothing. Counts: directives by addressee, as compare_sides sums them."""
    def row(meeting, side, n, us, china, both, other, itself):
        return side_row(side, n, 0.1, meeting_id=meeting, directives_us=us, directives_china=china,
                        directives_both=both, directives_other=other, self_obligations=itself)
    return pd.DataFrame([row("m1", "us", 4, 0, 3, 1, 0, 2), row("m1", "china", 2, 2, 0, 0, 1, 0),
                         row("m2", "us", 3, 0, 0, 0, 2, 1), row("m2", "china", 0, 0, 0, 0, 0, 0)])


def test_demands_by_side_bar_lengths_are_the_tables_counts():
    fig = F.plot_demands_by_side(demands_table())
    ax = fig.axes[0]
    bars = {c.get_label(): [p.get_width() for p in c.patches] for c in ax.containers}
    lefts = {c.get_label(): [p.get_x() for p in c.patches] for c in ax.containers}
    # The US's "other side" is China (directives_china), China's is the US (directives_us); m1, then m2.
    assert bars == {"us: on the other side": [3, 0], "us: on both sides": [1, 0], "us: on others": [0, 2],
                    "us: on itself": [2, 1], "china: on the other side": [2, 0], "china: on both sides": [0, 0],
                    "china: on others": [1, 0], "china: on itself": [0, 0]}
    assert lefts["us: on itself"] == [4, 2] and lefts["china: on others"] == [2, 0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["US (n = 4)", "China (n = 2)", "US (n = 3)", "China (n = 0)"]
    assert texts(fig).count(F.MISSING_LABEL) == 1 and "no interval" in caption(fig)
    assert F.figure_bytes(fig, "svg") == F.figure_bytes(F.plot_demands_by_side(demands_table()), "svg")
    assert F.demands_by_side_pages(demands_table()) == 1
    assert F.demands_by_side_pages(demands_table(), per_page=1) == 2
    quiet = demands_table().assign(directives_china=0, directives_us=0, directives_both=0, directives_other=0,
                                   self_obligations=0)
    assert F.demands_by_side_pages(quiet) == 0
    with pytest.raises(ValueError, match="nothing to draw"):
        F.plot_demands_by_side(quiet)
    with pytest.raises(ValueError, match="directives_both"):
        F.plot_demands_by_side(demands_table().drop(columns="directives_both"))


def test_us_and_china_differ_in_colour_marker_and_hatch(stance_fig, sentiment_fig):
    us, china = F.SIDE_STYLE["us"], F.SIDE_STYLE["china"]
    assert us["color"] != china["color"] and us["marker"] != china["marker"] and us["hatch"] != china["hatch"]
    colours = [s["color"] for s in F.SIDE_STYLE.values()]
    assert len(set(colours)) == len(colours)
    # ... and the drawn figures use them
    us_bar, china_bar = (c.patches[0] for c in stance_fig.axes[0].containers if isinstance(c, BarContainer))
    assert us_bar.get_facecolor() != china_bar.get_facecolor()
    assert (us_bar.get_hatch(), china_bar.get_hatch()) == (us["hatch"], china["hatch"])
    us_pts, china_pts = (c.lines[0] for c in sentiment_fig.axes[0].containers)
    assert (us_pts.get_marker(), china_pts.get_marker()) == (us["marker"], china["marker"])
    assert us_pts.get_color() != china_pts.get_color()


def test_sizes_and_style(stance_fig):
    assert F.STYLE_FILE.is_file()
    assert stance_fig.get_figwidth() == pytest.approx(7.0)
    assert F.plot_framing_by_side(side_table(), size="column").get_figwidth() == pytest.approx(3.5)
    slide = F.plot_stance_by_side(side_table(), size="slide")
    assert slide.get_figwidth() == pytest.approx(12.0)
    assert slide.axes[0].xaxis.label.get_size() == slide.axes[0].yaxis.label.get_size() == 14.0
    assert slide.axes[0].yaxis.label.get_fontname() == "DejaVu Sans"
    with pytest.raises(ValueError, match="size must be one of"):
        F.plot_stance_by_side(side_table(), size="poster")


def test_figure_displays_in_a_notebook(stance_fig):
    assert stance_fig._repr_png_().startswith(b"\x89PNG")


# --------------------------------------------------------------------------- saving

def _read(paths):
    return {Path(p).suffix: Path(p).read_bytes() for p in paths}


def test_save_figure_is_byte_identical_across_saves_and_processes(tmp_path):
    # Another process (other hash seed, a SOURCE_DATE_EPOCH set) draws and saves the same figure meanwhile.
    code = ("import sys; from tests.test_figures import synthetic_figure; from analysis.present.figures import save_figure; "
            "save_figure(synthetic_figure(), 'stance', sys.argv[1])")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": "0"}
    other = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "other")], cwd=ROOT, env=env)
    try:
        first = F.save_figure(synthetic_figure(), "stance", tmp_path / "here")
        assert [p.name for p in first] == ["stance.png", "stance.svg", "stance.pdf"]
        saved = _read(first)
        mtimes = [p.stat().st_mtime_ns for p in first]
        # A new drawing of the same figure gives the same bytes, so nothing is rewritten.
        again = F.save_figure(synthetic_figure(), "stance", tmp_path / "here")
        assert [p.stat().st_mtime_ns for p in again] == mtimes
        assert _read(again) == saved
    finally:
        assert other.wait(timeout=60) == 0
    assert _read(sorted((tmp_path / "other").iterdir())) == saved
    assert saved[".png"].startswith(b"\x89PNG") and saved[".pdf"].startswith(b"%PDF") and b"<svg" in saved[".svg"]
    assert b"Software" not in saved[".png"] and b"<dc:date>" not in saved[".svg"]
    assert b"CreationDate" not in saved[".pdf"]
    assert not list((tmp_path / "here").glob(".*tmp"))  # no temporary file left behind


def test_save_figure_skips_identical_content_but_replaces_changed(tmp_path, stance_fig):
    fig = stance_fig
    (path,) = F.save_figure(fig, "stance", tmp_path, formats=("svg",))
    path.write_bytes(b"stale")
    F.save_figure(fig, "stance", tmp_path, formats=("svg",))
    assert path.read_bytes() == F.figure_bytes(fig, "svg")


def test_save_figure_rejects_a_path_as_name(tmp_path):
    with pytest.raises(ValueError, match="plain file name"):
        F.save_figure(Figure(), "sub/stance", tmp_path)


# --------------------------------------------------------------------------- bad input

@pytest.mark.parametrize("name", sorted(PLOTS))
def test_missing_column_raises_value_error_naming_it(name):
    plot, make, column = PLOTS[name]
    with pytest.raises(ValueError, match=repr(column) if name != "framing" else "n_words"):
        plot(make().drop(columns=[column]))


def test_bad_input_errors_say_what_to_pass_and_refuse_empty_frames():
    with pytest.raises(ValueError, match=r"no column 'n_words'.*compare_sides\(scored, by=None\)"):
        F.plot_stance_by_side(side_table().drop(columns=["n_words"]))
    with pytest.raises(ValueError, match="the paragraph frame has no rows"):
        F.plot_sentiment_along_articles(paragraph_frame().iloc[:0])
    with pytest.raises(ValueError, match="must be a pandas DataFrame"):
        F.plot_similarity([("a", "b", 0.5)])


def test_framing_needs_frame_columns_and_pooled_tables_need_one_row_per_side():
    with pytest.raises(ValueError, match=r"frame_<category>_per_100w"):
        F.plot_framing_by_side(side_table().filter(regex="^(?!frame_)"))
    with pytest.raises(ValueError, match="one row per side"):
        F.plot_stance_by_side(meeting_table())


# --------------------------------------------------------------------------- the package

def test_every_public_name_imports_from_the_package():
    import analysis.present.figures as package

    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert not missing
    assert list(F.FIGURE_NAMES) == ["sentiment_by_side", "stance_by_side", "distinctive_terms", "similarity",
                                    "sentiment_along_articles", "framing_by_side", "topics_by_side",
                                    "demands_by_side"]


def test_save_figure_and_make_figures_default_to_the_figures_folder():
    import inspect

    from analysis.paths import FIGURE_DIR

    for func in (F.save_figure, F.make_figures):
        assert inspect.signature(func).parameters["out_dir"].default == FIGURE_DIR


def test_import_analysis_does_not_import_matplotlib():
    code = "import sys, analysis; print('matplotlib' in sys.modules, 'analysis.present.figures' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --------------------------------------------------------------------------- legible at any size and scale

SIZES = ("paper", "column", "slide")
#: Resolutions the figures are seen at: the layout's, the notebook's, the saved PNG's.
CHECK_DPIS = (100, 110, 300)


def outside_the_figure(fig, dpi=100):
    """Legends (and, as ``"figure"``, anything at all) reaching past the figure's edges when drawn at ``dpi``."""
    from matplotlib.backends.backend_agg import RendererAgg

    old = fig.dpi
    fig.dpi = dpi
    try:
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), dpi)
        W, H, tol = fig.bbox.width, fig.bbox.height, 1.0

        def out(box):
            return box.x0 < -tol or box.y0 < -tol or box.x1 > W + tol or box.y1 > H + tol

        legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]
        bad = [leg.get_title().get_text() or "legend" for leg in legends if out(leg.get_window_extent(renderer))]
        if out(fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)):
            bad.append("figure")
        return bad
    finally:
        fig.dpi = old


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def panels(fig):
    """The article panels of an along-articles figure (the legend's cell has no axis)."""
    return [ax for ax in fig.axes if ax.axison]


def many_paragraphs(n_docs=30):
    rows = [{"doc_id": f"article-with-a-long-name-{d:02d}", "para": p, "compound": np.sin(p + d) / 2,
             "compound_diplomatic": np.cos(p + d) / 2} for d in range(n_docs) for p in range(1, 4 + d % 5)]
    return pd.DataFrame(rows)


def test_pages_are_balanced_and_never_exceed_per_page():
    from analysis.present.figures.pages import page_bounds, page_of

    for n, per in ((73, 11), (73, 12), (5, 11), (12, 12), (13, 12), (1, 1)):
        bounds = page_bounds(n, per)
        sizes = [b - a for a, b in bounds]
        assert sum(sizes) == n and max(sizes) <= per and max(sizes) - min(sizes) <= 1
        assert len(bounds) == -(-n // per)
    with pytest.raises(ValueError, match="page must be a whole number from 1 to 2"):
        page_of(list(range(20)), 3, 12)
    assert [F.page_file_name("x", p) for p in (1, 2, 10)] == ["x", "x_p2", "x_p10"]


def titles_overrun_their_panels(fig):
    """Panel titles reaching past the right edge of their own panel (into the next one)."""
    fig.draw_without_rendering()
    renderer = fig._get_renderer()
    return [ax.get_title(loc="left") for ax in panels(fig)
            if ax._left_title.get_window_extent(renderer).x1 > ax.get_window_extent(renderer).x1 + 1]


def test_along_articles_is_paged():
    frame = many_paragraphs(30)
    docs = list(dict.fromkeys(frame["doc_id"]))
    pages = F.along_articles_pages(frame)
    assert pages == -(-30 // F.PANELS_PER_PAGE["paper"]) > 1
    seen = []
    for page in range(1, pages + 1):
        fig = F.plot_sentiment_along_articles(frame, page=page)
        shown = panels(fig)
        assert 0 < len(shown) <= F.PANELS_PER_PAGE["paper"]
        seen += [ax.get_title(loc="left").replace("-\n", "-").replace("\n(", " (").rsplit(" (", 1)[0]
                 for ax in shown]
        assert f"(page {page} of {pages})" in caption(fig)
    assert seen == docs  # every article once, in order
    fig = F.plot_sentiment_along_articles(frame, page=2, per_page=12)
    assert len(panels(fig)) == 10 and "articles 11–20 of 30" in caption(fig)
    with pytest.raises(ValueError, match="page must be"):
        F.plot_sentiment_along_articles(frame, page=99)
    # One page: the title says nothing of pages.
    assert "page" not in caption(F.plot_sentiment_along_articles(paragraph_frame()))


@pytest.mark.parametrize("size", SIZES)
def test_along_articles_pages_fit_each_size(size):
    frame = many_paragraphs(30)
    per = F.PANELS_PER_PAGE[size]
    assert F.along_articles_pages(frame, size=size) == -(-30 // per)
    fig = F.plot_sentiment_along_articles(frame, size=size)
    assert len(panels(fig)) <= per and fig.get_figheight() < F.SIZES[size]["max_height"]
    assert titles_overrun_their_panels(fig) == []
    assert titles_overrun_their_panels(F.plot_sentiment_along_articles(paragraph_frame(), size=size)) == []


def test_similarity_writes_values_only_while_they_fit():
    def square(n):
        docs = [f"doc-{i:02d}" for i in range(n)]
        return pd.DataFrame([(a, b, 1.0 if a == b else ((i * 7 + j * 3) % 10) / 20)
                             for i, a in enumerate(docs) for j, b in enumerate(docs)],
                            columns=["unit_a", "unit_b", "cosine"])

    assert F.MAX_LABELLED_CELLS == 144
    assert len(F.plot_similarity(square(12), show_diagonal=True).axes[0].texts) == 144
    assert len(F.plot_similarity(square(12)).axes[0].texts) == 132  # diagonal blank
    big = F.plot_similarity(square(13))
    assert len(big.axes[0].texts) == 0 and "read the colour bar" in caption(big)
    many = F.plot_similarity(square(73))
    labels = [t.get_text() for t in many.axes[0].get_yticklabels()]
    assert len(many.axes[0].texts) == 0 and 10 < len(labels) < 73 and labels[0] == "doc-00"
    assert "every 3rd article named" in caption(many) and "n = 73 articles" in caption(many)


def test_meetings_come_by_date_then_corpus_order_undated_last():
    table = pd.DataFrame([side_row(s, 2, 0.1, meeting_id=m) for m in ("a", "b", "c", "d", "e", "zz")
                          for s in ("us", "china")])
    meetings = pd.DataFrame({"meeting_id": ["e", "d", "c", "b", "a"],
                             "date": ["", "2023-06-19", "2023-05", None, "2022-11-14"]})
    ordered = F.in_date_order(table, meetings)
    assert list(dict.fromkeys(ordered["meeting_id"])) == ["a", "c", "d", "e", "b", "zz"]
    assert list(ordered.drop_duplicates("meeting_id")["date"]) == ["2022-11-14", "2023-05", "2023-06-19", "", "", ""]
    fig = F.plot_sentiment_by_side(ordered)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["a", "c", "d", "e", "b", "zz"]
    assert F.in_date_order(table, None) is table


def test_meetings_that_do_not_fit_a_slide_are_paged():
    table = pd.DataFrame([side_row(s, 2, 0.1, meeting_id=f"meeting-{m:02d}") for m in range(12)
                          for s in ("us", "china")])
    assert F.sentiment_by_side_pages(table) == 1
    pages = F.sentiment_by_side_pages(table, size="slide")
    assert pages > 1
    shown = []
    for page in range(1, pages + 1):
        fig = F.plot_sentiment_by_side(table, size="slide", page=page)
        shown += [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert f"(page {page} of {pages})" in caption(fig) and fig.get_figheight() <= F.SIZES["slide"]["max_height"]
        assert outside_the_figure(fig) == []
    assert shown == [f"meeting-{m:02d}" for m in range(12)]
    assert F.sentiment_by_side_pages(table, per_page=5) == 3
    with pytest.raises(ValueError, match="page must be a whole number from 1 to 3"):
        F.plot_sentiment_by_side(table, page=4, per_page=5)


def test_zero_bars_are_labelled_and_missing_values_marked_otherwise():
    table = pd.DataFrame([side_row("us", 40, 1.0), side_row("china", 9, 1.5), side_row("third-party", 0, 0)])
    table.loc[0, ["hedges_per_100w", "hedges_per_100w_lo", "hedges_per_100w_hi"]] = 0.0
    table.loc[1, "frame_human_rights_values_per_100w"] = 0.0
    for plot, zeros in ((F.plot_stance_by_side, 1), (F.plot_framing_by_side, 1)):
        fig = plot(table)
        written = texts(fig)
        assert written.count(F.ZERO_LABEL) == zeros
        assert written.count(F.MISSING_LABEL) == (3 if plot is F.plot_stance_by_side else 5)  # the silent side
        assert '"0": no match at all' in caption(fig) and '"no statements": nothing to count' in caption(fig)
    assert texts(F.plot_stance_by_side(side_table())) == []  # nothing to mark, no mark


@pytest.mark.parametrize("size", SIZES)
def test_nothing_runs_off_the_figure_at_any_size(size):
    frames = {"sentiment": meeting_table(), "stance": side_table(), "terms": terms_frame(),
              "similarity": similarity_frame(), "along": many_paragraphs(12), "framing": side_table()}
    for name, (plot, _make, _col) in PLOTS.items():
        fig = plot(frames[name], size=size)
        for dpi in CHECK_DPIS:
            assert outside_the_figure(fig, dpi) == [], (name, size, dpi)
    demands = F.plot_demands_by_side(demands_table(), size=size)
    assert [outside_the_figure(demands, dpi) for dpi in CHECK_DPIS] == [[]] * len(CHECK_DPIS), size


def test_legends_fit_a_column_by_taking_more_rows():
    (paper,) = F.plot_stance_by_side(side_table()).legends
    (column,) = F.plot_stance_by_side(side_table(), size="column").legends
    assert paper._ncols == 2 and column._ncols == 1


# --------------------------------------------------------------------------- a big corpus (73 articles, 15 meetings)

@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The big synthetic corpus analysed once, and its figures' frames."""
    from analysis import analyse
    from tests.bigcorpus import N_DOCS, write_big_corpus

    result = analyse(write_big_corpus(tmp_path_factory.mktemp("big") / "corpus"), cache=False)
    assert len(result.documents) == N_DOCS
    return result, F.figure_inputs(result)


@pytest.fixture(scope="module")
def big_paper(big, tmp_path_factory):
    """What make_figures saves for the big corpus at paper size (name -> figure; nothing written)."""
    from analysis.present.figures import make

    saved = {}
    real = make.save_figure
    make.save_figure = lambda fig, name, out_dir: saved.setdefault(name, fig) and []
    try:
        F.make_figures(big[0], tmp_path_factory.mktemp("figs"))
    finally:
        make.save_figure = real
    return saved


@pytest.mark.slow
def test_big_corpus_every_figure_draws_and_along_articles_is_paged(big_paper):
    pages = -(-73 // F.PANELS_PER_PAGE["paper"])
    along = ["sentiment_along_articles"] + [f"sentiment_along_articles_p{p}" for p in range(2, pages + 1)]
    assert list(big_paper) == ["sentiment_by_side", "stance_by_side", "distinctive_terms", "similarity",
                               *along, "framing_by_side", "topics_by_side", "topics_by_side_p2",
                               "demands_by_side"]  # 8 meetings with a directive: one page (10 fit)
    counts = [len(panels(big_paper[name])) for name in along]
    assert sum(counts) == 73 and max(counts) <= F.PANELS_PER_PAGE["paper"]
    for name, fig in big_paper.items():
        assert fig.get_suptitle() and fig.axes, name
        assert outside_the_figure(fig) == [], name


@pytest.mark.slow
def test_big_corpus_heatmap_writes_no_cell_values(big, big_paper):
    fig = big_paper["similarity"]
    assert len(big[1]["similarity"]) == 73 * 73
    assert len(fig.axes[0].texts) == 0 and "n = 73 articles" in caption(fig)
    assert len(fig.axes[0].get_yticklabels()) < 73


@pytest.mark.slow
def test_big_corpus_meetings_in_date_order(big, big_paper):
    from tests.bigcorpus import DATES

    table = big[1]["meeting_table"]
    order = list(dict.fromkeys(table["meeting_id"]))
    # Every meeting some statement is placed at, and no other (the synthetic climate meeting's documents
    # quote no participant of it, so attribution places their statements at the meetings they name).
    placed = set(big[0].statements["meeting_id"]) - {""}
    assert set(order) == placed and len(order) >= 14
    dated = [m for m in order if DATES[m]]
    assert dated == sorted(dated, key=lambda m: DATES[m]) and order[:len(dated)] == dated
    undated = [m for m in DATES if not DATES[m]]
    assert order[len(dated):] == undated  # then in the order meetings.csv lists them
    labels = [t.get_text().replace("\n", "") for t in big_paper["sentiment_by_side"].axes[0].get_yticklabels()]
    assert labels == order


@pytest.mark.slow
def test_big_corpus_zero_bars_carry_a_label(big, big_paper):
    pooled = big[1]["side_table"].set_index("side")
    assert pooled.at["china", "hedges_per_100w"] == 0
    zeros = {name: texts(big_paper[name]).count(F.ZERO_LABEL) for name in ("stance_by_side", "framing_by_side")}
    frame_zeros = int((pooled.filter(regex=r"^frame_.*_per_100w$").loc[["us", "china"]] == 0).sum().sum())
    assert zeros == {"stance_by_side": 1, "framing_by_side": frame_zeros} and frame_zeros > 0


@pytest.mark.slow
@pytest.mark.parametrize("size", ["column", "slide"])
def test_big_corpus_legends_inside_the_figure(big, size):
    inputs = big[1]
    figures = [F.plot_sentiment_by_side(inputs["meeting_table"], size=size),
               F.plot_stance_by_side(inputs["side_table"], size=size),
               F.plot_distinctive_terms(inputs["terms"], size=size),
               F.plot_similarity(inputs["similarity"], size=size),
               F.plot_sentiment_along_articles(inputs["paragraphs"], size=size),
               F.plot_framing_by_side(inputs["side_table"], size=size),
               *(F.plot_demands_by_side(inputs["meeting_table"], size=size, page=p)
                 for p in range(1, F.demands_by_side_pages(inputs["meeting_table"], size=size) + 1))]
    for fig in figures:
        assert outside_the_figure(fig) == [], caption(fig)[:60]
    assert F.along_articles_pages(inputs["paragraphs"], size=size) == -(-73 // F.PANELS_PER_PAGE[size])
    if size == "slide":  # 15 meetings do not fit one slide: they are paged, and each page fits
        pages = F.sentiment_by_side_pages(inputs["meeting_table"], size=size)
        assert pages > 1 and "(page 1 of" in caption(figures[0])
