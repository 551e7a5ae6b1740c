"""analyse(): one call, the same frames as the stages called one by one."""
import pandas as pd
import pytest

from analysis.measure.topics import sentence_topics

from analysis import (analyse, attribute_sentences, compare_differences, compare_sides, extract_quotes,
                      find_matches, score_paragraphs, score_sentences)
from analysis.compare.sides import LONG_COLUMNS, MEASURES


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """analyse() of a folder keeps its frames in a cache: here an empty folder of the test's, never the user's."""
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def result(bundled):
    return analyse(bundled)


def test_frames_equal_the_stages_run_one_by_one(result, bundled):
    by_hand = sentence_topics(score_sentences(attribute_sentences(bundled)))
    pd.testing.assert_frame_equal(result.sentences, by_hand)
    pd.testing.assert_frame_equal(result.quotes, extract_quotes(bundled))
    pd.testing.assert_frame_equal(result.paragraphs, score_paragraphs(bundled.paragraphs, by_hand))
    pd.testing.assert_frame_equal(result.matches, find_matches(by_hand))
    assert set(result.statements["side"]) == {"us", "china"}
    assert result.documents is bundled.documents and result.removed is bundled.removed


def test_a_folder_and_a_loaded_corpus_give_the_same(result):
    from analysis.paths import default_corpus

    pd.testing.assert_frame_equal(analyse(default_corpus()).sentences, result.sentences)
    pd.testing.assert_frame_equal(analyse(default_corpus()).sentences, result.sentences)  # read from the cache


def test_lexicons_reach_every_frame(tmp_path, bundled, result):
    """A hedge added in a copy of hedges.csv shows in sentences, paragraphs and matches."""
    from analysis.paths import LEXICON_DIR

    folder = tmp_path / "lex"
    folder.mkdir()
    text = (LEXICON_DIR / "hedges.csv").read_text(encoding="utf-8")
    (folder / "hedges.csv").write_text(text.rstrip("\n") + "\ntalks,hedge,word,test,test entry,\n", encoding="utf-8")
    custom = analyse(bundled, lexicons=folder)
    # Counted by hand from the text: each sentence gains one hedge per whole-word "talks".
    gained = bundled.sentences["text"].str.count(r"(?i)(?<![\w’'-])talks(?![\w’'-])")
    assert (custom.sentences["hedges"] - result.sentences["hedges"]).tolist() == gained.tolist()
    assert custom.paragraphs["hedges"].sum() - result.paragraphs["hedges"].sum() == gained.sum()
    assert (custom.matches["entry"] == "talks").sum() == gained.sum() > 0


TOY = pd.DataFrame({
    "meeting_id": ["m"] * 4, "side": ["us", "us", "china", "china"], "text": ["a b", "c d", "e f", "g h"],
    "n_words": [10, 10, 5, 5], "compound": [0.5, 0.7, -0.4, -0.6], "compound_diplomatic": [0.1, 0.3, 0.0, 0.2],
    "hedges": [1, 0, 0, 0], "boosters": [0, 0, 1, 1], "directives": [0, 0, 0, 0],
    **{f"frame_{f}": [0, 0, 0, 0] for f in ("cooperation_stability", "conflict_confrontation",
                                          "responsibility_blame", "sovereignty_core_interests",
                                          "human_rights_values")},
})


def test_long_form_of_the_sides_table():
    wide = compare_sides(TOY, n=0, n_boot=50)
    long = compare_sides(TOY, n=0, n_boot=50, form="long")
    assert list(long.columns) == ["meeting_id", *LONG_COLUMNS]
    assert len(long) == 2 * len(MEASURES)
    row = long[(long.side == "us") & (long.measure == "compound")].iloc[0]
    assert row.estimate == pytest.approx(0.6) and row.n == 2  # (0.5 + 0.7) / 2
    assert row.lo == wide.set_index("side").at["us", "compound_lo"]
    rate = long[(long.side == "china") & (long.measure == "boosters_per_100w")].iloc[0]
    assert rate.estimate == pytest.approx(20.0)  # 2 boosters in 10 words


def test_long_form_of_the_differences():
    long = compare_differences(TOY, measures=("compound",), form="long", n_perm=100)
    assert long["side"].tolist() == ["us", "china", "us-china"]
    assert long["estimate"].tolist() == pytest.approx([0.6, -0.5, 1.1])
    assert long["n"].tolist() == [2, 2, 4]
    with pytest.raises(ValueError, match="form must be"):
        compare_differences(TOY, form="tall")


def test_old_argument_name_still_works_with_a_warning():
    with pytest.warns(DeprecationWarning, match="n="):
        old = compare_sides(TOY, n_terms=0, n_boot=10)
    pd.testing.assert_frame_equal(old, compare_sides(TOY, n=0, n_boot=10))
