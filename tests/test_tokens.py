"""The one tokenizer: word counts, lexicon matching, kwic and keyness agree on words."""
import pandas as pd
import pytest

from analysis import distinctive_terms, kwic
from analysis.measure.lexicon import Entry
from analysis.text.tokens import ascii_quotes, count_words, token_spans, tokenize


@pytest.mark.parametrize("text, words", [
    ("U.S. officials", ["u.s.", "officials"]),
    ("China-U.S. relations", ["china-u.s.", "relations"]),
    ("the U.S.-led order", ["the", "u.s.-led", "order"]),
    ("U.S.-China talks", ["u.s.-china", "talks"]),
    ("1,000 people at 4:34 p.m.", ["1,000", "people", "at", "4:34", "p.m."]),
    ("a 20-hour trip", ["a", "20-hour", "trip"]),
    ("it’s a win-win", ["it’s", "a", "win-win"]),
    ("the U.S.’s position", ["the", "u.s.’s", "position"]),
    ("U.S.-China’s ties", ["u.s.-china’s", "ties"]),
    ("Washington, D.C., at 9 a.m.", ["washington", "d.c.", "at", "9", "a.m."]),
    ("non-U.S. firms and the P.R.C.", ["non-u.s.", "firms", "and", "the", "p.r.c."]),
    # A dash also joins ranges ("2021–2023"), so "China–U.S." with one is two words.
    ("China–U.S. talks", ["china", "u.s.", "talks"]),
    ("Mr. Blinken, No. 1", ["mr", "blinken", "no", "1"]),
    # Chinese and Japanese have no spaces between words: one character, one word.
    ("中美关系很重要", ["中", "美", "关", "系", "很", "重", "要"]),
    ("2023年6月19日，王毅(Wang Yi)说", ["2023", "年", "6", "月", "19", "日", "王", "毅", "wang", "yi", "说"]),
    ("会談した", ["会", "談", "し", "た"]),
    ("한국어 문장", ["한국어", "문장"]),
])
def test_words(text, words):
    assert tokenize(text) == words
    assert count_words(text) == len(words)
    assert [t[3].lower() for t in token_spans(text)] == words


def test_lexicon_entries_use_the_same_words():
    e = Entry("China-U.S. relations", "x", "phrase", "s", "n", "test", 1)
    assert e.tokens == ("china-u.s.", "relations")


def test_kwic_and_keyness_see_abbreviated_compounds_whole():
    frame = pd.DataFrame({"side": ["us", "china"], "text": ["China-U.S. ties matter.", "Ties matter."]})
    assert kwic(frame, "china-u.s.")["hit"].tolist() == ["China-U.S."]
    terms = distinctive_terms(frame, by="side", groups=("us", "china"), min_count=1)
    assert "china-u.s." in set(terms["term"])


def test_quotes_normalised_in_place():
    text = "“It’s clear,” he said"
    assert ascii_quotes(text) == "\"It's clear,\" he said"
    assert len(ascii_quotes(text)) == len(text)


def test_cjk_words_count_characters():
    # A Chinese paragraph counts its characters, so it is never taken for a short heading.
    assert count_words("王毅会见布林肯，双方进行了坦诚的沟通。") == 17
    assert count_words("Wang said “不接受” twice.") == 6
