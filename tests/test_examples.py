"""The rules that pick the notebooks' examples (analysis/teach/examples.py), on hand-made frames."""
import pandas as pd
import pytest

from analysis.teach import examples as ex

KEY = ["doc_id", "para", "sent"]


def statements(*rows):
    """A statements frame from (side, text[, meeting_id]) tuples, one paragraph each, in reading order."""
    return pd.DataFrame([{"doc_id": "a", "para": i, "sent": 1, "side": r[0], "text": r[1],
                          "meeting_id": r[2] if len(r) > 2 else "", "speaker": ""} for i, r in enumerate(rows, 1)])


def matches(*rows):
    """A matches frame from (para, start, text, entry, category) tuples (document "a", sentence 1)."""
    return pd.DataFrame([{"doc_id": "a", "para": p, "sent": 1, "start": s, "end": s + len(t), "text": t,
                          "entry": e, "category": c} for p, s, t, e, c in rows],
                        columns=[*KEY, "start", "end", "text", "entry", "category"])


def test_most_frequent_breaks_ties_by_first_seen_and_is_none_when_empty():
    assert ex.most_frequent(["x", "y", "y", "x"]) == "x"
    assert ex.most_frequent(pd.Series(["b", "a", "a"])) == "a"
    assert ex.most_frequent([]) is None


def test_line_to_classify():
    removed = pd.DataFrame({"doc_id": ["a", "a", "b"], "line": [1, 9, 1], "text": ["Top", "Share", "Head"],
                            "rule": ["site_chrome", "site_chrome", "headline"]})
    row, rules = ex.line_to_classify(removed)
    assert row.text == "Top"                                     # tie inside the article: the earlier line
    assert rules == ["headline", "site_chrome"]                  # no other rule to top up with
    assert ex.line_to_classify(removed, known_rules=["credit", "headline"])[1] == ["credit", "headline", "site_chrome"]
    assert ex.line_to_classify(removed.iloc[:0]) is None


def test_noted_phrases_keeps_quoted_phrases_found_word_for_word():
    notes = 'Odd: "she opined" twice, “Monday (19)”, "she", "not in text" and "she opined" again.'
    assert ex.noted_phrases(notes, "As she opined on Monday (19), ...") == ["she opined", "Monday (19)"]
    assert ex.noted_phrases("", "text") == [] and ex.noted_phrases(None, "text") == []
    assert ex.noted_phrases(notes, "She Opined") == []           # case as quoted


def test_translated_article_picks_most_phrases_then_the_earlier_article():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"],
                         "notes": ['Machine-translated: "x y"', 'A translation: "x y", "z w"', '"x y", "z w"']})
    paras = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x y", "x y z w", "x y z w"]})
    assert ex.translated_article(docs, paras) == ("b", ["x y", "z w"])
    assert ex.translated_article(docs.iloc[:1], paras) == ("a", ["x y"])
    assert ex.translated_article(docs.assign(notes=["", "", '"x y"']), paras) is None
    assert ex.translated_article(docs.iloc[:0], paras) is None


def test_misspelt_aliases():
    speakers = pd.DataFrame({
        "name": ["Daniel Kritenbrink", "US government", "Li Shangfu", "Chinese embassy"],
        "aliases": ["Kritenbrink;Krittenbrink;Daniel Krittenbrink", "the US;US", "Shangfu",
                    "China's embassy;chinese Embassy"]})
    out = ex.misspelt_aliases(speakers)
    assert out.values.tolist() == [["Daniel Kritenbrink", "Krittenbrink", "Kritenbrink", "Krittenbrink"]]
    assert ex.misspelt_aliases(speakers.iloc[:0]).empty
    assert ex.misspelt_aliases(pd.DataFrame()).empty             # a corpus without speakers.csv


def test_one_letter_off():
    assert ex._one_letter_off("Binken", "Blinken") and ex._one_letter_off("Ye", "Yi")
    assert not ex._one_letter_off("Blinken", "blinken") and not ex._one_letter_off("US", "U.S.")


