"""TF-IDF and similarity: settings honoured, idf depends on the corpus, results tidy."""
import math

import pandas as pd
import pytest

from analysis.compare.vectorize import similarity, tfidf_terms

DF = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["candid talks", "mutual respect", "talks on respect"]})


def test_idf_by_hand():
    # Unit a = "candid talks mutual respect", unit b = "talks respect" (no stop words removed: none present but 'on').
    out = tfidf_terms(DF, n=None, ngram_range=(1, 1), sublinear_tf=False, norm=None).set_index(["doc_id", "term"])["tfidf"]
    idf_once = math.log(3 / 2) + 1  # smooth idf: ln((1+n)/(1+df)) + 1 with n=2, df=1
    assert out["a", "candid"] == pytest.approx(idf_once)
    assert out["a", "talks"] == pytest.approx(1.0)  # in both units: ln(3/3) + 1
    assert ("b", "on") not in out.index  # English stop word


def test_bigrams_and_top_n():
    out = tfidf_terms(DF, n=2)
    assert out.groupby("doc_id").size().tolist() == [2, 2]
    assert "mutual respect" in set(tfidf_terms(DF, n=None)["term"])
    assert list(out.columns) == ["doc_id", "term", "tfidf", "rank"]


def test_units_can_be_several_columns():
    df = DF.assign(side=["us", "china", "us"])
    out = tfidf_terms(df, by=["doc_id", "side"], n=1)
    assert set(zip(out["doc_id"], out["side"])) == {("a", "china"), ("a", "us"), ("b", "us")}


def test_similarity_is_symmetric_with_unit_diagonal():
    s = similarity(DF).set_index(["unit_a", "unit_b"])["cosine"]
    assert s["a", "a"] == pytest.approx(1.0)
    assert s["a", "b"] == pytest.approx(s["b", "a"])
    assert 0 < s["a", "b"] < 1


def test_bad_input_is_explained():
    with pytest.raises(ValueError, match="no column"):
        tfidf_terms(DF, by="speaker")
    with pytest.raises(ValueError, match="n must be"):
        tfidf_terms(DF, n=0)
    with pytest.warns(DeprecationWarning, match="n="):
        assert len(tfidf_terms(DF, top_n=1)) == 2
