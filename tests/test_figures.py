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
                                    "sentiment_along_articles", "framing_by_side"]


def test_save_figure_and_make_figures_default_to_the_figures_folder():
    import inspect

    from analysis.paths import FIGURE_DIR

    for func in (F.save_figure, F.make_figures):
        assert inspect.signature(func).parameters["out_dir"].default == FIGURE_DIR


def test_import_analysis_does_not_import_matplotlib():
    code = "import sys, analysis; print('matplotlib' in sys.modules, 'analysis.present.figures' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
