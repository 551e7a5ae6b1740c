"""Matched spans rendered as HTML (analysis/present/highlight.py)."""
import html
import re

import pandas as pd
import pytest

from analysis import score_corpus
from analysis.present.highlight import (CATEGORY_STYLE, STANCE_CATEGORIES, highlight_paragraphs, highlight_sentences,
                                highlight_text, legend_html, marked_words)


def _plain(fragment: str) -> str:
    """The visible text of a fragment without the superscript tags."""
    no_tags = re.sub(r"<sup\b[^>]*>.*?</sup>", "", fragment)
    return html.unescape(re.sub(r"<[^>]+>", "", no_tags))


@pytest.fixture(scope="module")
def scores(bundled):
    return score_corpus(bundled)


def test_text_is_unchanged_apart_from_the_marks():
    text = "It is clear who is responsible, and we “may” act <soon> & fast."
    spans = [{"start": 0, "end": 11, "category": "booster"}, {"start": 6, "end": 11, "category": "diplomatic"},
             {"start": 12, "end": 30, "category": "responsibility_blame"}, {"start": 40, "end": 43, "category": "hedge"}]
    out = highlight_text(text, spans)
    assert _plain(out) == text
    assert "<soon>" not in out and "&lt;soon&gt;" in out


def test_nested_spans_are_marked_once_with_the_first_category():
    out = highlight_text("made it very clear", [{"start": 8, "end": 18, "category": "booster"},
                                                {"start": 13, "end": 18, "category": "diplomatic"}])
    assert marked_words(out) == ["very ", "clear"]
    booster = CATEGORY_STYLE["booster"]["background"]
    assert out.count(booster) == 2  # the nested piece takes the booster's colour
    assert "diplomatic" in out.split("clear</mark>")[0].rsplit("<mark", 1)[1]  # ... and names both in its tooltip
    assert out.endswith("<sup style=\"font-size:70%;color:#444\">B</sup><sup style=\"font-size:70%;color:#444\">dv</sup>")


def test_partly_overlapping_spans_keep_valid_html():
    out = highlight_text("abcdef", [{"start": 0, "end": 4, "category": "hedge"},
                                    {"start": 2, "end": 6, "category": "booster"}])
    assert marked_words(out) == ["ab", "cd", "ef"]
    assert out.count("<mark") == out.count("</mark>") == 3
    assert _plain(out) == "abcdef"


def test_categories_filter_and_no_tags():
    spans = [{"start": 0, "end": 2, "category": "hedge"}, {"start": 3, "end": 5, "category": "booster"}]
    assert marked_words(highlight_text("ab cd", spans, categories=["booster"])) == ["cd"]
    assert "<sup" not in highlight_text("ab cd", spans, tags=False)
    assert highlight_text("ab cd", []) == "ab cd"


def test_an_unknown_category_still_renders():
    out = highlight_text("ab", [{"start": 0, "end": 2, "category": "my_category"}])
    assert marked_words(out) == ["ab"] and ">my_category</sup>" in out


@pytest.mark.parametrize("start,end", [(-1, 2), (3, 2), (0, 99)])
def test_offsets_outside_the_text_are_refused(start, end):
    with pytest.raises(ValueError, match="does not fit"):
        highlight_text("short", [{"start": start, "end": end, "category": "hedge"}])


def test_a_span_without_offsets_is_refused():
    with pytest.raises(ValueError, match="needs"):
        highlight_text("short", [{"category": "hedge"}])


def test_paragraphs_mark_every_stance_match_of_the_corpus(bundled, scores):
    stance = scores.matches[scores.matches["category"].isin(STANCE_CATEGORIES)]
    out = highlight_paragraphs(bundled.paragraphs, scores.matches, categories=STANCE_CATEGORIES, legend=False)
    # stance spans never overlap each other, so each match is one mark with exactly its text
    assert marked_words(out) == [html.escape(t, quote=False) for t in stance["text"]]
    n_paras = stance[["doc_id", "para"]].drop_duplicates().shape[0]
    assert out.count("· para ") == n_paras


def test_paragraph_options(bundled, scores):
    out = highlight_paragraphs(bundled.paragraphs, scores.matches, categories=["directive"],
                               heading=["outlet"], max_units=2)
    assert out.count("· para ") == 2 and "outlet: " in out
    assert legend_html(["directive"]) in out
    everything = highlight_paragraphs(bundled.paragraphs, scores.matches, only_matched=False, legend=False)
    assert everything.count("· para ") == len(bundled.paragraphs)
    assert "no matches to show" in highlight_paragraphs(bundled.paragraphs, scores.matches, categories=["none"])


def test_sentences_use_sentence_offsets_and_show_headings(scored, scores):
    china = scored[scored["side"] == "china"]
    out = highlight_sentences(china, scores.matches, categories=STANCE_CATEGORIES,
                              heading=["side", "speaker"], only_matched=False)
    assert out.count("side: china") == len(china)
    expected = scores.matches.merge(china[["doc_id", "para", "sent"]], on=["doc_id", "para", "sent"])
    expected = expected[expected["category"].isin(STANCE_CATEGORIES)]
    assert marked_words(out.split("</div>", 1)[1]) == [html.escape(t, quote=False) for t in expected["text"]]


def test_matches_from_another_text_are_refused(bundled, scores):
    shifted = scores.matches.assign(para_start=scores.matches["para_start"] + 1,
                                    para_end=scores.matches["para_end"] + 1)
    with pytest.raises(ValueError, match="another corpus"):
        highlight_paragraphs(bundled.paragraphs, shifted)


def test_missing_columns_are_named(bundled, scores):
    with pytest.raises(ValueError, match="para_start"):
        highlight_paragraphs(bundled.paragraphs, scores.matches.drop(columns="para_start"))
    with pytest.raises(ValueError, match="heading"):
        highlight_paragraphs(bundled.paragraphs, scores.matches, heading=["nope"])
    with pytest.raises(ValueError, match="DataFrame"):
        highlight_sentences([], scores.matches)


def test_legend_lists_every_category_in_order():
    assert marked_words(legend_html()) == [s["label"] for s in CATEGORY_STYLE.values()]
    assert isinstance(legend_html(pd.Series(["hedge"])), str)
