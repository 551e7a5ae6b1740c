"""Meetings (issue 12, item 6): never after the document's date, datelines and destinations are not places,
a place counts where something happens at it, "X told Y", the latest of tied meetings, named dates,
weekdays of the week, and occasions the table does not list.

The meetings are real ones (dates and places as reported); every sentence is written for the tests.
"""
import io

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.measure.attribution import extract_quotes
from analysis.measure.attribution.meetings import RECENT_DAYS, Meetings
from analysis.measure.attribution.places import dateline_end, place_words
from analysis.measure.attribution.speakers import Speakers
from tests.test_transcripts import write_corpus

SPEAKERS = """name,aliases,side,role
Antony Blinken,Blinken,us,US Secretary of State
Qin Gang,Qin,china,Chinese Foreign Minister
Wang Yi,Wang,china,director of the foreign affairs office
Xi Jinping,Xi,china,President of China
Joe Biden,Biden,us,US President
Jake Sullivan,Sullivan,us,US national security adviser
Daniel Osei,Osei,third-party,analyst (invented for the tests)
US government,Washington;the United States,us,institution
"""
MEETINGS = """meeting_id,date,place,participants,description
beijing-2023,2023-06-18,"Diaoyutai State Guesthouse, Beijing",Antony Blinken;Qin Gang,Talks and a working dinner
washington-2023,2023-10-26,"Department of State, Washington, D.C.",Antony Blinken;Wang Yi,Talks in Washington
woodside-2023,2023-11-15,"Filoli Estate, Woodside, California",Joe Biden;Xi Jinping,Summit
vienna-2023,2023-05,Vienna,Jake Sullivan;Wang Yi,Closed-door talks
beijing-2024,2024-04-26,Beijing,Antony Blinken;Wang Yi,Talks of five hours
xi-2024,2024-04-26,"Great Hall of the People, Beijing",Antony Blinken;Xi Jinping,Meeting of 80 minutes
"""


def table(text):
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def meetings():
    return Meetings(table(MEETINGS), Speakers.from_table(table(SPEAKERS)))


def test_never_a_meeting_after_the_documents_date(meetings):
    ids = [m.meeting_id for m in meetings.items]
    allowed = lambda day: {i for i, ok in zip(ids, meetings.allowed(day)) if ok}  # noqa: E731
    assert allowed("2023-06-20") == {"beijing-2023", "vienna-2023"}
    # A partial date counts from its first day: May 2023 may be reported from 2023-05-01 on.
    assert "vienna-2023" in allowed("2023-05-01") and "vienna-2023" not in allowed("2023-04-30")
    assert allowed("") == set(ids)  # undated document: every meeting
    text = "Blinken and Wang Yi met in Washington."
    assert meetings.score(text, None, published="2023-06-20")[0] != "washington-2023"
    assert meetings.score(text, None, published="2023-11-01")[0] == "washington-2023"


@pytest.mark.parametrize("text, words", [
    ("WASHINGTON (Reuters) - The two sides met.", set()),  # the dateline says where the story was filed
    ("BEIJING, June 19 (Xinhua) -- The talks ended.", set()),
    ("WASHINGTON/BEIJING, April 26 (Reuters) - Talks went on.", set()),
    ("Blinken invited Qin to visit Washington.", set()),  # a destination
    ("Blinken will travel to Beijing next week.", set()),
    ("Washington would act if Beijing did not change course.", set()),  # governments, not places
    ("Xie Feng, China's ambassador in Washington, spoke.", set()),  # a posting
    ("The State Department said the talks went well.", set()),  # not the place "Department of State"
    ("They met in Beijing's imposing Great Hall of the People.", {"beijing", "great", "hall", "people"}),
    ("Talks in Vienna came first; the Vienna talks were candid.", {"vienna"}),
    ("They met on the sidelines of the Munich Security Conference.", {"munich", "security", "conference"}),
])
def test_place_words(text, words):
    assert place_words(text) == words


def test_a_dateline_needs_an_agency_a_date_or_capitals():
    assert dateline_end("Washington (CNN) — Talks began.") == len("Washington (CNN) — ")
    assert dateline_end("Blinken - who had flown in - spoke.") == 0


