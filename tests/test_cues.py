"""Reporting cues (issue 12, item 5): characterising verbs, social media, "expressed hope", a quotation right
after its subject, "it said", offices resolved by date (roles.csv), and an empty speaker when none is found.

The sentences are written for the tests; the offices and their dates are real (Qin Gang was Chinese
foreign minister from 2022-12-30 to 2023-07-25, Wang Yi before and after; Antony Blinken US secretary of
state from 2021-01-26 to 2025-01-20).
"""
import pytest

from analysis import check_corpus, load_corpus
from analysis.measure.attribution import extract_quotes
from analysis.measure.attribution.roles import Roles
from tests.helpers import run_cli
from tests.test_transcripts import SPEAKERS, write_corpus

ROLES = """role,aliases,speaker,from,to
Chinese foreign minister,China's foreign minister;the Chinese foreign minister,Wang Yi,2013-03-16,2022-12-30
Chinese foreign minister,China's foreign minister;the Chinese foreign minister,Qin Gang,2022-12-30,2023-07-25
Chinese foreign minister,China's foreign minister;the Chinese foreign minister,Wang Yi,2023-07-25,
US secretary of state,the top US diplomat;the US secretary of state,Antony Blinken,2021-01-26,2025-01-20
"""

#: One press report, one cue shape per line (line n+1 is paragraph n: the first line is the headline).
REPORT = """Talks in Beijing end with pledges to keep talking
The talks ended late, with a US spokesperson describing them as "candid and constructive".
Chinese state media characterised the meeting as "a new starting point".
Blinken tweeted that the visit had been "productive".
Blinken's official account read: "We had a frank exchange on Taiwan."
Qin expressed hope that Washington would "meet China halfway".
Blinken expressed concern that military channels were still closed.
Blinken "underscored the importance of open lines of communication".
Qin made "clear demands" on Taiwan.
Relations between China and the US "remain at a low point".
Qin said the US must stop. The White House said the call was useful. "Both sides agreed to keep talking," it said.
The Chinese Foreign Ministry issued a statement after the call. "China will respond firmly," the statement said.
China's foreign minister said the US must "stop interfering" in the region.
Li Ming, a researcher in Shanghai, said the talks were "long overdue".
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    docs = [{"doc_id": "report", "text": REPORT, "published": "2023-06-20",
             "title": "Talks in Beijing end with pledges to keep talking"},
            {"doc_id": "autumn", "text": "In September, China's foreign minister said the US must \"stop "
                                         "interfering\" in the region.\n", "published": "2023-09-01"},
            {"doc_id": "undated", "text": "Earlier, China's foreign minister said the US must \"stop "
                                          "interfering\" in the region.\n"},
            {"doc_id": "readout", "text": "Li Ming, a researcher, said the meeting had been \"useful\".\n",
             "voice": "china", "published": "2023-06-20"}]
    root = write_corpus(tmp_path_factory.mktemp("t") / "c", docs, roles=ROLES)
    return root, extract_quotes(load_corpus(root))


def row(quotes, doc_id, para):
    rows = quotes[(quotes.doc_id == doc_id) & (quotes.para == para) & (quotes.kind != "indirect")]
    assert len(rows) >= 1, (doc_id, para)
    return rows.iloc[-1]


@pytest.mark.parametrize("para, speaker, side", [
    # "a US spokesperson describing them as": the cue is found, but speakers.csv has no such speaker, so the
    # words keep no speaker and the document's voice (rather than going to the speaker before them)
    (1, "", "press"),
    (2, "", "press"),  # "Chinese state media characterised ... as" (see the next test with a row for it)
    (3, "Antony Blinken", "us"),  # tweeted
    (4, "Antony Blinken", "us"),  # "Blinken's official account read:"
    (5, "Qin Gang", "china"),  # expressed hope that
    (7, "Antony Blinken", "us"),  # a quotation right after the name
    (8, "Qin Gang", "china"),  # "Qin made '...'": one word between
    (9, "", "press"),  # "China and the US 'remain ...'": the US is not the subject of a clause here
    (10, "White House", "us"),  # "it said" after "the White House said": not Qin, the last person
    (11, "Chinese Foreign Ministry", "china"),  # "the statement said": the institution just named
    (12, "Qin Gang", "china"),  # "China's foreign minister" on 2023-06-20
    (13, "", "press"),  # Li Ming is not in speakers.csv: no speaker, the document's voice
])
def test_cue(report, para, speaker, side):
    _, quotes = report
    r = row(quotes, "report", para)
    assert (r.speaker, r.side) == (speaker, side), r.cue


def test_a_described_group_is_its_speakers_csv_row(tmp_path):
    speakers = SPEAKERS + "Chinese state media,state media,china,state media outlets\nUS spokesperson,a US spokesperson,us,unnamed official\n"
    root = write_corpus(tmp_path / "c", [{"doc_id": "report", "text": REPORT, "published": "2023-06-20",
                                          "title": "Talks in Beijing end with pledges to keep talking"}],
                        speakers=speakers, roles=ROLES)
    q = extract_quotes(load_corpus(root))
    assert (row(q, "report", 1).speaker, row(q, "report", 1).side) == ("US spokesperson", "us")
    assert (row(q, "report", 2).speaker, row(q, "report", 2).side) == ("Chinese state media", "china")


def test_expressed_concern_is_a_reported_statement(report):
    _, quotes = report
    r = quotes[(quotes.doc_id == "report") & (quotes.para == 6)].iloc[0]
    assert (r.kind, r.speaker, r.cue) == ("indirect", "Antony Blinken", "Blinken expressed")


def test_an_office_is_whoever_held_it_on_the_documents_date(report):
    _, quotes = report
    assert row(quotes, "autumn", 1).speaker == "Wang Yi"  # 2023-09-01: Wang Yi again
    undated = row(quotes, "undated", 1)  # no date, and the office had two holders: no speaker
    assert undated.speaker == "" and "no holder of this office" in undated.cue


def test_no_speaker_keeps_the_documents_voice(report):
    _, quotes = report
    r = row(quotes, "readout", 1)
    assert (r.speaker, r.side) == ("", "china")


def test_roles_holder_by_date():
    import pandas as pd

    roles = Roles.from_table(pd.read_csv(__import__("io").StringIO(ROLES), dtype=str, keep_default_na=False))
    at = {d: roles.holder("china's foreign minister", d)
          for d in ("2013-03-15", "2013-03-16", "2022-12-29", "2022-12-30", "2023-07-24", "2023-07-25", "2026-01-01")}
    assert at == {"2013-03-15": None, "2013-03-16": "Wang Yi", "2022-12-29": "Wang Yi", "2022-12-30": "Qin Gang",
                  "2023-07-24": "Qin Gang", "2023-07-25": "Wang Yi", "2026-01-01": "Wang Yi"}
    assert roles.holder("the top us diplomat", "2025-01-19") == "Antony Blinken"
    assert roles.holder("the top us diplomat", "2025-01-20") is None  # "to" is the first day out of office
    assert roles.holder("the top us diplomat", "") == "Antony Blinken"  # one holder only: no date needed


def test_quotes_and_check_report_quotations_without_a_speaker(report):
    root, _ = report
    for command in ("quotes", "check"):
        result = run_cli(command, "--corpus", root)
        assert result.returncode == 0, result.stderr
        lines = [ln for ln in result.stderr.splitlines() if "no speaker" in ln]
        # report: 12 quotations (one a line, line 7 has none) and 3 reported statements (Blinken's concern,
        # "Qin said", "The White House said"); paras 1, 2, 9 and 13 have no speaker
        assert any("raw/report.txt" in ln and "4 of 15 quotations have no speaker" in ln for ln in lines), lines
        assert any("raw/undated.txt" in ln and "1 of 1 quotations has no speaker" in ln for ln in lines), lines
        assert any("raw/readout.txt" in ln for ln in lines) and not any("raw/autumn.txt" in ln for ln in lines)


# --------------------------------------------------------------------------- roles.csv is checked


def errors(root):
    return [str(p) for p in check_corpus(root) if p.severity == "error"]


@pytest.mark.parametrize("line, fragments", [
    ("Chinese foreign minister,,Qin Gangg,2022-12-30,2023-07-25", ["roles.csv:2:", "'Qin Gangg'", "not in speakers.csv"]),
    ("Chinese foreign minister,,Qin Gang,30/12/2022,", ["roles.csv:2:", "from '30/12/2022' is not a date"]),
    ("Chinese foreign minister,,Qin Gang,2023-07-25,2022-12-30", ["roles.csv:2:", "ends before it begins"]),
    (",,Qin Gang,,", ["roles.csv:2:", "empty role"]),
    ("Chinese foreign minister,Qin,Qin Gang,,", ["roles.csv:2:", "alias 'qin'", "also a name or alias of 'Qin Gang'"]),
])
def test_a_bad_roles_row_is_one_clear_error(tmp_path, line, fragments):
    root = write_corpus(tmp_path / "c", [{"doc_id": "a", "text": "Qin spoke.\n"}],
                        roles="role,aliases,speaker,from,to\n" + line + "\n")
    found = errors(root)
    assert len(found) == 1, found
    assert all(f in found[0] for f in fragments), found[0]
    result = run_cli("check", "--corpus", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_overlapping_terms_name_both_lines(tmp_path):
    roles = ("role,aliases,speaker,from,to\n"
             "Chinese foreign minister,,Wang Yi,2013-03-16,2023-01-31\n"
             "Chinese foreign minister,,Qin Gang,2022-12-30,2023-07-25\n")
    root = write_corpus(tmp_path / "c", [{"doc_id": "a", "text": "Qin spoke.\n"}], roles=roles)
    found = errors(root)
    assert len(found) == 1 and "roles.csv:3:" in found[0] and "(line 2)" in found[0], found


# --------------------------------------------------------------------------- offices in speakers.csv, titles

DATED_SPEAKERS = """name,aliases,side,role
Antony Blinken,Blinken;Secretary Blinken,us,US Secretary of State (2021-01-26 to 2025-01-20)
Qin Gang,Qin,china,Chinese Foreign Minister (2022-12-30 to 2023-07-25)
Wang Yi,Wang;Director Wang,china,Director of the foreign affairs office (from 2022-10); Chinese Foreign Minister (2013-03 to 2022-12-30 and from 2023-07-25)
Janet Yellen,Yellen;Secretary Yellen,us,US Treasury Secretary (2021-2025)
senior State Department official,a senior State Department official,us,unnamed official
"""


@pytest.mark.parametrize("published, speaker", [("2023-06-19", "Qin Gang"), ("2024-04-26", "Wang Yi"),
                                                ("2022-06-01", "Wang Yi")])
def test_an_office_in_the_role_column_is_dated_too(tmp_path, published, speaker):
    text = "In Beijing, China's foreign minister said the US must \"stop interfering\" in the region.\n"
    root = write_corpus(tmp_path / "c", [{"doc_id": "a", "text": text, "published": published}],
                        speakers=DATED_SPEAKERS)
    assert row(extract_quotes(load_corpus(root)), "a", 1).speaker == speaker


def test_the_top_us_diplomat_after_his_term_is_no_one(tmp_path):
    text = "The top US diplomat told reporters the visit was \"useful\".\n"
    root = write_corpus(tmp_path / "c", [{"doc_id": "a", "text": text, "published": "2025-03-01"}],
                        speakers=DATED_SPEAKERS)
    r = row(extract_quotes(load_corpus(root)), "a", 1)
    assert r.speaker == "" and "no holder" in r.cue


def test_unreadable_role_dates_are_a_warning(tmp_path):
    speakers = DATED_SPEAKERS.replace("(2021-2025)", "(since last spring)")
    root = write_corpus(tmp_path / "c", [{"doc_id": "a", "text": "Yellen spoke.\n"}], speakers=speakers)
    found = [str(p) for p in check_corpus(root) if "cannot be read" in p.message]
    assert len(found) == 1 and "speakers.csv:5:" in found[0] and "since last spring" in found[0]


def test_a_title_is_the_last_speaker_named_with_it(tmp_path):
    text = ("Secretary Blinken met Director Wang in Beijing on Friday.\n"
            "The Secretary underscored the need to keep channels open.\n"
            "Secretary Yellen, in Guangzhou, raised trade.\n"
            "The Secretary stressed that overcapacity hurts workers.\n"
            "The talks ran long, the official said.\n")
    root = write_corpus(tmp_path / "c", [{"doc_id": "a", "text": text, "published": "2024-04-26"}],
                        speakers=DATED_SPEAKERS)
    q = extract_quotes(load_corpus(root)).set_index("para")
    assert q.loc[2, "speaker"] == "Antony Blinken"  # "The Secretary" after Secretary Blinken
    assert q.loc[4, "speaker"] == "Janet Yellen"  # ... and after Secretary Yellen
    assert q.loc[5, "speaker"] == "senior State Department official"  # "the official": the only one so titled
