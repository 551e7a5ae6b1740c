"""Cleaning measured against line labels, and gold located by text (issue 12's measuring tools)."""
from __future__ import annotations

import pytest

from analysis.errors import CorpusError
from analysis.measure.attribution import evaluate_quotes, load_gold
from analysis.text.corpus import load_corpus
from analysis.text.line_labels import cleaning_by_line, evaluate_cleaning, load_line_labels

PAGE = """Share this
Ministers meet in Lisbon
Lisbon, May 3 -- The two ministers met on Tuesday and agreed to meet again.
"We had frank talks," the minister said.
Advertisement
"""


@pytest.fixture()
def tiny(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "doc_id,file,title,outlet,published,voice\n"
        "a,a.txt,Ministers meet in Lisbon,unknown,2024-05-03,press\n", encoding="utf-8")
    (tmp_path / "lines.csv").write_text(
        "doc_id,line,label,kind\na,1,chrome,share\na,2,headline,\na,3,article,\na,4,article,\n"
        "a,5,chrome,ad\n", encoding="utf-8")
    return tmp_path


def test_cleaning_figures_count_lines_kept_by_paragraphs(tiny):
    corpus = load_corpus(tiny)
    labels = load_line_labels(tiny / "lines.csv")
    figures = evaluate_cleaning(corpus, labels).set_index("measure")
    # Lines 1 and 5 are chrome; the share button and the ad line are both page furniture.
    kept = cleaning_by_line(corpus, labels).set_index("line").kept.to_dict()
    assert kept[3] and kept[4] and not kept[2]
    assert figures.loc["chrome_recall", "n"] == 2
    assert figures.loc["chrome_recall", "value"] == (int(not kept[1]) + int(not kept[5])) / 2
    assert figures.loc["article_lines_removed"].tolist() == [2, 0.0]
    assert figures.loc["headline_lines_removed"].tolist() == [1, 1.0]


def test_a_bad_label_names_file_and_line(tiny):
    (tiny / "lines.csv").write_text("doc_id,line,label,kind\na,x,chrom,\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_line_labels(tiny / "lines.csv")
    text = str(err.value)
    assert "lines.csv:2" in text and "chrom" in text and "not a number" in text


def test_gold_without_paragraph_numbers_is_found_by_text(tiny):
    corpus = load_corpus(tiny)
    gold_file = tiny / "gold.csv"
    gold_file.write_text("doc_id,para,sent,text,kind,speaker,side,meeting_id\n"
                         "a,,,We had frank talks,direct,,press,\n"
                         "a,,,words that are nowhere,direct,,press,\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not found"):
        load_gold(gold_file, corpus=corpus)
    gold = load_gold(gold_file, corpus=corpus, missing="keep")
    para = corpus.paragraphs.loc[corpus.paragraphs.text.str.contains("frank"), "para"].iloc[0]
    assert gold.para.tolist() == [para, 0]
    text = corpus.paragraphs.set_index("para").at[para, "text"]
    assert text[gold.start[0]:gold.end[0]] == "We had frank talks"
    recall = evaluate_quotes(corpus, gold).set_index("measure").loc["recall"]
    assert recall.n == 2 and recall.value <= 0.5  # the missing row counts against recall


def test_missing_must_be_raise_or_keep(tiny):
    with pytest.raises(ValueError, match="missing"):
        load_gold(tiny / "gold.csv", corpus=load_corpus(tiny), missing="skip")