def test_a_destination_is_no_evidence(meetings):
    mid, why = meetings.score("Blinken invited Wang Yi to visit Washington.", None, published="2023-11-01")
    assert mid == "washington-2023" and "Washington" not in why  # the two participants, not the place


def test_whom_the_speaker_told_or_met(meetings):
    mid, why = meetings.score("Xi told Blinken the two countries should be partners.", None, quoted="Xi Jinping",
                              published="2024-04-26")
    assert (mid, why) == ("xi-2024", "xi-2024: Xi Jinping told or met Antony Blinken")
    # Blinken and Wang met twice before 2024-04-26: the one in the week up to the report.
    assert meetings.score("Wang told Blinken that ties were stabilising.", None, quoted="Wang Yi",
                          published="2024-04-26")[0] == "beijing-2024"
    # Without "told": the speaker and a name beside it are no pair ("meetings with officials, including Xi").
    assert meetings.score("After meetings with officials, including Xi, Blinken said", None,
                          quoted="Antony Blinken", published="2024-04-26")[0] == ""


def test_ties_go_to_the_latest_meeting_of_the_week(meetings):
    assert RECENT_DAYS == 7
    mid, why = meetings.score("Blinken and Wang Yi held talks.", None, published="2024-04-27")
    assert mid == "beijing-2024" and "latest of the tied meetings" in why
    # Six months later the two meetings are both old: no choice.
    assert meetings.score("Blinken and Wang Yi held talks.", None, published="2024-10-27")[0] == ""


def test_a_named_date_rules_out_other_days(meetings):
    # The Woodside summit was on November 15: "on April 2" is another occasion (a phone call).
    assert meetings.score("Biden and Xi spoke by phone on April 2.", None, published="2024-04-26")[0] == ""
    assert meetings.score("Biden and Xi met on Nov. 15.", None, published="2024-04-26")[0] == "woodside-2023"


def test_a_weekday_is_a_day_of_the_reports_week(meetings):
    # 2023-11-15 was a Wednesday: evidence the day after, not five months later.
    assert meetings.score("On Wednesday, Xi said", None, quoted="Xi Jinping",
                          published="2023-11-16")[0] == "woodside-2023"
    assert meetings.score("On Wednesday, Xi said", None, quoted="Xi Jinping", published="2024-04-26")[0] == ""


def test_a_place_alone_does_not_place_an_outsider(meetings):
    # Biden took no part in the Washington talks: "In Washington" says where he spoke, not that he was there.
    assert meetings.score("In Washington, Biden said", None, quoted="Joe Biden", published="2023-11-01")[0] == ""
    assert meetings.score("In Washington, Wang said", None, quoted="Wang Yi",
                          published="2023-11-01")[0] == "washington-2023"


REPORT = """Blinken and Wang hold talks in Beijing
Blinken told Wang Yi that the United States was "deeply concerned" about Russia.
Speaking to reporters later, Blinken said China "must stop" supplying Russia's arms makers.
"We will act if it does not," he said.
Osei said the talks were "overdue".
Wang said the US must "stop interfering" in China's affairs.
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("m") / "c", [
        {"doc_id": "report", "text": REPORT, "published": "2024-04-26", "meeting_id": "beijing-2024",
         "title": "Blinken and Wang hold talks in Beijing"}], speakers=SPEAKERS, meetings=MEETINGS)
    return extract_quotes(load_corpus(root)).set_index("para")


@pytest.mark.parametrize("para, meeting, evidence", [
    (1, "beijing-2024", "told or met"),  # Blinken told Wang: their latest meeting
    (2, "", ""),  # "speaking to reporters later": an occasion the table does not list
    (3, "", ""),  # ... and his next words are still there
    (4, "", ""),  # an analyst: the report's meeting_id is not where he spoke
    (5, "beijing-2024", "the document's meeting_id (a china speaker)"),
])
def test_meetings_in_a_press_report(report, para, meeting, evidence):
    row = report.loc[para]
    assert row.meeting_id == meeting and evidence in row.meeting_evidence, row.meeting_evidence
