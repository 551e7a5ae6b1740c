"""Hedges, boosters, directives, framing: the documented traps."""
import pytest

from analysis.measure.stance import find_stance


def found(text, lexicon=None):
    return [(m.text, m.category) for m in find_stance(text) if lexicon is None or m.lexicon == lexicon]


@pytest.mark.parametrize("text, expected", [
    ("An incident in May when a jet flew in front.", []),
    ("Officials met on May 5.", []),
    ("May 5 was the date.", []),
    ("Companies that may be providing technology.", [("may", "hedge")]),
    ("His visit may well restart dialogue.", [("may", "hedge")]),
])
def test_may_month_versus_modal(text, expected):
    assert found(text, "hedges") == expected


@pytest.mark.parametrize("text, expected", [
    ("It lasted about half an hour.", [("about", "approximator")]),
    ("It was announced about an hour before.", [("about", "approximator")]),
    ("About 30 people came.", [("About", "approximator")]),
    ("He raised concerns about the actions.", []),
    ("Groups that are about to engage.", []),
    ("What we are concerned about, however.", []),
])
def test_about_only_before_a_quantity(text, expected):
    assert found(text, "hedges") == expected


def test_will_is_not_a_booster():
    assert found("We will continue to do things that China will not like.", "boosters") == []


@pytest.mark.parametrize("text, n", [
    ("It is clear who is responsible.", 1),
    ("It was clear that the relationship was at a tipping point.", 1),
    ("I was very clear with my Chinese counterparts.", 1),
    ("We’ve made very clear that we think it matters.", 1),
    ("He made it “very clear” to them.", 1),
    ("Profound differences were also clear during the meeting.", 0),
    ("We are going to communicate clearly.", 0),
    ("He stated clearly that the sanctions stay.", 1),  # before a that-clause it vouches for the claim
    ("The weather was clear.", 0),
])
def test_clear_only_in_booster_frames(text, n):
    assert len(found(text, "boosters")) == n


@pytest.mark.parametrize("text, expected", [
    ("Likewise, the United States must also respect China.", [("must", "directive")]),
    ("The US needs to give up the illusion.", [("needs to", "directive")]),
    # issue 16: a subject that names no party is no directive (it was counted before)
    ("A choice needs to be made.", []),
    ("It must be pointed out that the US has not stopped.", []),
    ("I think this is an issue that we have to keep working on.", [("have to", "self_obligation")]),
    ("We must reverse the downward spiral.", [("must", "self_obligation")]),
    ("Both agreed on the need to stabilize relations.", []),
    ("He was asked whether the US should lift the penalty.", []),
    ("It is for China to decide whether or not he should be engaging.", []),
    ("China should stop the drills.", [("should", "directive")]),
    ("We ask the Chinese government to be vigilant.", [("We ask", "directive")]),
    ("Wang demanded that the US stop suppressing China.", [("demanded that", "directive")]),
])
def test_directives_versus_self_obligation(text, expected):
    assert found(text, "directives") == expected


def test_hedges_i_think_and_believe():
    assert found("I believe we can, I think, get to a resolution.", "hedges") == [
        ("I believe", "hedge"), ("I think", "hedge")]


def test_make_sure_is_not_a_booster():
    assert found("We want to make sure that we don’t have a conflict.", "boosters") == []
    assert found("I am sure of it.", "boosters") == [("sure", "booster")]


def test_framing_categories():
    text = ("Wang blamed Washington’s misperception as the root cause and said Taiwan is a core interest; "
            "both sides want dialogue, not confrontation.")
    cats = sorted(c for _, c in found(text, "framing"))
    assert cats == ["conflict_confrontation", "cooperation_stability", "responsibility_blame",
                    "responsibility_blame", "responsibility_blame", "sovereignty_core_interests"]


@pytest.mark.parametrize("text, expected", [
    ("It is necessary for the U.S. side to reflect deeply.", [("necessary for", "directive")]),
    ("It's important for both sides to keep talking.", [("important for", "directive")]),
    ("It is incumbent upon Washington to correct course.", [("incumbent upon", "directive")]),
    ("It is important to keep talking.", []),
    ("Trade is important for the two economies.", []),
    ("The PRC is urged to release the detained Americans.", [("urged", "directive")]),
    ("The U.S. side is called on to stop its harassment.", [("called on", "directive")]),
    ("China asked the U.S. side to stop the smear campaign.", [("asked", "directive")]),
    ("He was asked whether the U.S. would respond.", []),
    ("The Secretary called on Beijing to exercise restraint.", [("called on", "directive")]),
    ("The Secretary called on President Xi in Beijing.", []),
    ("China hopes the U.S. side will honor its word.", [("hopes", "directive")]),
    ("China hopes to see progress.", []),
    ("The United States should stop arming Taiwan.", [("should", "directive")]),
    ("The Philippines must not cross the line.", [("must", "directive")]),
    ("The two countries have a shared responsibility to act on climate.", [("responsibility to", "directive")]),
    ("It should be stressed that the rules are lawful.", []),
    ("The press was told to wait outside.", []),
])
def test_issue16_directive_patterns(text, expected):
    assert found(text, "directives") == expected
