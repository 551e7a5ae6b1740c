"""Quotations, speakers, sides and meetings (issue 4): extraction, attribution, validation, evaluation."""
import io
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import CorpusError, check_corpus, load_corpus
from analysis.measure.attribution import (
    QUOTE_COLUMNS,
    Speakers,
    attribute,
    attribute_sentences,
    evaluate_quotes,
    extract_quotes,
    find_quotations,
    load_gold,
    quote_warnings,
)
from analysis.text.corpus import Corpus
from tests.helpers import run_cli

DATA = Path(__file__).parent / "data"
UNSEEN = DATA / "unseen_quotes"

# Floors set from the measurement (README figures) with a small margin; a change
# that drops below them has made attribution worse.
BUNDLED_FLOORS = {"recall": 0.95, "precision": 0.95, "speaker_accuracy": 0.95,
                  "side_accuracy": 0.95, "meeting_accuracy": 0.90}


@pytest.fixture(scope="module")
def quotes(bundled):
    return extract_quotes(bundled)


@pytest.fixture(scope="module")
def unseen():
    return load_corpus(UNSEEN)


def quote(frame, start_of_text):
    rows = frame[frame.text.str.startswith(start_of_text)]
    assert len(rows) == 1, (start_of_text, rows)
    return rows.iloc[0]


# --------------------------------------------------------------------------- tables


def test_bundled_tables_are_loaded_and_valid(bundled):
    assert {"speakers", "meetings"} <= set(bundled.tables)
    assert set(bundled.tables["speakers"].side) <= {"us", "china", "third-party", "press"}
    assert check_corpus() == []


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(corpus):
    return [str(p) for p in check_corpus(corpus) if p.severity == "error"]


def test_unknown_side(corpus_copy):
    edit(corpus_copy / "speakers.csv", "Qin Gang,Qin,china,", "Qin Gang,Qin,chinese,")
    found = messages(corpus_copy)
    assert len(found) == 1 and "speakers.csv:3:" in found[0] and "unknown side 'chinese'" in found[0], found


def test_duplicate_alias_names_both_lines(corpus_copy):
    edit(corpus_copy / "speakers.csv", "Xi Jinping,Xi;", "Xi Jinping,Xi;BLINKEN;")
    found = messages(corpus_copy)
    assert len(found) == 1, found
    assert "speakers.csv:5:" in found[0] and "'blinken'" in found[0] and "line 2" in found[0]


def test_meetings_problems_all_reported_in_one_run(corpus_copy):
    meetings = corpus_copy / "meetings.csv"
    edit(meetings, "blinken-qin-talks,2023-06-18,", "blinken-wang-talks,2023-06-18,")  # duplicate id
    edit(meetings, "blinken-xi-meeting,2023-06-19,", "blinken-xi-meeting,19 June 2023,")  # bad date
    edit(meetings, "Antony Blinken;Xi Jinping,", "Antony Blinken;Xi Jinpin,")  # unknown participant
    edit(corpus_copy / "articles.csv", ",press,,\"Syndicated copy", ",press,no-such-meeting,\"Syndicated copy")
    found = messages(corpus_copy)
    assert len(found) == 4, found
    joined = "\n".join(found)
    assert "duplicate meeting_id 'blinken-wang-talks'" in joined
    assert "date '19 June 2023' is not a date" in joined
    assert "participant 'Xi Jinpin'" in joined and "not in speakers.csv" in joined
    assert "articles.csv:3:" in joined and "'no-such-meeting' is not in meetings.csv" in joined
    result = run_cli("quotes", "--corpus", corpus_copy)
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stdout == ""


def test_corpus_without_tables_still_extracts(corpus_copy):
    (corpus_copy / "speakers.csv").unlink()
    (corpus_copy / "meetings.csv").unlink()
    corpus = load_corpus(corpus_copy)
    q = extract_quotes(corpus)
    assert len(q) > 50 and (q.speaker == "").all() and (q.meeting_id == "").all()
    assert set(attribute_sentences(corpus).side) == {"press"}


# --------------------------------------------------------------------------- quotation marks


def test_multi_paragraph_quotation():
    qs, warns = find_quotations(["“First part.", "“Second part,” she said."])
    assert warns == []
    assert [(s.para, s.start, s.end) for s in qs[0].segments] == [(1, 1, 12), (2, 1, 13)]


