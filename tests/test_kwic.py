"""Keyword in context: whole words, phrases, windows, ids carried."""
import pandas as pd
import pytest

from analysis.compare.kwic import kwic

DF = pd.DataFrame({
    "doc_id": ["d1", "d2"], "para": [1, 4], "sent": [2, 1], "side": ["us", "china"],
    "text": ["We were candid. Candidly, the talks were candid and constructive.",
             "It is clear who is responsible for mutual-respect failures."],
})


def test_whole_words_only_and_case_insensitive():
    out = kwic(DF, "candid", window=2)
    assert out["hit"].tolist() == ["candid", "candid"]  # "Candidly" is not a hit
    assert out["left"].tolist() == ["We were", "talks were"]
    assert out["right"].tolist() == [". Candidly, the", "and constructive"]
    assert out["side"].tolist() == ["us", "us"]


def test_phrase_across_punctuation_and_offsets():
    out = kwic(DF, "mutual respect", window=1)
    assert len(out) == 1
    row = out.iloc[0]
    assert row["hit"] == "mutual-respect" and row["doc_id"] == "d2" and row["para"] == 4
    assert DF.loc[1, "text"][row["start"]:row["end"]] == "mutual-respect"
    assert row["left"] == "for" and row["right"] == "failures"


def test_no_hits_gives_an_empty_frame_with_columns():
    out = kwic(DF, "stabilize")
    assert out.empty and "hit" in out.columns


@pytest.mark.parametrize("kwargs, message", [(dict(term="..."), "no words"), (dict(term="x", window=-1), "window")])
def test_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        kwic(DF, **kwargs)
