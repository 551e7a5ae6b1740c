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


# --------------------------------------------------------------------------- issue 16: criticism and its code words
# Hand-worked: VADER's compound is s / sqrt(s^2 + 15) for the sum s of the valences it applies.

@pytest.mark.parametrize("text, stock, diplomatic", [
    # raised concerns -2.0 (stock: no entry for concern(s))
    ("The Secretary raised concerns about the visit.", 0.0, -2.0 / (4 + 15) ** 0.5),
    # raised concerns -2.0 + destabilizing -1.5; support and freedom of navigation 0 in the overlay
    ("The Secretary raised concerns about the PRC's destabilizing actions in the South China Sea and "
     "reaffirmed support for freedom of navigation.", 0.7845, -3.5 / (3.5 ** 2 + 15) ** 0.5),
    # illegal unilateral sanctions -2.5 (one phrase; stock scores illegal -2.6 alone)
    ("Wang urged the US to lift its illegal unilateral sanctions.", -0.5574, -2.5 / (2.5 ** 2 + 15) ** 0.5),
    ("It is a smear.", -0.3612, -1.8 / (1.8 ** 2 + 15) ** 0.5),
    # the United States is a name: 'united' +1.8 is not counted; welcomed 1.4 + agreement 2.2
    ("The United States welcomed the agreement.", 0.8126, 3.6 / (3.6 ** 2 + 15) ** 0.5),
])
def test_overlay_code_words(text, stock, diplomatic):
    assert stock_scores(text)["compound"] == pytest.approx(stock, abs=1e-4)
    assert diplomatic_scores(text)["compound"] == pytest.approx(diplomatic, abs=1e-4)


@pytest.mark.parametrize("text", [
    "Wang Yi said the U.S. side must abandon its hegemonic mindset and Cold War mentality.",
    "China firmly opposes the containment and suppression of its high-tech companies.",
    "The Secretary raised serious concerns about the PRC's coercive actions.",
    "He said the accusations are groundless and part of a smear campaign.",
    "The US must stop hyping the so-called China threat and interfering in China's internal affairs.",
    "The President pressed for the release of wrongfully detained Americans.",
])
def test_criticism_reads_as_criticism(text):
    assert diplomatic_scores(text)["compound"] <= -0.05


def test_negation_flips_an_overlay_phrase_as_a_word():
    # "not" two words before the placeholder: -2.0 * -0.74 = +1.48 -> 1.48 / sqrt(1.48^2 + 15)
    s = diplomatic_scores("The Secretary did not raise concerns about the visit.")["compound"]
    assert s == pytest.approx(1.48 / (1.48 ** 2 + 15) ** 0.5, abs=1e-4)
    # a single overlay word: coercive -1.8 * -0.74
    assert diplomatic_scores("The PRC is not coercive.")["compound"] == pytest.approx(
        1.332 / (1.332 ** 2 + 15) ** 0.5, abs=1e-4)
    # a negation inside a phrase is the phrase's own: not applied again
    assert diplomatic_scores("The United States does not support Taiwan independence.")["compound"] > 0.05


def test_but_weighs_what_comes_after():
    # before "but" x0.5, after x1.5: constructive 1.5*0.5 - (2.0 + 1.8)*1.5 = -4.95
    after = diplomatic_scores("The talks were constructive, but the Secretary raised concerns about coercion.")
    assert after["compound"] == pytest.approx(-4.95 / (4.95 ** 2 + 15) ** 0.5, abs=1e-4)
    # (-2.0 - 1.8)*0.5 + 1.5*1.5 = 0.35: the criticism first, then "but" praise: mildly positive
    before = diplomatic_scores("The Secretary raised concerns about coercion, but the talks were constructive.")
    assert before["compound"] == pytest.approx(0.35 / (0.35 ** 2 + 15) ** 0.5, abs=1e-4)


def test_explain_says_which_vader_rules_act_on_overlay_terms():
    from analysis.measure.scoring import explain

    text = explain("The talks were constructive, but the U.S. side should not raise concerns about hegemony.",
                   side="china")
    assert "'raise concerns' follows the negator 'not': VADER multiplies its valence (-2.0) by -0.74 (-> +1.48)" in text
    assert "'hegemony' follows the negator 'not'" in text  # the placeholder is one word: 'not' is 3 words back
    assert "VADER's 'but' rule" in text
    assert "directives/directive  addressee us" in text
    assert "stock not in VADER's lexicon (0)" in text  # the stock score is shown beside
    plain = explain("The talks were constructive.")
    assert "negator" not in plain and "'but' rule" not in plain


def test_every_overlay_row_has_a_gloss_and_a_source():
    from analysis.measure.sentiment import overlay_lexicon

    lex = overlay_lexicon()
    assert all(e.note and e.source for e in lex.entries)
    terms = {e.entry for e in lex.entries}
    for code in ("raised concerns", "destabilizing", "coercive", "provocative", "wrongfully detained",
                 "containment and suppression", "hegemonic", "hegemony", "bullying", "hype", "hyping", "smear",
                 "interference", "internal affairs", "illegal unilateral sanctions", "cold war mentality",
                 "zero-sum", "red line"):
        assert code in terms, code


def test_overlay_match_text_is_the_original_text():
    from analysis.measure.sentiment import overlay_matches

    text = "He rejected the “Cold War” mentality."
    assert [(m.text, text[m.start:m.end]) for m in overlay_matches(text)] == [
        ("Cold War” mentality", "Cold War” mentality")]
