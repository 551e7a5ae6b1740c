"""Repetition across documents: a site's chrome on pages of different stories is removed; a story
syndicated by other outlets, and a sentence two outlets print, are kept.

The pages are written for the tests, in the shapes of a government site (two readouts), a wire
story carried by three sites, and a live page that pastes a readout.
"""
import csv
import io

import pandas as pd

from analysis import analyse, load_corpus
from analysis.text.recurring import line_key, outlet_key, recurring_lines

# Lines no boilerplate pattern knows: only their repetition tells that they are the site's.
BANNER = ["An official website of the Republic of Examplia", "Here is how you can tell", "Ministry of Harbours",
          "Press Office | Speeches | Archive"]
FOOTER = ["Privacy | Accessibility | Site map", "Harbour Bulletin No. 12"]
WIRE = [
    "PORTVILLE, May 2 (Wire) - The harbour ministers of Examplia and Ruritania met on Tuesday for five hours "
    "and agreed to reopen the ferry line that has been closed since the storms of last winter, officials said.",
    "“We have agreed to keep talking,” the Examplian minister said.",
    "The two sides will meet again in the autumn to sign an agreement on pilots and tugs, according to a joint "
    "statement issued after the talks in the old customs house on the waterfront.",
]
ATTRIBUTION = "The following is attributable to Spokesperson Ana Lind:"
LEDGER_FOOT = "The Ledger, Portville's own newspaper"


def page(*parts):
    return "\n\n".join(line for part in parts for line in part) + "\n"


