"""Property-based tests (hypothesis): on random Unicode text and random CSV cells,
load → clean → split → score never raises, offsets slice back to the text, raw
files stay byte-identical and every output parses back as CSV.

``derandomize=True``: the examples are drawn from a fixed seed, so a run is
the same on every machine and in CI.
"""
import hashlib
import io
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import CorpusError, load_corpus, score_sentences
from analysis.output import FORMULA_STARTS, frame_to_csv
from analysis.text.clean import Line, classify_lines
from analysis.text.normalise import normalise_characters
from analysis.text.segment import split_sentences
from analysis.text.tokens import token_spans

SETTINGS = settings(derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like pages: words, punctuation, quotes of all kinds, CJK, controls, invisibles, line breaks.
PIECES = st.sampled_from([
    "The", "U.S.", "China-U.S.", "talks", "were", "candid", "must", "may", "I think", "said", "Wang", "Blinken",
    ".", ",", "!", "?", ":", ";", "“", "”", '"', "'", "’", "‘", "(", ")", "-", "—", "=", "+", "@",
    "中美", "。", "！", "？", "会谈", "\u200b", "\u00ad", "\u202e", "\x00", "\x07", "\t", "\n", "\r\n", " ", "  ",
    "1,000", "4:34", "p.m.", "Share this", "Advertisement", "(Reporting by A; Editing by B)",
])
PAGE = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=80).map(" ".join)


@SETTINGS
@given(PAGE)
def test_clean_split_score_never_raise_and_offsets_hold(text):
    text, _ = normalise_characters(text.replace("\r\n", "\n"))
    lines = [Line(i, t.strip()) for i, t in enumerate(text.split("\n"), 1) if t.strip()]
    dropped = classify_lines(lines, title="A readout")
    rows = []
    for ln in lines:
        if ln.number in dropped:
            continue
        for a, b in split_sentences(ln.text):
            assert 0 <= a < b <= len(ln.text)
            assert ln.text[a:b] == ln.text[a:b].strip()
            rows.append(ln.text[a:b])
    scored = score_sentences(pd.DataFrame({"text": rows}, dtype=object))
    assert len(scored) == len(rows)
    assert scored["compound"].between(-1, 1).all()


@SETTINGS
@given(PAGE)
def test_token_spans_slice_back(text):
    for start, end, lower, original in token_spans(text):
        assert text[start:end] == original


@settings(derandomize=True, deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_a_corpus_of_random_text_loads_or_explains_and_raw_stays_untouched(text):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "raw").mkdir()
        raw = root / "raw" / "a.txt"
        raw.write_bytes(text.encode("utf-8", "surrogatepass"))
        before = hashlib.sha256(raw.read_bytes()).hexdigest()
        pd.DataFrame([{"doc_id": "a", "file": "a.txt", "title": "T", "outlet": "O", "published": "",
                       "voice": "press"}]).to_csv(root / "articles.csv", index=False)
        try:
            corpus = load_corpus(root)
        except CorpusError as err:  # an empty or undecodable file: a message, not a crash
            assert "a.txt" in str(err)
        else:
            paras = corpus.paragraphs.set_index(["doc_id", "para"])["text"]
            for s in corpus.sentences.itertuples():
                assert paras[(s.doc_id, s.para)][s.start:s.end] == s.text
            back = pd.read_csv(io.StringIO(frame_to_csv(corpus.sentences)), keep_default_na=False)
            assert len(back) == len(corpus.sentences)
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == before


CELLS = st.one_of(st.text(max_size=30), st.sampled_from(["=1+1", "+SUM(A1)", "-- End --", "@cmd", "\tx", '"q,"',
                                                         "a\nb", "=HYPERLINK(\"http://x\",\"y\")"]))


@SETTINGS
@given(st.lists(st.tuples(CELLS, st.floats(allow_nan=False, allow_infinity=False, width=32)), min_size=1, max_size=20))
def test_csv_output_parses_back_and_no_cell_starts_a_formula(rows):
    frame = pd.DataFrame(rows, columns=["text", "value"])
    back = pd.read_csv(io.StringIO(frame_to_csv(frame)), keep_default_na=False, dtype={"text": str})
    assert len(back) == len(frame)
    for written, original in zip(back["text"], frame["text"]):
        assert not written.startswith(FORMULA_STARTS)
        expected = "'" + original if original.startswith(FORMULA_STARTS) else original
        assert written == expected.replace("\r\n", "\n").replace("\r", "\n") or written == expected
    assert back["value"].astype(float).round(3).tolist() == frame["value"].astype(float).round(3).tolist()
