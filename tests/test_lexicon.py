"""The lexicon loader and matcher: whole words, phrases, conditions, errors."""
import pytest

from analysis.errors import CorpusError
from analysis.measure.lexicon import load_lexicon
from analysis.measure.matching import find_spans
from analysis.text.tokens import token_spans
from analysis.measure.stance import STANCE_LEXICONS


def write(tmp_path, text, name="test.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_all_bundled_lexicons_load_and_cite_a_source():
    for name, cats in STANCE_LEXICONS.items():
        lex = load_lexicon(name, cats)
        assert len(lex) > 5
        assert all(e.source and e.note for e in lex.entries), name
    overlay = load_lexicon("diplomatic_valence")
    assert all(e.valence is not None and e.note and e.source for e in overlay.entries)
    terms = {e.entry for e in overlay.entries}
    for required in ("candid", "frank", "constructive", "substantive", "in-depth", "mutual respect", "win-win",
                     "core interests", "red line", "bottom line", "provocation", "suppress", "containment",
                     "interference", "clear", "who is responsible"):
        assert required in terms, required


def test_whole_words_only(tmp_path):
    lex = load_lexicon(write(tmp_path, "entry,category,kind,source,note\nmay,hedge,word,x,y\n"))
    assert [m.text for m in find_spans("Dismay, mayor, may.", [lex])] == ["may"]


def test_phrases_match_across_quotes_but_not_commas(tmp_path):
    lex = load_lexicon(write(tmp_path, "entry,category,kind,source,note\nvery clear,booster,phrase,x,y\n"
                                       "candid substantive,b,phrase,x,y\n"))
    spans = find_spans("He made it “very clear”. It was candid, substantive.", [lex])
    assert [(m.start, m.end, m.entry) for m in spans] == [(12, 22, "very clear")]


def test_longest_entry_wins_and_matches_do_not_overlap(tmp_path):
    lex = load_lexicon(write(tmp_path, "entry,category,kind,source,note\nfrank,a,word,x,y\n"
                                       "frank and candid,b,phrase,x,y\ncandid,c,word,x,y\n"))
    spans = find_spans("Talks were frank and candid; candid too.", [lex])
    assert [(m.text, m.category) for m in spans] == [("frank and candid", "b"), ("candid", "c")]


def test_apostrophes_are_normalised():
    assert token_spans("it’s")[0][2] == "it's"
    boosters = load_lexicon("boosters")
    assert [m.entry for m in find_spans("It’s clear that they lied.", [boosters])] == ["it's clear"]


def test_malformed_lexicon_names_file_and_line(tmp_path):
    p = write(tmp_path, "entry,category,kind,source,note\nmay,hedge,word,x,y\nmight,hedge,wrd,x,y\n"
                        "about,hedge,word,,y\n")
    with pytest.raises(CorpusError) as err:
        load_lexicon(p)
    msg = str(err.value)
    assert "test.csv:3: kind 'wrd' is not 'word' or 'phrase'" in msg
    assert "test.csv:4: entry 'about' has no source" in msg


def test_bad_valence_and_missing_columns(tmp_path):
    p = write(tmp_path, "term,valence,gloss,source\ncandid,lots,g,s\n", "overlay.csv")
    with pytest.raises(CorpusError, match=r"overlay.csv:2: valence 'lots' is not a number"):
        load_lexicon(p)
    p = write(tmp_path, "entry,category\nx,y\n", "short.csv")
    with pytest.raises(CorpusError, match=r"short.csv:1: missing columns kind, source, note"):
        load_lexicon(p)


def test_duplicate_and_kind_mismatch(tmp_path):
    p = write(tmp_path, "entry,category,kind,source,note\nred line,a,word,x,y\nmay,a,word,x,y\nMay,a,word,x,y\n")
    with pytest.raises(CorpusError) as err:
        load_lexicon(p)
    assert "line 2" not in str(err.value).split("\n")[0]
    assert ":2: entry 'red line' has several words but kind is 'word'" in str(err.value)
    assert ":4: entry 'May' is listed twice (also line 3)" in str(err.value)


def test_edited_lexicon_is_read_again(tmp_path):
    """The cache is keyed on the file's size and time: an edited file is not served stale."""
    import os
    import shutil

    from analysis.measure.lexicon import LEXICON_DIR, load_lexicon

    path = tmp_path / "hedges.csv"
    shutil.copy(LEXICON_DIR / "hedges.csv", path)
    before = len(load_lexicon(path))
    with path.open("a", encoding="utf-8") as fh:
        fh.write("arguably,approximator,word,written for the test,added in a test,\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert len(load_lexicon(path)) == before + 1
