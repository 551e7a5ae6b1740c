"""Stock and diplomacy-aware VADER."""
import subprocess
import sys

import pytest

from analysis.measure.sentiment import (diplomatic_analyzer, diplomatic_scores, label, rewrite_phrases, stock_analyzer,
                                stock_scores)

TALKS = "The talks were candid, substantive and constructive."
BLAME = "It is clear who is responsible."


def test_known_stock_facts():
    assert stock_scores(TALKS)["compound"] == 0.0
    assert stock_scores(BLAME)["compound"] == pytest.approx(0.5994)


def test_diplomatic_scores_move_the_right_way():
    # candid -0.8 + substantive 0.8 + constructive 1.5 -> mildly positive
    assert diplomatic_scores(TALKS)["compound"] == pytest.approx(0.3612)
    # clear -> 0, "who is responsible" -> -2.0: VADER normalises -2.0 to -0.4588
    assert diplomatic_scores(BLAME)["compound"] == pytest.approx(-0.4588)
    assert diplomatic_scores("The talks were frank and candid.")["compound"] < 0


def test_one_analyzer_per_process_and_stock_lexicon_untouched():
    assert stock_analyzer() is stock_analyzer()
    assert diplomatic_analyzer() is diplomatic_analyzer()
    assert stock_analyzer().lexicon is not diplomatic_analyzer().lexicon
    assert "candid" not in stock_analyzer().lexicon
    assert stock_analyzer().lexicon["clear"] == 1.6
    assert "clear" not in diplomatic_analyzer().lexicon  # valence 0: removed, so "very clear" stays neutral
    assert diplomatic_analyzer().lexicon["candid"] == -0.8


def test_zero_valence_is_neutral_even_after_an_intensifier():
    assert stock_scores("He was very clear.")["compound"] > 0.05
    assert diplomatic_scores("He was very clear.")["compound"] == 0.0


def test_phrases_become_placeholders():
    text = rewrite_phrases("Relations based on mutual respect and win-win cooperation.")
    assert "mutual" not in text and "win" not in text
    assert text.startswith("Relations based on dipzz") and text.endswith(".")


def test_typographic_apostrophe_still_negates():
    assert stock_scores("We don’t like it")["compound"] == stock_scores("We don't like it")["compound"] < 0


def test_label_thresholds():
    assert [label(x) for x in (0.05, 0.0499, -0.05, -0.0499)] == ["positive", "neutral", "negative", "neutral"]


def test_import_analysis_does_not_import_vader():
    code = "import sys, analysis, analysis.measure.scoring; print('vaderSentiment' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
