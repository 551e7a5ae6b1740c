"""Languages of paragraphs and sentences: the script step, the English rule, the identifier."""
from pathlib import Path

import pandas as pd
import pytest

from analysis.text import language
from analysis.text.language import (identify, is_english, lang_by_rules, mostly_not_english, paragraph_lang,
                                    script_lang, sentence_lang)

PARAGRAPHS = Path(__file__).parent / "data" / "language_paragraphs.csv"
TABLE = pd.read_csv(PARAGRAPHS, keep_default_na=False, dtype=str)


@pytest.mark.parametrize("text, lang, kind", list(TABLE[["text", "lang", "kind"]].itertuples(index=False, name=None)))
def test_written_paragraphs(text, lang, kind):
    assert paragraph_lang(text) == lang, kind


def test_the_table_has_the_shapes_the_rules_are_for():
    counts = TABLE["kind"].value_counts()
    for kind in ("english", "chinese", "mixed_en_zh", "mixed_zh_en", "names", "numbers", "three_words", "other"):
        assert counts.get(kind, 0) >= 3, kind
    assert len(TABLE) >= 60


def test_english_marker_step_changes_no_answer():
    for text in TABLE["text"]:
        assert lang_by_rules(text, identify) == lang_by_rules(text, identify, markers=False), text


@pytest.mark.parametrize("text, expected", [
    ("", ""), ("  ", ""), ("2023-06-19 10:42", ""), ("— 8013947 —", ""),
    ("会谈是坦诚的。", "zh"), ("雙方同意繼續溝通。", "zh"), ("米国務長官は北京で会談した。", "ja"),
    ("The talks were candid.", None), ("Wang said “不”.", None),
    # 3 CJK of 10 letters (30%): the CJK part is the larger in content.
    ("Xi said “和为贵” o", "zh"),
    # 3 CJK of 11 letters (27%): under the share.
    ("Xi said “和为贵” ok", None),
    # Kana: 1 of 10 CJK characters (10%) makes it Japanese; Chinese has none.
    ("中美关系很重要会谈し", "ja"), ("中美关系很重要会谈谈し", "zh"),  # 1 of 11: under the share
])
def test_script_step(text, expected):
    assert script_lang(text) == expected


def test_short_latin_lines_are_english_unless_the_identifier_is_very_sure():
    sure_french = lambda t: ("fr", 0.95)  # noqa: E731
    unsure_french = lambda t: ("fr", 0.85)  # noqa: E731
    assert lang_by_rules("Merci à tous", sure_french) == "fr"
    assert lang_by_rules("Merci à tous", unsure_french) == "en"
    # Six words or more: a lower confidence suffices.
    assert lang_by_rules("Le ministre est arrivé hier soir", lambda t: ("fr", 0.6)) == "fr"
    assert lang_by_rules("Le ministre est arrivé hier soir", lambda t: ("fr", 0.4)) == "en"
    # py3langid's labels for "no language" and Nigerian Pidgin read as English.
    assert lang_by_rules("to change an exercise.", lambda t: ("pcm", 0.99)) == "en"
    assert lang_by_rules("OK OK", lambda t: ("zxx", 0.99)) == "en"


def test_other_alphabets_take_the_identifier_answer():
    assert lang_by_rules("Лавров", lambda t: ("ru", 0.2)) == "ru"
    assert paragraph_lang("Министр прибыл в Пекин.") == "ru"


def test_plain_english_does_not_ask_the_identifier():
    def refuse(text):
        raise AssertionError("the identifier was asked")
    assert lang_by_rules("The minister said that the two sides would meet again.", refuse) == "en"
    assert lang_by_rules("中美关系很重要。", refuse) == "zh"
    assert lang_by_rules("12:30", refuse) == ""


def test_identifier_reads_only_the_start_of_a_long_paragraph(monkeypatch):
    seen = []

    class Fake:
        def classify(self, text):
            seen.append(len(text))
            return "en", 1.0

    monkeypatch.setattr(language, "_identifier", lambda: Fake())
    identify("word " * 100_000)
    assert seen == [language.IDENTIFY_CHARS]


def test_deterministic_and_the_model_loads_once():
    texts = TABLE["text"].tolist()
    assert [paragraph_lang(t) for t in texts] == [paragraph_lang(t) for t in texts]
    assert language._identifier.cache_info().currsize == 1


@pytest.mark.parametrize("text, para, expected", [
    ("中美关系很重要。", "en", "zh"),
    ("“不接受任何干涉。", "en", "zh"),
    ("Wang said “不” twice.", "en", "en"),
    ("Then he left.", "zh", "zh"),
    ("5.", "en", "en"),
    ("5.", "zh", "zh"),
    ("米国は会談した。", "en", "ja"),
])
def test_sentence_lang(text, para, expected):
    assert sentence_lang(text, para) == expected


def test_is_english():
    assert [is_english(c) for c in ("en", "", "zh", "ja", "fr", "pcm")] == [True, True, False, False, False, False]
    assert is_english(None) and is_english(float("nan"))


@pytest.mark.parametrize("words, expected", [
    ({"zh": 300, "en": 40}, True),
    ({"zh": 51, "en": 49}, True),
    ({"zh": 50, "en": 50}, False),  # exactly half: not "more than half"
    ({"en": 10, "": 500}, False),  # words with no letters count for neither side
    ({"zh": 10, "": 500}, True),
    ({"fr": 30, "zh": 30, "en": 50}, True),
    ({}, False),
    ({"": 12}, False),
])
def test_mostly_not_english(words, expected):
    assert mostly_not_english(words) is expected
