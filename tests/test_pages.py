"""Issue 12's figures on the pages written for the tests: floors set from the measurement.

The tuning pages (tests/data/pages) hold the rules to what they reached there; the held-back pages
(tests/data/pages_heldout) hold them to what they reached after their first run (the estimate for
new text, benchmarks/pages_after.json) and the fixes that followed, so a change that makes new
pages worse fails here.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_pages import measure  # noqa: E402

#: measure -> (floor on the tuning pages, floor on the held-back pages); `None`: not held there.
FLOORS = {
    "chrome_recall": (1.0, 0.99),
    "quotes_recall": (0.9, 0.72),
    "quotes_speaker_accuracy": (0.95, 0.81),
    "quotes_side_accuracy": (0.97, 0.87),
    "quotes_meeting_accuracy": (0.89, 0.78),
    "transcript_side_accuracy": (1.0, 0.98),
    "non_english_documents_warned": (1.0, 1.0),
}
#: measure -> (ceiling on the tuning pages, ceiling on the held-back pages)
CEILINGS = {"article_lines_removed": (0.0, 0.01), "abbreviation_fragments": (0, 0)}


@pytest.fixture(scope="module", params=["pages", "pages_heldout"])
def figures(request):
    table, _ = measure(ROOT / "tests" / "data" / request.param)
    return request.param, table.set_index("measure")["value"].to_dict()


def test_figures_hold(figures):
    name, values = figures
    which = 0 if name == "pages" else 1
    low = {m: f[which] for m, f in FLOORS.items() if values[m] < f[which]}
    high = {m: c[which] for m, c in CEILINGS.items() if values[m] > c[which]}
    assert not low and not high, (name, {m: values[m] for m in [*low, *high]})


def test_check_and_summary_warn_about_a_chinese_document():
    pages = ROOT / "tests" / "data" / "pages"
    for command in ("check", "summary"):
        result = run_cli(command, "--corpus", pages)
        lines = [ln for ln in result.stderr.splitlines() if "not in English" in ln]
        assert len(lines) == 1 and "raw/xinhua_zh_wang_blinken.txt" in lines[0], (command, lines)
    check = run_cli("check", "--corpus", pages).stderr
    assert "quotations has no speaker" in check or "quotations have no speaker" in check
    assert "'AMBASSADOR BURNS'" in check  # the transcript label speakers.csv does not know


# --------------------------------------------------------------------------- issue 16: held-back readout sentences

#: Floors on the 50 held-back readout sentences, just under their first run (the estimate for new
#: text); hedge and booster recall are below the issue's 0.85 target there, and the floors say so.
HELDOUT_FLOORS = {("directive", "precision"): 0.95, ("directive", "recall"): 0.95, ("addressee", "accuracy"): 0.95,
                  ("hedge", "precision"): 0.95, ("hedge", "recall"): 0.7, ("booster", "precision"): 0.95,
                  ("booster", "recall"): 0.8, ("sentiment_diplomatic", "accuracy"): 0.7,
                  ("sentiment_diplomatic", "kappa"): 0.5, ("topics", "precision"): 0.94,
                  ("topics", "recall"): 0.92}


def test_heldout_readout_sentences_hold_their_first_run():
    from analysis.measure.evaluate import evaluate_readouts, load_readout_sentences, readout_frame
    from analysis.measure.scoring import score_sentences
    from analysis.measure.topics import sentence_topics

    labels = load_readout_sentences(ROOT / "tests" / "data" / "readout_sentences" / "sentences.csv", "heldout")
    assert len(labels) == 50
    frame = readout_frame(labels)
    table = evaluate_readouts(score_sentences(frame), labels, sentence_topics(frame)).set_index("measure")
    low = {key: float(table.at[key[0], key[1]]) for key, floor in HELDOUT_FLOORS.items()
           if float(table.at[key[0], key[1]]) < floor}
    assert not low, low
    # Stock VADER is shown beside the diplomacy-aware label and must stay below it on this register.
    assert table.at["sentiment_stock", "accuracy"] < table.at["sentiment_diplomatic", "accuracy"]
