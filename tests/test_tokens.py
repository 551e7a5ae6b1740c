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