def test_ranked_pairs_and_strongest():
    sim = pd.DataFrame({"unit_a": ["a", "b", "a", "c"], "unit_b": ["b", "a", "c", "a"], "cosine": [0.3, 0.3, 0.3, 0.3]})
    assert ex.ranked_pairs(sim)[["unit_a", "unit_b"]].values.tolist() == [["a", "b"], ["a", "c"]]
    assert ex.ranked_pairs(sim.iloc[:0]).empty
    frame = pd.DataFrame({"text": ["a", "b"], "compound": [-0.5, 0.5]})
    assert ex.strongest(frame).text == "a"                       # tie: the first
    assert ex.strongest(frame.iloc[:0]) is None


def test_sentiment_gaps_ties_in_reading_order():
    s = pd.DataFrame({"text": list("abcd"), "compound": [0.1, 0.6, 0.0, 0.2], "compound_diplomatic": [0.1, 0.1, 0.5, -0.3]})
    assert ex.sentiment_gaps(s)["text"].tolist() == ["b", "c", "d", "a"]
    assert ex.largest_sentiment_gap(s).text == "b"
    assert ex.largest_sentiment_gap(s.iloc[:0]) is None
    assert ex.largest_sentiment_gap(s.iloc[:1]) is None          # the scores never differ


def test_corpus_labels(tmp_path):
    assert ex.corpus_labels(tmp_path) is None
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "sentence_labels.csv").write_text(
        "doc_id,para,sent,hedge,booster,directive,sentiment,text\na,1,1,0,1,0,positive,Hi.\n", encoding="utf-8")
    labels = ex.corpus_labels(tmp_path)
    assert labels[["doc_id", "para", "booster", "sentiment"]].values.tolist() == [["a", 1, 1, "positive"]]


def test_quieter_side():
    assert ex.quieter_side(pd.DataFrame({"side": ["china", "us"]})) == "us"     # tie: the first side
    assert ex.quieter_side(pd.DataFrame({"side": ["china", "china", "us"]})) == "us"
    assert ex.quieter_side(pd.DataFrame({"side": ["china"]})) == "china"
    assert ex.quieter_side(pd.DataFrame({"side": pd.Series([], dtype=str)})) is None


def test_stance_pair_prefers_a_shared_modal_and_falls_back():
    st = statements(("us", "We ask you to go."), ("china", "You must stop."), ("us", "We need to talk."),
                    ("china", "We must talk."))
    m = matches((1, 0, "We ask", "we ask", "directive"), (2, 4, "must", "must", "directive"),
                (3, 3, "need to", "need to", "self_obligation"), (4, 3, "must", "must", "self_obligation"))
    directive, own = ex.stance_pair(st, m)
    assert (directive.text, own.text) == ("You must stop.", "We must talk.")
    directive, own = ex.stance_pair(st, m.iloc[[0, 2]])
    assert (directive.text, own.text) == ("We ask you to go.", "We need to talk.")
    assert ex.stance_pair(st, m.iloc[:1])[1] is None
    assert ex.stance_pair(st, m.iloc[:0]) == (None, None)


def test_word_to_follow():
    st = statements(("us", "Stability now."), ("us", "We stabilize."), ("china", "Stabilizing ties."),
                    ("china", "Clear."), ("us", "Clearly clear."))
    m = matches((1, 0, "Stability", "stability", "diplomatic"), (2, 3, "stabilize", "stabilize", "diplomatic"),
                (2, 3, "stabilize", "stabilize", "cooperation_stability"),       # one span in two lists counts once
                (3, 0, "Stabilizing", "stabilizing", "diplomatic"), (4, 0, "Clear", "clear", "booster"),
                (5, 0, "Clearly clear", "clearly", "booster"))
    assert ex.word_to_follow(st, m) == "stability"       # 3 forms beat 1; the forms tie on uses: alphabetical
    assert ex.word_to_follow(st, m[m.para >= 4]) == "clear"
    assert ex.word_to_follow(st, m[m.para <= 2]) is None  # only the US uses it
    assert ex.word_to_follow(st, m.iloc[:0]) is None


