"""Transcripts (issue 12, item 4): speaker labels make the following sentences that speaker's.

Every text here is written for the tests, in the shape of an embassy or State Department transcript
page; the people are real office holders, the words are not theirs. ``write_corpus`` is the small
corpus builder the other attribution tests use too.
"""
import csv
import io
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.measure.attribution import attribute
from analysis.measure.attribution.speakers import Speakers
from analysis.measure.attribution.transcripts import TRANSCRIPT_MIN_LABELS, find_turns, read_label
from tests.helpers import run_cli

SPEAKERS = """name,aliases,side,role
Antony Blinken,Blinken;Secretary Blinken;the Secretary,us,US Secretary of State
Xi Jinping,Xi;President Xi,china,President of China
Matthew Miller,Miller,us,State Department spokesman
Qin Gang,Qin,china,Chinese Foreign Minister
Wang Yi,Wang;Director Wang,china,director of the Chinese Communist Party's foreign affairs office
White House,,us,institution
Chinese Foreign Ministry,,china,institution
US government,the US;Washington,us,institution
"""


def write_corpus(root: Path, docs: list[dict], speakers: str | None = SPEAKERS, meetings: str | None = None,
                 roles: str | None = None, voices: str | None = None) -> Path:
    """A corpus folder: one raw file per ``docs`` entry (doc_id, text, and optionally voice, published,
    meeting_id, title) and the tables given as CSV text."""
    (root / "raw").mkdir(parents=True)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["doc_id", "file", "title", "outlet", "published", "voice", "meeting_id"])
    for d in docs:
        (root / "raw" / f"{d['doc_id']}.txt").write_text(d["text"], encoding="utf-8")
        w.writerow([d["doc_id"], f"{d['doc_id']}.txt", d.get("title", "unknown"), "test", d.get("published", ""),
                    d.get("voice", "press"), d.get("meeting_id", "")])
    (root / "articles.csv").write_text(out.getvalue(), encoding="utf-8")
    for name, text in (("speakers", speakers), ("meetings", meetings), ("roles", roles), ("voices", voices)):
        if text is not None:
            (root / f"{name}.csv").write_text(text, encoding="utf-8")
    return root


TITLE = "Secretary Blinken at the Start of a Meeting with President Xi"
#: An embassy page (voice us) in the shape of a State Department transcript.
EMBASSY = f"""{TITLE}
SECRETARY BLINKEN: Thank you very much, Mr. President. We came to talk openly about our differences.
PRESIDENT XI: (Via interpreter) Mr. Secretary, welcome to China. The world needs a stable relationship.
We hope the US side will take a rational attitude.
As I told President Biden, “China and the United States should be partners, not rivals.”
QUESTION: Mr. Secretary, did the Chinese side agree to restore military channels?
Director Wang said today that the talks were useful. Do you agree?
MR. MILLER: We have time for one more question.
MR MILLER: Go ahead, please.
Q: Will President Xi visit the United States this year?
AMBASSADOR BURNS: I would only add that our embassy worked hard on this visit.
"""


@pytest.fixture(scope="module")
def embassy(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("t") / "c", [
        {"doc_id": "embassy", "text": EMBASSY, "voice": "us", "published": "2023-06-19", "title": TITLE}])
    return root, attribute(load_corpus(root))


def by_line(sentences):
    return {ln: (sp, si) for ln, sp, si in zip(sentences.line, sentences.speaker, sentences.side)}


def test_every_sentence_of_a_turn_is_its_labelled_speakers(embassy):
    _, (sentences, _, _) = embassy
    got = by_line(sentences)
    assert got == {2: ("Antony Blinken", "us"), 3: ("Xi Jinping", "china"),
                   4: ("Xi Jinping", "china"), 5: ("Xi Jinping", "china"),  # no label: the turn goes on
                   6: ("", "press"), 7: ("", "press"), 8: ("Matthew Miller", "us"), 9: ("Matthew Miller", "us"),
                   10: ("", "press"), 11: ("", "us")}  # unknown label: no speaker, the page's voice
    # Both of Xi's sentences on line 3, although the document's voice is us.
    assert sentences[sentences.line == 3].side.tolist() == ["china", "china"]