def write(root, docs):
    """A corpus folder: ``docs`` is [(doc_id, outlet, title, text)]."""
    (root / "raw").mkdir(parents=True)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["doc_id", "file", "title", "outlet", "published", "voice"])
    for doc_id, outlet, title, text in docs:
        (root / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        w.writerow([doc_id, f"{doc_id}.txt", title, outlet, "2023-05-02", "press"])
    (root / "articles.csv").write_text(out.getvalue(), encoding="utf-8")
    return root


def corpus_docs():
    readout_a = page(BANNER, ["Minister meets Ruritanian counterpart", ATTRIBUTION,
                              "The Minister met her Ruritanian counterpart on Tuesday to discuss the ferry line and "
                              "the pilots who guide ships into both harbours, and they agreed to meet again."], FOOTER)
    readout_b = page(BANNER, ["Minister calls Ruritanian counterpart", ATTRIBUTION,
                              "The Minister spoke by phone with her Ruritanian counterpart on Friday about the storm "
                              "damage to the breakwater and the repairs both governments have promised to pay for."],
                     ["Privacy | Accessibility | Site map", "Harbour Bulletin No. 13"])
    wire = page(["Harbour ministers agree to reopen ferry line"], WIRE, ["(Reporting by A. Writer)"])
    ledger = page(["THE LEDGER", "Harbour ministers agree to reopen ferry line"], WIRE, [LEDGER_FOOT])
    courier = page(["Courier Daily", "Harbour ministers agree to reopen ferry line"], WIRE,
                   ["Courier Daily. Independent since 1901."])
    ledger_other = page(["THE LEDGER", "Tugboat strike ends"],
                        ["The tugboat crews of Portville went back to work on Monday after a strike that lasted two "
                         "weeks and held up more than forty ships outside the harbour, the union said."],
                        [LEDGER_FOOT])
    live = page(["Harbour talks – live", "A live page that pastes the Ministry's readout in full:", ATTRIBUTION,
                 "The Minister met her Ruritanian counterpart on Tuesday to discuss the ferry line and the pilots who "
                 "guide ships into both harbours, and they agreed to meet again."])
    return [("readout-a", "Ministry of Harbours", "Minister meets Ruritanian counterpart", readout_a),
            ("readout-b", "Ministry of Harbours", "Minister calls Ruritanian counterpart", readout_b),
            ("wire", "Wire", "Harbour ministers agree to reopen ferry line", wire),
            ("ledger", "The Ledger (Wire syndication)", "Harbour ministers agree to reopen ferry line", ledger),
            ("courier", "Courier Daily (Wire syndication)", "Harbour ministers agree to reopen ferry line", courier),
            ("ledger-other", "The Ledger", "Tugboat strike ends", ledger_other),
            ("live", "Live News", "Harbour talks – live", live)]


def removed_by_rule(corpus, rule="recurring"):
    rows = corpus.removed[corpus.removed.rule == rule]
    return {(d, t) for d, t in zip(rows.doc_id, rows.text)}


def test_site_chrome_on_pages_of_different_stories_is_removed(tmp_path):
    corpus = load_corpus(write(tmp_path / "c", corpus_docs()))
    got = removed_by_rule(corpus)
    for doc in ("readout-a", "readout-b"):
        bulletin = "Harbour Bulletin No. 12" if doc == "readout-a" else "Harbour Bulletin No. 13"
        assert {t for d, t in got if d == doc} == {*BANNER, "Privacy | Accessibility | Site map", bulletin}
    # One site's lines on two of its stories (the wire story and the strike), not shared by the other sites.
    assert {t for d, t in got if d.startswith("ledger")} == {"THE LEDGER", LEDGER_FOOT}
    assert {d for d, _ in got} == {"readout-a", "readout-b", "ledger", "ledger-other"}


def test_a_syndicated_story_and_a_sentence_two_outlets_print_are_kept(tmp_path):
    corpus = load_corpus(write(tmp_path / "c", corpus_docs()))
    texts = corpus.paragraphs.groupby("doc_id")["text"].apply(list)
    for doc in ("wire", "ledger", "courier"):
        assert WIRE[1] in texts[doc], doc  # a short quotation the three copies share
        assert texts[doc][0].startswith("PORTVILLE, May 2 (Wire)"), doc
    # The Ministry's sentence is on two of its readouts and on the live page, another outlet: kept.
    for doc in ("readout-a", "readout-b", "live"):
        assert ATTRIBUTION in texts[doc], doc


def test_a_sentence_one_outlet_prints_across_stories_is_its_chrome():
    prompt = "Join 40,000 readers who get our morning briefing every day."
    story_a = "The ferry line reopened on Monday after the storms, and the first boat left at dawn with sixty people."
    story_b = "The tugboat crews went back to work on Monday after a strike that had lasted two weeks in the port."
    texts = [f"{story_a}\n{prompt}", f"{story_b}\n{prompt}"]
    assert recurring_lines(texts, ["The Ledger", "The Ledger"]) == [frozenset({2}), frozenset({2})]
    assert recurring_lines(texts, ["The Ledger", "Courier Daily"]) == [frozenset(), frozenset()]


def test_long_prose_is_never_recurring_and_a_line_twice_in_one_page_is_not_either():
    long = ("The two ministers met for five hours on Tuesday and agreed to reopen the ferry line, to share the cost "
            "of the repairs and to meet again in the autumn, their spokesmen said.")
    texts = [f"Menu\n{long}\nShare", f"Menu\nOther story entirely, told in a few words.\n{long}", "Share\nShare"]
    # The long line makes the first two pages one story: their shared "Menu" is kept too.
    assert recurring_lines(texts) == [frozenset({3}), frozenset(), frozenset({1, 2})]
    assert recurring_lines(["Share\nShare", "Other text."]) == [frozenset(), frozenset()]


def test_keys_normalise_digits_case_and_white_space():
    assert line_key("©  2023 Ministry\tof Harbours") == line_key("© 2024 ministry of harbours") == "© 0 ministry of harbours"
    assert line_key("Page 3 of 10") == "page 0 of 0"
    assert outlet_key("The Ledger (Wire syndication)") == outlet_key(" the  ledger") == "the ledger"
    assert outlet_key("") == outlet_key("Unknown") == ""


def test_the_same_frames_in_worker_processes_and_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_LAB_CACHE", str(tmp_path / "cache"))
    path = write(tmp_path / "c", corpus_docs())
    serial = load_corpus(path)
    assert removed_by_rule(serial)
    for result in (analyse(path, jobs=2, cache=True), analyse(path, jobs=1, cache=True)):  # computed, then read back
        for name in ("documents", "paragraphs", "removed"):
            pd.testing.assert_frame_equal(getattr(result.corpus, name), getattr(serial, name))
