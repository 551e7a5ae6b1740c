"""Directives and who must act: the addressee rules, the party names, the counts by addressee.

Every sentence here was written for these tests, in the shapes US and PRC readouts take.
"""
import pandas as pd
import pytest

from analysis.errors import CorpusError
from analysis.measure.addressee import resolve
from analysis.measure.parties import addressee_table
from analysis.measure.scoring import find_matches, score_paragraphs, score_sentences
from analysis.measure.stance import find_stance


def addressees(text, side=None):
    """The addressee of each directive or self-obligation, in order, joined by ';'."""
    return ";".join(m.addressee for m in find_stance(text, side=side) if m.lexicon == "directives")


@pytest.mark.parametrize("side, text, expected", [
    # the subject of a modal, read from the speaker's side
    ("china", "Wang Yi said the U.S. side should stop meddling in Hong Kong affairs.", "us"),
    ("us", "Wang Yi said the U.S. side should stop meddling in Hong Kong affairs.", "self"),
    ("us", "The Secretary said Washington must keep investing in its alliances.", "self"),
    ("china", "Washington must stop sending wrong signals to separatist forces.", "us"),
    ("us", "China must stop its dangerous intercepts.", "china"),
    ("china", "China must stay the course on opening up.", "self"),
    ("china", "We must keep our door open.", "self"),
    ("us", "Officials said the two sides need to restore military hotlines.", "both"),
    ("china", "Both countries should expand flights between them.", "both"),
    ("us", "The PRC and the United States ought to cooperate on fentanyl.", "both"),
    ("us", "Russia must pull its troops out of Ukraine.", "other"),
    ("china", "The parties concerned on the Peninsula should show restraint.", "other"),
    ("us", "PRC authorities should release the detained journalists.", "china"),
    ("china", "The U.S. side's sanctions on Chinese firms must be lifted at once.", "us"),
    ("china", "The U.S. side, for its part, should take concrete steps.", "us"),
    ("us", "The world's two largest economies have a special responsibility to lead.", "both"),
    # requests: the object, or the subject of a passive
    ("china", "China urges the United States to stop using Taiwan to contain China.", "us"),
    ("us", "The Secretary pressed Beijing once again to curb precursor exports.", "china"),
    ("us", "The Secretary called on the PRC to refrain from provocative actions.", "china"),
    ("china", "The U.S. side is urged to abide by its commitments.", "us"),
    ("us", "The Secretary asked that the PRC share information on traffickers.", "china"),
    ("china", "Wang asked Blinken to convey the message to Washington.", "us"),
    ("us", "Blinken urged his Chinese counterpart to use China's influence with Moscow.", "china"),
    # hope, it is X for Y to
    ("china", "China hopes the U.S. side will meet China halfway.", "us"),
    ("us", "The Secretary expressed hope that the two militaries will keep talking.", "both"),
    ("china", "It is imperative for the U.S. side to correct its mistakes.", "us"),
    ("us", "It is important for both sides to keep channels open.", "both"),
    # two demands on two parties
    ("china", "The U.S. side should lift the tariffs, and the two sides should keep talking.", "us;both"),
])
def test_addressee_of_each_directive(side, text, expected):
    assert addressees(text, side) == expected


@pytest.mark.parametrize("text", [
    "It must be pointed out that the U.S. side has not changed course.",
    "It should be noted that China took strict measures.",
    "It needs to be stressed that the rules apply to all.",
    "Choices need to be made about the future of the relationship.",
    "The meeting should help prepare the leaders' call.",
    "There must be no war in the Strait.",
    "The Secretary discussed whether the two sides should open a new channel.",
    "Both leaders affirmed the need to keep communicating.",
    "Blinken called on President Xi at the Great Hall of the People.",
    "He was asked about the tariffs.",
    "Officials expect the talks to resume next month.",
    "Xi told Biden that Taiwan is the most important question.",
    "China will never accept the so-called ruling.",
    "China hopes the talks will bring results.",
    "It takes time for trust to be built.",
    "The talks will continue, while encouraging allies to do the same.",
    "He spoke from the press podium to the cameras.",
])
def test_no_party_no_directive(text):
    assert [m.text for m in find_stance(text) if m.lexicon == "directives"] == []


@pytest.mark.parametrize("text, expected", [
    ("President Biden urged President Xi to press Moscow to end the war.", [("urged", "china")]),
    ("The two governments should encourage students to visit.", [("should", "both")]),
])
def test_a_relayed_request_is_not_a_second_directive(text, expected):
    assert [(m.text, m.addressee) for m in find_stance(text, side="us") if m.lexicon == "directives"] == expected


