"""The readout-sentence harness (analysis.measure.evaluate) by hand, and floors on the tune sentences."""
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import CorpusError
from analysis.measure.evaluate import evaluate_readouts, load_readout_sentences, predicted_addressees, readout_frame
from analysis.measure.scoring import score_sentences

SENTENCES = Path(__file__).parent / "data" / "readout_sentences" / "sentences.csv"
HEADER = "id,set,side,text,directive,addressee,hedge,booster,sentiment,topics\n"


def write(tmp_path, rows: str) -> Path:
    path = tmp_path / "sentences.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_load_keeps_one_set_and_reads_lists_as_sets(tmp_path):
    path = write(tmp_path, 't1,tune,china,"The U.S. side should stop.",1,us;both;us,0,0,negative,taiwan;trade_economy\n'
                           "h1,heldout,us,Ignored here.,0,,0,0,neutral,\n")
    labels = load_readout_sentences(path)
    assert labels["id"].tolist() == ["t1"]
    assert labels.loc[0, "addressee"] == ("both", "us") and labels.loc[0, "topics"] == ("taiwan", "trade_economy")
    assert load_readout_sentences(path, None)["id"].tolist() == ["t1", "h1"]


def test_load_reports_problems_with_file_and_line(tmp_path):
    path = write(tmp_path, "t1,tune,us,A.,2,,0,0,neutral,\nt2,tune,uk,B.,0,,0,0,neutral,\n"
                           "t3,tune,us,C.,1,,0,0,neutral,\nt4,tune,us,D.,1,them,0,0,glad,\nt1,tune,us,E.,0,,0,0,neutral,\n")
    with pytest.raises(CorpusError) as err:
        load_readout_sentences(path)
    text = str(err.value)
    assert "sentences.csv:2" in text and "directive must be 0 or 1" in text
    assert "sentences.csv:3" in text and "side 'uk' is unknown" in text
    assert "sentences.csv:4" in text and "a directive without an addressee" in text
    assert "sentences.csv:5" in text and "addressee them unknown" in text and "sentiment 'glad' is unknown" in text
    assert "sentences.csv:6" in text and "id 't1' is used twice (also line 2)" in text


def test_readout_frame_is_what_the_scorer_takes():
    labels = pd.DataFrame({"id": ["a", "b"], "side": ["us", "china"], "text": ["We must act.", "Fine."]})
    assert readout_frame(labels).to_dict("list") == {"doc_id": ["a", "b"], "para": [1, 1], "sent": [1, 1],
                                                     "text": ["We must act.", "Fine."], "side": ["us", "china"]}


def test_evaluate_readouts_by_hand():
    labels = pd.DataFrame({
        "directive": [1, 1, 1, 0], "addressee": [("us",), ("both", "us"), ("self",), ()],
        "hedge": [0, 1, 0, 1], "booster": [0, 0, 0, 0],
        "sentiment": ["negative", "neutral", "positive", "neutral"], "topics": [("taiwan",), (), ("ai",), ()]})
    scored = pd.DataFrame({
        "directives": [1, 1, 0, 1], "self_obligations": [0, 0, 0, 0],
        "directives_us": [1, 1, 0, 0], "directives_china": [0, 0, 0, 0], "directives_both": [0, 0, 0, 0],
        "directives_other": [0, 0, 0, 1], "hedges": [0, 1, 1, 1], "boosters": [0, 0, 0, 0],
        "label": ["neutral"] * 4, "label_diplomatic": ["negative", "neutral", "neutral", "neutral"]})
    topics = pd.DataFrame({"topics": ["taiwan;trade_economy", "", "ai", None]})
    ev = evaluate_readouts(scored, labels, topics).set_index("measure")
    # directive: found in rows 1, 2, 4; gold in 1, 2, 3 -> tp 2, fp 1, fn 1
    assert (ev.loc["directive", "precision"], ev.loc["directive", "recall"]) == (round(2 / 3, 3), round(2 / 3, 3))
    # addressee on rows 1 and 2 (gold directives found): {us} right, {both, us} vs {us} wrong
    assert (ev.loc["addressee", "n"], ev.loc["addressee", "accuracy"]) == (2, 0.5)
    # hedge: predicted in 2, 3, 4; gold in 2, 4
    assert (ev.loc["hedge", "precision"], ev.loc["hedge", "recall"]) == (round(2 / 3, 3), 1.0)
    # stock: all neutral -> 2 of 4 right, kappa 0 (one label only); diplomatic: 3 of 4
    assert (ev.loc["sentiment_stock", "accuracy"], ev.loc["sentiment_stock", "kappa"]) == (0.5, 0.0)
    assert ev.loc["sentiment_diplomatic", "accuracy"] == 0.75
    # po = 0.75; gold n,n,n,p... pe = (1*1 + 2*3 + 1*0) / 16 = 7/16 -> kappa = (0.75 - 0.4375) / 0.5625
    assert ev.loc["sentiment_diplomatic", "kappa"] == round((0.75 - 7 / 16) / (9 / 16), 3)
    # topics: pairs gold {t1 taiwan, t3 ai}, found {t1 taiwan, t1 trade_economy, t3 ai}
    assert (ev.loc["topics", "precision"], ev.loc["topics", "recall"]) == (round(2 / 3, 3), 1.0)


def test_addressee_accuracy_is_empty_without_addressee_columns():
    labels = pd.DataFrame({"directive": [1], "addressee": [("us",)], "hedge": [0], "booster": [0],
                           "sentiment": ["neutral"], "topics": [()]})
    scored = pd.DataFrame({"directives": [1], "self_obligations": [0], "hedges": [0], "boosters": [0],
                           "label": ["neutral"], "label_diplomatic": ["neutral"]})
    ev = evaluate_readouts(scored, labels).set_index("measure")
    assert ev.loc["addressee", "n"] == 1 and pd.isna(ev.loc["addressee", "accuracy"])


def test_predicted_addressees():
    assert predicted_addressees({"directives_both": 1, "self_obligations": 2, "directives_us": 0}) == ("both", "self")


@pytest.mark.skipif(not SENTENCES.is_file(), reason="tests/data/readout_sentences/sentences.csv not written yet")
def test_floors_on_the_tune_sentences():
    """Floors a little below the figures measured on the 150 tune sentences (the rules were written
    while reading them: agreement with the labelling rules, not an estimate for new text)."""
    labels = load_readout_sentences(SENTENCES, "tune")
    assert len(labels) >= 150
    ev = evaluate_readouts(score_sentences(readout_frame(labels)), labels).set_index("measure")
    floors = {"directive": (0.95, 0.95), "hedge": (0.95, 0.95), "booster": (0.95, 0.65)}
    for measure, (p, r) in floors.items():
        assert ev.loc[measure, "precision"] >= p, measure
        assert ev.loc[measure, "recall"] >= r, measure
    assert ev.loc["addressee", "accuracy"] >= 0.95
    assert ev.loc["sentiment_diplomatic", "accuracy"] >= 0.70
    assert ev.loc["sentiment_diplomatic", "kappa"] >= 0.52
    assert ev.loc["sentiment_diplomatic", "kappa"] > ev.loc["sentiment_stock", "kappa"] + 0.2