def test_turns_are_not_quotes_rows_but_their_quotations_are(embassy):
    _, (sentences, quotes, _) = embassy
    # A turn is the sentence frame's speaker, not a quotation: the quotes table keeps the quotations and
    # reported statements inside turns, so a question that reports Director Wang is one row of his.
    assert "transcript" not in set(quotes.kind)
    told = quotes[quotes.text.str.startswith("China and the United States should be partners")].iloc[0]
    assert (told.speaker, told.side) == ("Xi Jinping", "china")  # no cue: the turn's speaker ("As I told ...")
    wang = quotes[quotes.text.str.startswith("Director Wang said today")].iloc[0]
    assert (wang.kind, wang.speaker, wang.side) == ("indirect", "Wang Yi", "china")
    question = sentences[sentences.text.str.startswith("Director Wang said today")].iloc[0]
    assert (question.speaker, question.side, question.reported_speaker) == ("", "press", "Wang Yi")


def test_unknown_label_is_one_warning_naming_it(embassy):
    root, (_, _, warnings) = embassy
    assert len(warnings) == 1
    w = warnings.iloc[0]
    assert (w.doc_id, w.line) == ("embassy", 11) and "'AMBASSADOR BURNS'" in w.message
    result = run_cli("quotes", "--corpus", root)
    assert result.returncode == 0 and "AMBASSADOR BURNS" in result.stderr
    result = run_cli("check", "--corpus", root)
    assert result.returncode == 0 and "embassy.txt:11:" in result.stderr and "AMBASSADOR BURNS" in result.stderr


@pytest.mark.parametrize("text, kind, speaker", [
    ("SECRETARY BLINKEN: Yes.", "speaker", "Antony Blinken"),  # an alias as written
    ("MR. MILLER: Yes.", "speaker", "Matthew Miller"),  # a title stripped
    ("MR MILLER: Yes.", "speaker", "Matthew Miller"),
    ("PRESIDENT XI: (Via interpreter) Yes.", "speaker", "Xi Jinping"),
    ("FOREIGN MINISTER QIN: Yes.", "speaker", "Qin Gang"),
    ("Q: Yes?", "press", None), ("MODERATOR: Next.", "press", None), ("QUESTION: Why?", "press", None),
    ("Wang Yi: Yes.", "speaker", "Wang Yi"),  # mixed case: only when it resolves (or as a weak label)
    ("AMBASSADOR BURNS: Yes.", "titled", None),
    ("WHY IT MATTERS: Trade.", None, None),  # an explainer's heading
    ("Note: the talks ran late.", None, None), ("UPDATE: The call ended.", None, None),
    ("Blinken said: yes.", None, None),
])
def test_reading_a_label(text, kind, speaker):
    label = read_label(text, SPEAKERS_MATCHER, "")
    assert (label.kind if label else None, label.speaker if label else None) == (kind, speaker)


def _speakers():
    import pandas as pd

    return Speakers.from_table(pd.read_csv(io.StringIO(SPEAKERS), dtype=str, keep_default_na=False))


SPEAKERS_MATCHER = _speakers()


def test_labels_count_only_in_a_transcript():
    # A news page with a note and an update: never turns.
    news = ["Note: the talks were held behind closed doors.", "The two sides met for five hours.",
            "UPDATE: The State Department said the call had ended.", "BEIJING: Officials gave no details."]
    assert find_turns(news, SPEAKERS_MATCHER, "") == [None] * 4
    # One label is not an exchange (TRANSCRIPT_MIN_LABELS is 2) ...
    assert TRANSCRIPT_MIN_LABELS == 2
    one = ["SECRETARY BLINKEN: Good morning.", "We had a long day."]
    assert find_turns(one, SPEAKERS_MATCHER, "") == [None, None]
    # ... nor is one label repeated.
    twice = ["QUESTION: First?", "QUESTION: Second?"]
    assert find_turns(twice, SPEAKERS_MATCHER, "") == [None, None]
    # Two labels by two voices are: and then a weak label (an outlet) opens a turn too.
    brief = ["Intro line.", "MR MILLER: Good afternoon.", "QUESTION: On China?", "Bloomberg: And Taiwan?"]
    turns = find_turns(brief, SPEAKERS_MATCHER, "")
    assert turns[0] is None and [t.label.kind for t in turns[1:]] == ["speaker", "press", "weak"]