def test_self_obligation_follows_the_side():
    text = "China must keep global supply chains open."
    assert [(m.category, m.addressee) for m in find_stance(text, side="china")] == [("self_obligation", "self")]
    assert [(m.category, m.addressee) for m in find_stance(text, side="us")] == [("directive", "china")]
    # side not known (press narration, no side column): the country stays itself
    assert [(m.category, m.addressee) for m in find_stance(text, side="press")] == [("directive", "china")]


@pytest.mark.parametrize("raw, side, expected", [
    (["us", "china"], None, "both"),
    (["china"], "china", "self"),
    (["us"], "china", "us"),
    (["counterpart"], "us", "china"),
    (["counterpart"], "china", "us"),
    (["counterpart"], None, "other"),
    (["self", "china"], "us", "both"),
    (["other", "china"], "us", "china"),
    (["other", "other"], "us", "other"),
])
def test_resolve_by_hand(raw, side, expected):
    assert resolve(raw, side) == expected


def test_the_pronoun_us_is_not_the_country():
    assert addressees("He asked us to wait.", side="china") == "self"
    assert addressees("He asked the US to wait.", side="china") == "us"


def test_counts_by_addressee_and_their_sum():
    frame = pd.DataFrame({"doc_id": ["a", "a", "b"], "para": [1, 1, 1], "sent": [1, 2, 1],
                          "side": ["china", "china", "us"],
                          "text": ["The U.S. side should stop and the two sides must talk.",
                                   "China must stay open, and all parties should show restraint.",
                                   "Beijing must stop. We need to do more."]})
    out = score_sentences(frame)
    cols = ["directives", "self_obligations", "directives_us", "directives_china", "directives_both",
            "directives_other"]
    assert out[cols].values.tolist() == [[2, 0, 1, 0, 1, 0], [1, 1, 0, 0, 0, 1], [1, 1, 0, 1, 0, 0]]
    para = score_paragraphs(pd.DataFrame({"doc_id": ["a", "b"], "para": [1, 1], "text": ["x", "y"]}), out)
    assert para[cols].values.tolist() == [[3, 1, 1, 0, 1, 1], [1, 1, 0, 1, 0, 0]]


def test_matches_carry_the_addressee():
    frame = pd.DataFrame({"doc_id": ["a"], "para": [1], "sent": [1], "side": ["us"],
                          "text": ["The Secretary urged Beijing to act, and the US must lead."]})
    m = find_matches(frame)
    assert m[m.lexicon == "directives"][["text", "category", "addressee"]].values.tolist() == [
        ["urged", "directive", "china"], ["must", "self_obligation", "self"]]
    assert set(m[m.lexicon != "directives"]["addressee"]) <= {""}


def test_addressee_csv_problems_name_the_file_and_line(tmp_path):
    path = tmp_path / "addressees.csv"
    path.write_text("entry,addressee,kind,source,note\nBeijing,china,name,x,\nthe U.S.,usa,name,x,\n"
                    "Beijing,china,name,x,\nChinese,china,adverb,x,\nTokyo,other,name,,\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        addressee_table(path)
    text = str(err.value)
    assert "addressees.csv:3" in text and "'usa' is unknown" in text
    assert "addressees.csv:4" in text and "listed twice (also line 2" in text
    assert "addressees.csv:5" in text and "not 'name' or 'adjective'" in text
    assert "addressees.csv:6" in text and "no source" in text


def test_the_bundled_addressee_list_reads():
    table, longest = addressee_table()
    assert table[("us", "side")] == ("us", "name") and table[("two", "sides")] == ("both", "name")
    assert longest >= 4


def test_compare_sides_shows_the_demands_each_side_puts_on_the_other():
    from analysis.compare.sides import compare_sides

    frame = pd.DataFrame({"meeting_id": ["m"] * 3, "side": ["us", "china", "china"], "n_words": [10, 10, 10],
                          "text": ["Beijing must stop. We must lead.", "The U.S. side should stop.",
                                   "The two sides should talk, and China must stay open."]})
    scored = score_sentences(frame)
    t = compare_sides(scored, n_boot=50).set_index("side")
    cols = ["directives_us", "directives_china", "directives_both", "directives_other", "self_obligations",
            "demands_on_other_side"]
    assert t.loc["us", cols].tolist() == [0, 1, 0, 0, 1, 1]
    assert t.loc["china", cols].tolist() == [1, 0, 1, 0, 1, 1]
