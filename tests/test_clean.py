"""Cleaning rules on text nobody tuned them to, and the pattern lexicon as data."""
import csv
import re
from importlib import resources

from analysis.text.clean import Line, boilerplate_patterns, classify_lines

from .conftest import DATA


def lines_of(text):
    return [Line(i, t.strip()) for i, t in enumerate(text.split("\n"), 1) if t.strip()]


def test_unseen_article():
    text = (DATA / "unseen_article.txt").read_text(encoding="utf-8")
    removed = classify_lines(lines_of(text), title="Harbour talks end with pledge to keep talking")
    assert removed == {
        1: "site_chrome", 2: "dateline", 3: "headline", 5: "repeated_headline",
        11: "credit", 12: "credit", 14: "subheading", 18: "site_chrome",
        19: "site_chrome", 20: "author_bio", 23: "site_chrome",
    }


def test_headline_found_without_a_title():
    removed = classify_lines(lines_of("Talks end in Vienna\n\nThe two envoys met for eight hours."), title="")
    assert removed == {1: "headline"}


def test_first_sentence_is_not_a_headline():
    removed = classify_lines(lines_of("The two envoys met on Sunday.\nThey spoke for hours."), title="unknown")
    assert removed == {}


def test_last_unpunctuated_line_is_kept():
    """A page often cuts the final sentence short; it is text, not a heading."""
    removed = classify_lines(lines_of("The envoys met on Sunday.\nMedia had reported on the base"), title="")
    assert removed == {}


def test_sentences_that_look_like_chrome_are_kept():
    body = [
        "Read more than a dozen statements and you see a pattern in how both sides describe talks.",
        "Sources close to the talks said the mood was calm.",
        "He is a former reporter who now advises the council.",
        "Share prices rose after the meeting.",
    ]
    assert classify_lines(lines_of("The envoys met.\n" + "\n".join(body)), title="") == {}


def test_every_pattern_matches_its_example():
    path = resources.files("analysis") / "lexicons" / "boilerplate.csv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and set(rows[0]) == {"rule", "pattern", "example", "note"}
    for row in rows:
        assert re.search(row["pattern"], row["example"], re.IGNORECASE), row
        assert row["note"].strip(), row
    assert len(boilerplate_patterns()) == len(rows)


def test_every_rule_has_an_origin(bundled):
    """Removed lines say who wrote them: the outlet (editorial) or the page around the article."""
    from analysis.text.clean import EDITORIAL_RULES, boilerplate_patterns, rule_origin

    pattern_rules = {r for r, _ in boilerplate_patterns()}
    assert "credit" in pattern_rules & EDITORIAL_RULES  # a photo credit is the newsroom's own line
    assert rule_origin("site_chrome") == "not article text" and rule_origin("subheading") == "editorial"
    removed = bundled.removed
    assert (removed["origin"] == removed["rule"].map(rule_origin)).all()
    assert set(removed["origin"]) == {"editorial", "not article text"}
    headlines = removed[removed.rule == "headline"]
    assert len(headlines) and (headlines.origin == "editorial").all()