@pytest.mark.parametrize("paras", [
    ["”", "“", "\"", "“ ”", "a ” b “ c"],
    ["He said “never.", "Next line."],
    ["“Open “twice” here.”"],
    ["", "   ", "\"\"\"", "“”"],
])
def test_unbalanced_marks_never_crash(paras):
    qs, warns = find_quotations(paras)
    for q in qs:
        for s in q.segments:
            assert 0 <= s.start < s.end <= len(paras[s.para - 1])
    assert all(1 <= p <= len(paras) for p, _, _ in warns)


def test_unclosed_quote_is_reported_with_its_place(unseen):
    warns = quote_warnings(unseen)
    assert warns[["doc_id", "para"]].values.tolist() == [["tianjin-report", 11]]
    assert "never closed" in warns.message.iloc[0]
    result = run_cli("quotes", "--corpus", UNSEEN)
    assert result.returncode == 0
    assert "tianjin-report paragraph 11" in result.stderr and "never closed" in result.stderr


# --------------------------------------------------------------------------- attribution on the bundled corpus


def test_quotes_frame_columns(quotes):
    assert quotes.columns.tolist() == QUOTE_COLUMNS
    assert quotes.quote_id.is_unique
    assert set(quotes.kind) == {"direct", "partial", "indirect"}


def test_offsets_point_at_the_quoted_text(bundled, quotes):
    paras = {(d, p): t for d, p, t in bundled.paragraphs[["doc_id", "para", "text"]].itertuples(index=False)}
    for r in quotes.itertuples(index=False):
        assert paras[(r.doc_id, r.para)][r.start:r.end] == r.text


@pytest.mark.parametrize("start, speaker, side", [
    ("At this time, China has not agreed", "Antony Blinken", "us"),  # machine translation: "she opined"
    ("would not be in our interest", "Antony Blinken", "us"),  # "the secretary added"
    ("The world needs a stable", "Xi Jinping", "china"),  # "Xi told Blinken, according to a Chinese reading"
    ("The statement said Xi told Blinken", "Chinese Foreign Ministry", "china"),  # the statement = that reading
    ("It is clear who is responsible", "Qin Gang", "china"),  # "Qin said, according to the Chinese Foreign Ministry"
    ("China has always viewed", "Qin Gang", "china"),  # "He added"
    ("We are not going to Beijing", "Daniel Kritenbrink", "us"),  # misspelt Krittenbrink, apposition
    ("It lasted about half an hour", "senior State Department official", "us"),  # "according to a State Department official"
    ("trip is essential", "Vivian Balakrishnan", "third-party"),
    ("But his visit may well restart", "Danny Russel", "third-party"),  # quotation continuing the previous one
    ("focused on removing obstacles", "Chinese embassy", "china"),
])
def test_speaker_and_side(quotes, start, speaker, side):
    row = quote(quotes, start)
    assert (row.speaker, row.side) == (speaker, side), row.cue


@pytest.mark.parametrize("start, meeting", [
    ("We are working to put some stability", "cnn-zakaria-interview"),
    ("It is clear who is responsible", "blinken-qin-call"),
    ("We must reverse the downward spiral", "blinken-wang-talks"),
    ("candid, substantive and constructive", "sullivan-wang-vienna"),
    ("It was clear that the relationship", "blinken-beijing-press-conference"),
])
def test_meeting_and_its_evidence(quotes, start, meeting):
    row = quote(quotes, start)
    assert row.meeting_id == meeting
    assert row.meeting_evidence.startswith(meeting)


def test_kinds(quotes):
    assert quote(quotes, "sincere, substantive and constructive").kind == "partial"
    assert quote(quotes, "Those sanctions don").kind == "direct"
    assert quote(quotes, "He further said that the US position").kind == "indirect"


# --------------------------------------------------------------------------- sentences


def test_attribute_sentences_keeps_the_frame_and_adds_columns(bundled):
    before = bundled.sentences.copy()
    s = attribute_sentences(bundled)
    pd.testing.assert_frame_equal(bundled.sentences, before)  # pure: the corpus is not changed
    assert s.columns.tolist()[:len(before.columns)] == before.columns.tolist()
    assert {"speaker", "side", "meeting_id", "quote_id", "reported_speaker", "meeting_evidence"} <= set(s.columns)
    assert len(s) == len(before)
    pd.testing.assert_frame_equal(s, attribute_sentences(bundled))  # deterministic


def test_sentence_sides(bundled):
    s = attribute_sentences(bundled).set_index(["doc_id", "para", "sent"])
    assert s.loc[("cnn-stability", 4, 2), ["speaker", "side"]].tolist() == ["Antony Blinken", "us"]  # "Now we are."
    assert s.loc[("cnnbrasil-progress", 21, 2), "side"] == "china"
    narration = s[s.speaker == ""]
    assert set(narration.side) == {"press"}  # news reports: narration is the press's voice
    assert set(s.side) <= {"us", "china", "third-party", "press"}