def test_a_news_page_with_a_note_keeps_its_voice(tmp_path):
    text = ("Blinken and Qin met in Beijing for more than five hours on Sunday.\n"
            "Note: The meeting was the first of its kind in years, officials said.\n"
            "UPDATE: A second round of talks began on Monday morning.\n")
    root = write_corpus(tmp_path / "c", [{"doc_id": "news", "text": text}])
    sentences, quotes, warnings = attribute(load_corpus(root))
    assert set(sentences.side) == {"press"} and set(sentences.speaker) == {""}
    assert "transcript" not in set(quotes.kind) and warnings.empty


# --------------------------------------------------------------------------- held-back label forms (issue 12)

QA_SPEAKERS = SPEAKERS + "Lin Jian,Lin;Spokesperson Lin Jian;林剑,china,Chinese Foreign Ministry spokesperson\n"


@pytest.mark.parametrize("text, kind", [
    ("Q    Madam Secretary, will you go to Beijing?", "press"),  # White House style: no colon, spaces
    ("Q\tOne more on tariffs?", "press"),
    ("Question: What is your comment?", "press"),
    ("问：你对此有何评论？", "press"),
    ("Answer: We firmly oppose it.", "answer"),
    ("Spokesperson: Such claims have no basis.", "answer"),
    ("答：中方坚决反对。", "answer"),
    ("Q and A sessions ran late.", None),  # one space: prose
    ("注意：会议推迟了。", None),  # an unknown CJK word before a colon
])
def test_reading_question_and_answer_labels(text, kind):
    label = read_label(text, SPEAKERS_MATCHER, "", "Lin Jian")
    assert (label.kind if label else None) == kind
    if kind == "answer":
        assert label.speaker == "Lin Jian"


def test_a_q_and_a_page_gives_the_answers_to_the_speaker_its_title_names(tmp_path):
    text = ("Question: The ministry announced new duties yesterday. What is your comment?\n"
            "Answer: China firmly opposes the new duties. They break the rules of trade.\n"
            "We urge the other side to lift them.\n"
            "Question: Will China respond?\n"
            "Spokesperson: China will take the measures it needs.\n")
    zh = "问：美方宣布加征关税。你对此有何评论？\n答：中方坚决反对。我们将采取必要措施。\n"
    root = write_corpus(tmp_path / "c", [
        {"doc_id": "qa", "text": text, "voice": "china", "title": "Spokesperson Lin Jian's Remarks on New Duties"},
        {"doc_id": "zh", "text": zh, "voice": "china", "title": "外交部发言人林剑就美方加征关税答记者问"}],
        speakers=QA_SPEAKERS)
    sentences, _, _ = attribute(load_corpus(root))
    got = list(zip(sentences.doc_id, sentences.speaker, sentences.side))
    assert got == [("qa", "", "press"), ("qa", "", "press"),
                   ("qa", "Lin Jian", "china"), ("qa", "Lin Jian", "china"), ("qa", "Lin Jian", "china"),
                   ("qa", "", "press"), ("qa", "Lin Jian", "china"),
                   ("zh", "", "press"), ("zh", "", "press"), ("zh", "Lin Jian", "china"), ("zh", "Lin Jian", "china")]


def test_a_white_house_style_q_is_the_press_not_the_last_speaker(tmp_path):
    text = ("SECRETARY BLINKEN: Thank you all. We had a useful day of talks.\n"
            "Q    Mr. Secretary, did you raise the detained citizens?\n"
            "SECRETARY BLINKEN: I did, at length.\n")
    root = write_corpus(tmp_path / "c", [{"doc_id": "gaggle", "text": text, "voice": "us"}])
    sentences, _, _ = attribute(load_corpus(root))
    assert list(zip(sentences.speaker, sentences.side)) == [
        ("Antony Blinken", "us"), ("Antony Blinken", "us"), ("", "press"), ("Antony Blinken", "us")]