def test_word_forms():
    terms = ["stabilize", "destabilizing", "unstable", "stabilizer", "respond", "correspondent", "irresponsible"]
    assert ex.word_forms(terms, "stabilize") == ["destabilizing", "stabilise", "stabilize", "stabilizer"]
    assert ex.word_forms(terms, "responsible") == ["irresponsible", "respond"]
    assert ex.word_forms([], "candid") == []


def test_article_using_most():
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Talks, talks", "talks talks", "none"]})
    assert ex.article_using_most(frame, "talks") == "a"       # tie: the earlier article
    assert ex.article_using_most(frame, "Talks") == "a"
    assert ex.article_using_most(frame, "absent") is None
    assert ex.article_using_most(frame.iloc[:0], "talks") is None


def test_contrast_words():
    st = statements(("us", "Progress and talks; we’re talking"), ("china", "Talks on respect"), ("us", "progress"))
    assert ex.contrast_words(st) == {"both": "talks", "us": "progress", "china": "respect"}
    assert ex.contrast_words(st[st.side == "us"]) == {"us": "progress"}      # no other side: no "both"
    assert ex.contrast_words(st.iloc[:0]) == {}


def test_mixed_formula():
    st = statements(("us", "Candid, substantive and constructive."), ("china", "Frank and sincere talks"),
                    ("us", "Provocative, dangerous, sincere"))
    m = matches((1, 0, "Candid", "candid", "diplomatic"), (1, 8, "substantive", "substantive", "diplomatic"),
                (1, 24, "constructive", "constructive", "diplomatic"), (2, 0, "Frank", "frank", "diplomatic"),
                (2, 10, "sincere", "sincere", "diplomatic"), (3, 0, "Provocative", "provocative", "diplomatic"),
                (3, 13, "dangerous", "dangerous", "diplomatic"), (3, 24, "sincere", "sincere", "diplomatic"))
    valence = {"candid": -0.8, "substantive": 0.8, "constructive": 1.5, "frank": -1.0, "sincere": 1.2,
               "provocative": -1.5, "dangerous": -1.0}
    row, odd, phrase = ex.mixed_formula(st, m, valence)
    assert (row.para, odd, phrase) == (3, "sincere", "Provocative, dangerous")     # widest range (2.7)
    row, odd, phrase = ex.mixed_formula(st[st.para < 3], m, valence)
    assert (row.para, odd, phrase) == (1, "candid", "substantive and constructive")  # 2.3 vs 2.2
    assert ex.mixed_formula(st, m[m.category == "booster"], valence) is None
    assert ex.mixed_formula(st, m, {"candid": 0.0, "substantive": 0.8}) is None      # zero counts for neither sign


def test_two_way_word():
    st = statements(("us", "A responsible, clear way."), ("china", "Who is responsible? It is clear."))
    stock = {"responsible": 1.3, "clear": 1.6}
    overlay = {"who is responsible": -2.0, "clear": 0.0, "clear danger": -1.0}
    assert ex.two_way_word(st, stock, overlay) == "responsible"           # 3.3 beats 2.6
    assert ex.two_way_word(st, stock, {"clear": -1.0}) is None            # a single-word entry is no phrase
    assert ex.two_way_word(st[st.side == "us"], stock, overlay) is None   # the other side never says it


def test_meeting_with_most_statements_ranks_and_breaks_ties_by_date_then_id():
    st = statements(("us", "a", "m2"), ("china", "b", "m2"), ("us", "c", "m1"), ("china", "d", "m1"),
                    ("us", "e", "m3"), ("us", "f", "m3"), ("china", "g", "m3"), ("us", "h", ""))
    meetings = pd.DataFrame({"meeting_id": ["m1", "m2", "m3"], "date": ["2023-06-19", "2023-06-18", ""]})
    assert ex.meeting_with_most_statements(st, meetings) == "m3"          # most in all (3)
    st2 = st[st.meeting_id != "m3"]
    assert ex.meeting_with_most_statements(st2, meetings) == "m2"         # same counts: the earlier date
    assert ex.meeting_with_most_statements(st2, meetings.assign(date="")) == "m1"   # undated: by id
    assert ex.meeting_with_most_statements(st2) == "m1"
    assert ex.meeting_with_most_statements(st[st.side == "us"], meetings) is None
    assert ex.meeting_with_most_statements(st.iloc[:0], meetings) is None


