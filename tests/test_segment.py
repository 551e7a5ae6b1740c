"""Sentence splitting: abbreviations, numbers, quotations, broken input."""
import pytest

from analysis.text.segment import count_words, split_sentences


def sents(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. and China met on Jan. 5 with Dr. Lee. He left at 4:34 pm.",
     ["The U.S. and China met on Jan. 5 with Dr. Lee.", "He left at 4:34 pm."]),
    ("The talks lasted 5.5 hours. Both sides spoke.", ["The talks lasted 5.5 hours.", "Both sides spoke."]),
    ("“Is it over?” she asked. “No.”", ["“Is it over?” she asked.", "“No.”"]),
    ("He said “we will see.” Then he left.", ["He said “we will see.”", "Then he left."]),
    # A quotation running over three sentences is split inside, and the cue stays with its sentence.
    ("“We were not talking. Now we are. We have groups,” the minister said. “Early days.”",
     ["“We were not talking.", "Now we are.", "We have groups,” the minister said.", "“Early days.”"]),
    ('"Straight quotes work. They do," she said.', ['"Straight quotes work.', 'They do," she said.']),
    # Broken input: a stray full stop before a lower-case word, and a lone full stop.
    ("The sides agreed on bilateral talks. between the two powers.", ["The sides agreed on bilateral talks. between the two powers."]),
    ("He spoke on Wednesday. .", ["He spoke on Wednesday. ."]),
    # An unbalanced quotation mark does not swallow the rest of the paragraph.
    ("“We are working. And more. Then he stopped.", ["“We are working.", "And more.", "Then he stopped."]),
    ("No final full stop here", ["No final full stop here"]),
])
def test_split_sentences(text, expected):
    assert sents(text) == expected


def test_offsets_exclude_surrounding_space():
    text = "  One sentence.   Two sentences.  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["One sentence.", "Two sentences."]
    assert spans[0][0] == 2


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("   ") == []


@pytest.mark.parametrize("text, n", [("", 0), ("It’s a work-in-progress.", 3), ("U.S. talks, 5.5 hours at 4:34 pm", 7), ("Xi’s “core interests”", 3)])
def test_count_words(text, n):
    assert count_words(text) == n
