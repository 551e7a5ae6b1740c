"""Mixed pages (issue 12, item 7): voices.csv gives a range of a document's raw lines another voice (and
meeting); check reports every bad row with its file and line. The page is written for the tests."""
import pytest

from analysis import check_corpus, load_corpus
from analysis.measure.attribution import attribute
from tests.helpers import run_cli
from tests.test_transcripts import write_corpus

MEETINGS = """meeting_id,date,place,participants,description
beijing-2024,2024-04-26,Beijing,Antony Blinken;Wang Yi,Talks of five hours
"""
#: A live page (voice press) that pastes two passages of a Chinese readout (lines 4-5) and one of a US
#: readout (line 8). Blank line 6 is part of no paragraph.
LIVE = """Live: Blinken in Beijing
14:05 The talks have started at a state guesthouse, our correspondent writes.
Here is what the Chinese foreign ministry has just published:
Wang Yi stressed that the United States should stop suppressing China's development.
The Chinese side expressed hope that the two countries would keep talking.

15:40 And the State Department's account, in full:
The Secretary reaffirmed that the United States will continue to defend its interests.
16:10 That is all for today.
"""
VOICES = """doc_id,first_line,last_line,voice,meeting_id,note
live,4,5,china,beijing-2024,passages of the Chinese readout
live,8,8,us,,the US readout
"""


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    root = write_corpus(tmp_path_factory.mktemp("v") / "c", [
        {"doc_id": "live", "text": LIVE, "published": "2024-04-26", "title": "Live: Blinken in Beijing"}],
        meetings=MEETINGS, voices=VOICES)
    return root, attribute(load_corpus(root))


def test_a_range_speaks_in_its_voice(live):
    _, (sentences, _, _) = live
    sides = dict(zip(sentences.line, sentences.side))
    assert sides == {2: "press", 3: "press", 4: "china", 5: "china", 7: "press", 8: "us", 9: "press"}


def test_a_range_places_its_narration_at_its_meeting(live):
    _, (sentences, _, _) = live
    by_line = sentences.set_index("line")
    assert by_line.loc[5, "meeting_id"] == "beijing-2024"
    assert "voices.csv" in by_line.loc[5, "meeting_evidence"]
    assert by_line.loc[9, "meeting_id"] == ""  # outside the range: no meeting given


def test_statements_in_a_range_are_that_sides(live):
    _, (_, quotes, _) = live
    row = quotes[quotes.text.str.startswith("Wang Yi stressed")].iloc[0]
    assert (row.speaker, row.side, row.meeting_id) == ("Wang Yi", "china", "beijing-2024")
    assert "voices.csv" in row.meeting_evidence


# --------------------------------------------------------------------------- check


def errors(root):
    return [str(p) for p in check_corpus(root) if p.severity == "error"]


@pytest.mark.parametrize("row, fragments", [
    ("nowhere,4,5,china,,", ["voices.csv:2:", "doc_id 'nowhere' is not in articles.csv"]),
    ("live,four,5,china,,", ["voices.csv:2:", "first_line 'four' is not a line number"]),
    ("live,0,5,china,,", ["voices.csv:2:", "first_line '0' is not a line number"]),
    ("live,5,4,china,,", ["voices.csv:2:", "first_line 5 is after last_line 4"]),
    ("live,4,40,china,,", ["voices.csv:2:", "last_line 40 is past the end of raw/live.txt (10 lines)"]),
    ("live,4,5,chinese,,", ["voices.csv:2:", "unknown voice 'chinese'"]),
    ("live,4,5,china,no-such-talks,", ["voices.csv:2:", "meeting_id 'no-such-talks' is not in meetings.csv"]),
])
def test_a_bad_row_is_one_clear_error(tmp_path, row, fragments):
    root = write_corpus(tmp_path / "c", [{"doc_id": "live", "text": LIVE}], meetings=MEETINGS,
                        voices="doc_id,first_line,last_line,voice,meeting_id,note\n" + row + "\n")
    found = errors(root)
    assert len(found) == 1, found
    assert all(f in found[0] for f in fragments), found[0]
    result = run_cli("check", "--corpus", root)
    assert result.returncode == 1 and "Traceback" not in result.stderr and fragments[1] in result.stderr


def test_overlapping_ranges_name_both_lines(tmp_path):
    voices = "doc_id,first_line,last_line,voice\nlive,2,5,china\nlive,8,9,us\nlive,5,6,us\n"
    root = write_corpus(tmp_path / "c", [{"doc_id": "live", "text": LIVE}], voices=voices)
    found = errors(root)
    assert len(found) == 1 and "voices.csv:4:" in found[0] and "lines 5-6" in found[0] and "(line 2)" in found[0]


def test_a_meeting_id_needs_a_meetings_table(tmp_path):
    root = write_corpus(tmp_path / "c", [{"doc_id": "live", "text": LIVE}], voices=VOICES)
    found = errors(root)
    assert len(found) == 1 and "voices.csv:2:" in found[0] and "no meetings.csv" in found[0], found
