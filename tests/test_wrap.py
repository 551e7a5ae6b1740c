"""Hard-wrapped text: lines that continue a sentence are joined before any cleaning rule sees them.

Every text here is written for the tests, in the shapes of a repost wrapped at about 70 characters,
a transcript and a page whose paragraphs are one line each.
"""
from analysis.text.build import build_document
from analysis.text.clean import Line
from analysis.text.wrap import join_wrapped, line_starts

META = {"doc_id": "d", "file": "d.txt", "title": "Envoys meet in Vienna", "outlet": "Test", "published": "",
        "voice": "press", "meeting_id": "", "notes": ""}

# Wrapped at 70 characters by a mail program: every line but a paragraph's last is full.
WRAPPED = """Envoys meet in Vienna

The two envoys met in Vienna on Sunday for talks that both sides later
described as candid and useful, and agreed that their teams would meet
again before the end of the year to prepare a visit by the President.

Officials said the meeting had lasted about five hours. It covered trade,
the situation in the Middle East and what one official called the most
sensitive issues in the relationship between the two capitals and
their allies in the region.
"""


def lines_of(text):
    return [Line(i, t.strip()) for i, t in enumerate(text.split("\n"), 1) if t.strip()]


def test_a_wrapped_paragraph_is_one_paragraph_recording_its_lines():
    _, paras, sents, removed = build_document(META, WRAPPED)
    assert [(p["line"], p["last_line"]) for p in paras] == [(3, 5), (7, 10)]
    assert paras[0]["text"].startswith("The two envoys met in Vienna on Sunday for talks that both sides later described")
    assert paras[1]["text"].endswith("between the two capitals and their allies in the region.")
    assert [(r["line"], r["rule"]) for r in removed] == [(1, "headline")]
    # A sentence's line is the raw line it starts on.
    assert [(s["para"], s["line"]) for s in sents] == [(1, 3), (2, 7), (2, 7)]


def test_a_line_ending_a_sentence_is_not_joined_to_the_next():
    lines = lines_of("The talks began on Sunday morning in the old palace in the city centre.\n"
                     "They ended in the evening, without a statement from either of the sides.\n")
    assert [(ln.number, ln.last) for ln in join_wrapped(lines)] == [(1, 0), (2, 0)]


def test_speaker_labels_and_datelines_start_a_paragraph():
    text = ("Thank you all for coming to this briefing on the visit, and for your\n"
            "SECRETARY BLINKEN: patience with the schedule of the day, which has been long for\n"
            "Q: everyone who travelled with us from Washington to Beijing this week and the\n"
            "BEIJING, June 19 (Xinhua) -- Chinese and US officials met in the capital on the\n")
    assert [ln.number for ln in join_wrapped(lines_of(text))] == [1, 2, 3, 4]


def test_a_headline_is_not_joined_onto_the_body():
    text = ("Envoys agree to keep talking\n"
            "The two envoys met in Vienna on Sunday for talks that both sides later\n"
            "described as candid and useful, and agreed that their teams would meet\n"
            "again before the end of the year to prepare a visit by the President.\n")
    assert [(ln.number, ln.last) for ln in join_wrapped(lines_of(text))] == [(1, 0), (2, 4)]


def test_short_lines_and_long_lines_are_left_alone():
    menu = lines_of("Home\nWorld\nMarkets\nOpinion\n")
    assert join_wrapped(menu) == menu
    # One paragraph a line (longer than any wrapping width), the first without a full stop.
    long = lines_of("The two envoys met in Vienna on Sunday for talks that both sides later described as "
                    "candid and useful and agreed to meet again before the end of the year\n"
                    "officials from both sides said on Monday that the next round would be held in Geneva, "
                    "where the two teams first met two years ago.\n")
    assert join_wrapped(long) == long


def test_lines_kept_apart_are_never_joined():
    text = ("The two envoys met in Vienna on Sunday for talks that both sides later\n"
            "described as candid and useful, and agreed that their teams would meet\n")
    assert [ln.number for ln in join_wrapped(lines_of(text), keep_apart=frozenset({2}))] == [1, 2]


def test_a_compound_broken_at_its_hyphen_is_one_word_again():
    first = "The two envoys met in Vienna on Sunday for talks on the future of the U.S.-"
    text = f"{first}\nled coalition and agreed that their teams would meet again in the autumn.\n"
    (joined,) = join_wrapped(lines_of(text))
    assert "the U.S.-led coalition" in joined.text and joined.last == 2
    assert line_starts(joined, {1: first, 2: text.split("\n")[1]}) == [(0, 1), (len(first), 2)]


def test_nothing_is_lost_when_lines_are_joined():
    """Every raw line is in exactly one paragraph or removed row, and the paragraph holds its text."""
    _, paras, _, removed = build_document(META, WRAPPED)
    raw = {i: t.strip() for i, t in enumerate(WRAPPED.split("\n"), 1) if t.strip()}
    covered = {}
    for row in paras + removed:
        for n in range(row["line"], row["last_line"] + 1):
            assert n not in covered, n
            covered[n] = row["text"]
            assert raw[n] in row["text"]
    assert sorted(covered) == sorted(raw)