@pytest.mark.parametrize("doc_id, side, meeting, reported", [
    ("zhou-marsh-readout", "china", "zhou-marsh-talks", "Helen Marsh"),  # reports the other side's words too
    ("marsh-gao-readout", "us", "marsh-gao-call", "Gao Ping"),
])
def test_readout_is_its_government_side_throughout(unseen, doc_id, side, meeting, reported):
    s = attribute_sentences(unseen)
    readout = s[s.doc_id == doc_id]
    assert set(readout.side) == {side}
    assert set(readout.meeting_id) == {meeting}
    assert reported in set(readout.reported_speaker)


def test_document_nouns_with_a_side(unseen):
    q = extract_quotes(unseen)
    row = quote(q, "A US statement said Marsh told Gao")  # "a US statement": a US source, not the last one cited
    assert (row.speaker, row.side) == ("Commerce Department", "us")


def test_straight_quotes_over_two_paragraphs(unseen):
    q = extract_quotes(unseen)
    a, b = quote(q, "Such practices seriously violate"), quote(q, "China will take necessary measures")
    assert a.quotation == b.quotation and (a.speaker, b.speaker) == ("Chen Yu", "Chen Yu")


# --------------------------------------------------------------------------- unseen articles


@pytest.mark.parametrize("start, speaker, meeting", [
    ("frank and useful", "Helen Marsh", "marsh-news-conference"),  # "..., calling her meetings"
    ("We came to make sure", "Helen Marsh", "marsh-news-conference"),  # cue in the next paragraph
    ("That has happened", "Helen Marsh", "marsh-news-conference"),
    ("stop politicising trade", "Zhou Ming", "zhou-marsh-talks"),  # told ..., according to a readout
    ("properly handle differences", "Chinese Commerce Ministry", "zhou-marsh-talks"),  # "the readout said"
    ("China's door", "Zhou Ming", "zhou-marsh-talks"),  # straight quotes
    ("According to the Chinese Commerce Ministry", "Zhou Ming", "zhou-marsh-talks"),
    ("A senior Commerce Department official", "senior Commerce Department official", "zhou-marsh-talks"),
    ("lowers the temperature", "Li Wen", ""),
])
def test_unseen_report(unseen, start, speaker, meeting):
    row = quote(extract_quotes(unseen), start)
    assert (row.speaker, row.meeting_id) == (speaker, meeting), row.cue


def test_multi_paragraph_quote_shares_one_quotation(unseen):
    q = extract_quotes(unseen)
    a, b = quote(q, "We came to make sure"), quote(q, "That has happened")
    assert a.quotation == b.quotation and (a.para, b.para) == (2, 3)
    s = attribute_sentences(unseen).set_index(["doc_id", "para", "sent"])
    assert s.loc[("tianjin-report", 3, 1), "side"] == "us"


# --------------------------------------------------------------------------- gold and evaluation


def test_gold_covers_every_article(bundled):
    gold = load_gold(corpus=bundled)
    assert set(gold.doc_id) == set(bundled.documents.doc_id)
    assert len(gold) >= 100


def test_evaluation_on_bundled_corpus(bundled):
    result = evaluate_quotes(bundled).set_index("measure")["value"]
    for key, floor in BUNDLED_FLOORS.items():
        assert result[key] >= floor, (key, result)


def test_evaluation_on_unseen_articles(unseen):
    table = evaluate_quotes(unseen).set_index("measure")
    result = table["value"]
    assert table.at["recall", "n"] == 26  # gold quotations in tests/data/unseen_quotes
    assert result["recall"] >= 0.9 and result["side_accuracy"] >= 0.95 and result["meeting_accuracy"] >= 0.85, result