def test_busiest_day_prefers_days_where_both_sides_speak():
    st = statements(("us", "a", "m1"), ("us", "b", "m2"), ("us", "c", "m3"), ("china", "d", "m4"),
                    ("us", "e", "m5"), ("china", "f", "x"))
    meetings = pd.DataFrame({"meeting_id": ["m1", "m2", "m3", "m4", "m5"],
                             "date": ["2023-06-18", "2023-06-18", "2023-06-19", "2023-06-19", "2023-06"]})
    assert ex.busiest_day(st, meetings) == "2023-06-19"                   # both sides beat more events
    assert ex.busiest_day(st[st.side == "us"], meetings) == "2023-06-18"  # then the most events
    assert ex.busiest_day(st[st.meeting_id.isin(["m3", "m4"])].assign(side="us"), meetings) == "2023-06-19"
    assert ex.busiest_day(st[st.meeting_id == "m5"], meetings) == "2023-06"   # a month only when no full date
    assert ex.busiest_day(st[st.meeting_id == "x"], meetings) is None
    assert ex.busiest_day(st.iloc[:0], meetings) is None


def test_busiest_day_ties_by_statements_then_date():
    st = statements(("us", "a", "m1"), ("china", "b", "m2"), ("china", "c", "m2"))
    meetings = pd.DataFrame({"meeting_id": ["m1", "m2"], "date": ["2023-06-18", "2023-06-19"]})
    assert ex.busiest_day(st, meetings) == "2023-06-19"
    assert ex.busiest_day(st.iloc[:2], meetings) == "2023-06-18"


@pytest.mark.parametrize("rule, expected", [
    ("meeting", "blinken-qin-call"), ("day", "2023-06-19"), ("word", "stability"), ("left_out", "cnn-stability"),
    ("formula", ("visit-confirmed", "candid", "substantive and constructive")), ("two_way", "responsible"),
    ("gap", "Qin Gang"), ("translated", "cnnbrasil-progress"), ("quieter", "china"),
])
def test_the_rules_reproduce_the_bundled_story(bundled_analysis, rule, expected):
    """On the bundled corpus the rules pick the examples the notebooks were written around."""
    from analysis.measure.lexicon import LEXICON_DIR
    from analysis.measure.sentiment import stock_analyzer

    r = bundled_analysis
    st, meetings = r.statements, r.tables["meetings"]
    valence = dict(pd.read_csv(LEXICON_DIR / "diplomatic_valence.csv")[["term", "valence"]].values)
    picked = {
        "meeting": lambda: ex.meeting_with_most_statements(st, meetings),
        "day": lambda: ex.busiest_day(st, meetings),
        "word": lambda: ex.word_to_follow(st, r.matches),
        "left_out": lambda: ex.article_using_most(r.corpus.paragraphs, ex.word_to_follow(st, r.matches)),
        "formula": lambda: (lambda f: (f[0].doc_id, f[1], f[2]))(ex.mixed_formula(st, r.matches, valence)),
        "two_way": lambda: ex.two_way_word(st, stock_analyzer().lexicon, valence),
        "gap": lambda: ex.largest_sentiment_gap(r.sentences).speaker,
        "translated": lambda: ex.translated_article(r.documents, r.corpus.paragraphs)[0],
        "quieter": lambda: ex.quieter_side(st),
    }[rule]()
    assert picked == expected


@pytest.fixture(scope="module")
def bundled_analysis(bundled):
    from analysis import analyse

    return analyse(bundled)