def test_bad_gold_row_is_a_clear_error(bundled, tmp_path):
    path = tmp_path / "gold.csv"
    path.write_text("doc_id,para,sent,text,kind,speaker,side,meeting_id\n"
                    "cnn-stability,2,1,words that are not there,direct,Antony Blinken,us,\n"
                    "cnn-stability,2,1,We are working,quoted,Antony Blinken,usa,\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_gold(path, corpus=bundled)
    text = str(err.value)
    assert "gold.csv:2:" in text and "not found" in text
    assert "gold.csv:3:" in text and "unknown kind 'quoted'" in text and "unknown side 'usa'" in text


# --------------------------------------------------------------------------- command line


def test_quotes_command_writes_csv(tmp_path):
    result = run_cli("quotes")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert table.columns.tolist() == QUOTE_COLUMNS
    out = tmp_path / "quotes.csv"
    result = run_cli("quotes", "-o", out)
    assert result.returncode == 0 and result.stdout == ""
    assert pd.read_csv(out, keep_default_na=False).shape == table.shape


def test_quotes_command_on_a_missing_corpus(tmp_path):
    result = run_cli("quotes", "--corpus", tmp_path / "nowhere")
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stdout == ""


# --------------------------------------------------------------------------- aliases and speed


def test_curly_and_straight_apostrophes_are_one_alias(corpus_copy):
    # The check and the matcher normalise aliases with one function: what one calls the same, so does the other.
    edit(corpus_copy / "speakers.csv", "Xi Jinping,Xi;", "Xi Jinping,Xi;China’s embassy;")
    found = messages(corpus_copy)
    assert len(found) == 1 and "speakers.csv:29:" in found[0], found  # the Chinese embassy's line
    assert "alias \"china's embassy\" of 'Chinese embassy'" in found[0] and "'Xi Jinping' on line 5" in found[0]
    speakers = Speakers.from_table(load_corpus(UNSEEN).tables["speakers"])
    mentions = [m for text in ("China’s Commerce Ministry said", "China's Commerce Ministry said")
                for m in speakers.mentions(text)]
    assert [m.speaker for m in mentions if m.kind == "name"] == ["Chinese Commerce Ministry"] * 2


#: An invented one-paragraph article: direct quotes with the cue after them, an inversion, a pronoun and an
#: indirect statement, repeated.
LONG_LINES = ["“The river keeps its course,” Velt said.", "“Lanterns need oil before dusk,” said Oren Task.",
              "She added that the bridges would open in spring.", "“We counted every boat twice,” he noted."]


def long_article(n_sentences):
    text, spans = "", []
    for i in range(n_sentences):
        sentence = LONG_LINES[i % len(LONG_LINES)]
        text += " " if text else ""
        spans.append((i + 1, len(text), len(text) + len(sentence)))
        text += sentence
    speakers = pd.DataFrame({"name": ["Mara Velt", "Oren Task"], "aliases": ["Velt", "Task"],
                             "side": ["us", "china"], "role": ["harbour envoy", "river minister"]})
    return Corpus(
        path=None,
        documents=pd.DataFrame([{"doc_id": "long", "voice": "press", "meeting_id": ""}]),
        paragraphs=pd.DataFrame([{"doc_id": "long", "para": 1, "text": text, "line": 1}]),
        sentences=pd.DataFrame([{"doc_id": "long", "para": 1, "sent": k, "start": a, "end": b, "text": text[a:b]}
                                for k, a, b in spans]),
        removed=pd.DataFrame(), tables={"speakers": speakers})


def seconds_to_attribute(corpus, repeats=3):
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        sentences, quotes, _ = attribute(corpus)
        best = min(best, time.perf_counter() - start)
    return best, sentences, quotes


def test_long_paragraph_attributes_in_linear_time():
    attribute(long_article(40))  # warm up
    small, sentences, quotes = seconds_to_attribute(long_article(400))
    assert len(quotes) == 400
    assert set(quotes.speaker[::4]) == {"Mara Velt"} and set(quotes.speaker[1::4]) == {"Oren Task"}
    assert quotes.speaker.tolist()[2:4] == ["Oren Task", "Oren Task"]  # "She added", "he noted": the last person
    assert (sentences.speaker[quotes.kind != "indirect"] != "").all()
    assert small < 1.0, f"400 sentences took {small:.2f} s"
    large, _, quotes = seconds_to_attribute(long_article(800))
    assert len(quotes) == 800
    assert large < 3 * small, f"twice the sentences took {large / small:.1f} times as long (quadratic?)"


def test_check_and_quotes_name_each_document_with_quotations_without_a_speaker():
    """Issue 12: an instructor sees the gap instead of a silent ``press`` side, one line per document."""
    for command in ("check", "quotes"):
        result = run_cli(command)
        assert result.returncode == 0, result.stderr
        lines = [ln for ln in result.stderr.splitlines() if "no speaker" in ln]
        # Two of the five bundled articles have one scare quote each (no reporting verb around it).
        assert len(lines) == 2, lines
        assert any("corpus/raw/002_246477a67c63dd9f.txt" in ln and "1 of 42 quotations has no speaker" in ln
                   and "1 partial" in ln for ln in lines), lines
