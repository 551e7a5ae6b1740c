"""The bundled corpus: counts checked by reading, stable ids, nothing lost, no boilerplate left."""
import csv

import pandas as pd

from analysis import load_corpus
from analysis.text.clean import boilerplate_patterns
from analysis.text.corpus import BUNDLED_CORPUS

from .conftest import DATA

# Counted by reading each raw file: paragraphs are the article's own lines that
# are article text; sentences were counted by hand in the same pass.
EXPECTED = {
    "cnn-stability": dict(n_paragraphs=18, n_sentences=29, n_removed=4),
    "cbs-work-in-progress": dict(n_paragraphs=8, n_sentences=18, n_removed=6),
    "cnnbrasil-progress": dict(n_paragraphs=42, n_sentences=67, n_removed=6),
    "visit-confirmed": dict(n_paragraphs=27, n_sentences=38, n_removed=9),
    "ndtv-arrival": dict(n_paragraphs=23, n_sentences=26, n_removed=7),
}


def test_counts_per_article(bundled):
    docs = bundled.documents.set_index("doc_id")
    assert sorted(docs.index) == sorted(EXPECTED)
    for doc_id, expected in EXPECTED.items():
        got = {k: int(docs.loc[doc_id, k]) for k in expected}
        assert got == expected, doc_id


def test_frames_have_contract_columns(bundled):
    assert {"doc_id", "para", "text"} <= set(bundled.paragraphs.columns)
    assert {"doc_id", "para", "sent", "start", "end", "text"} <= set(bundled.sentences.columns)
    assert list(bundled.removed.columns) == ["doc_id", "line", "text", "rule", "origin", "last_line", "start", "end"]
    assert {"line", "last_line", "lang"} <= set(bundled.paragraphs.columns)
    assert {"line", "lang"} <= set(bundled.sentences.columns)
    assert {"doc_id", "file", "title", "outlet", "published", "voice", "meeting_id", "notes"} <= set(bundled.documents.columns)


def test_ids_are_contiguous_and_offsets_point_at_text(bundled):
    paras = bundled.paragraphs
    for doc_id, group in paras.groupby("doc_id"):
        assert group["para"].tolist() == list(range(1, len(group) + 1)), doc_id
    text = paras.set_index(["doc_id", "para"])["text"]
    for row in bundled.sentences.itertuples():
        assert text[(row.doc_id, row.para)][row.start:row.end] == row.text
    for (doc_id, para), group in bundled.sentences.groupby(["doc_id", "para"]):
        assert group["sent"].tolist() == list(range(1, len(group) + 1))
        assert (group["start"].diff().dropna() > 0).all()


def test_sentences_cover_each_paragraph(bundled):
    """Between two sentences of a paragraph there is only white space."""
    text = bundled.paragraphs.set_index(["doc_id", "para"])["text"]
    for (doc_id, para), group in bundled.sentences.groupby(["doc_id", "para"]):
        p = text[(doc_id, para)]
        bounds = [0, *[x for r in group.itertuples() for x in (r.start, r.end)], len(p)]
        gaps = [p[a:b] for a, b in zip(bounds[::2], bounds[1::2])]
        assert all(not g.strip() for g in gaps), (doc_id, para, gaps)


def test_no_text_lost(bundled):
    """Every non-blank raw line is either a paragraph or a removed line, exactly once (the bundled
    articles have no hard-wrapped lines and no glued stamps: one line, one row)."""
    assert (bundled.paragraphs["line"] == bundled.paragraphs["last_line"]).all()
    assert (bundled.removed["start"] == 0).all() and (bundled.removed["end"] == bundled.removed["text"].str.len()).all()
    for doc in bundled.documents.itertuples():
        raw = (bundled.path / "raw" / doc.file).read_text(encoding="utf-8").split("\n")
        expected = [(i, t.strip()) for i, t in enumerate(raw, 1) if t.strip()]
        kept = bundled.paragraphs.query("doc_id == @doc.doc_id")[["line", "text"]]
        dropped = bundled.removed.query("doc_id == @doc.doc_id")[["line", "text"]]
        got = sorted(map(tuple, pd.concat([kept, dropped]).itertuples(index=False)))
        assert got == expected, doc.doc_id


def test_removed_lines_match_hand_labels(bundled):
    with open(DATA / "boilerplate_labels.csv", encoding="utf-8") as fh:
        labelled = {(r["doc_id"], int(r["line"])) for r in csv.DictReader(fh)}
    removed = set(zip(bundled.removed["doc_id"], bundled.removed["line"]))
    assert removed - labelled == set(), "article text removed"
    assert labelled - removed == set(), "boilerplate left in the paragraphs"


def test_no_boilerplate_left_in_paragraphs(bundled):
    for text in bundled.paragraphs["text"]:
        for rule, pattern in boilerplate_patterns():
            assert not pattern.search(text), (rule, text)
    for phrase in ["Source link", "Leave a Reply", "Read More", "Back to top", "syndicated feed", "Previous post"]:
        assert not bundled.paragraphs["text"].str.contains(phrase, regex=False).any(), phrase


def test_metadata_carried_along(bundled):
    merged = bundled.sentences.merge(bundled.documents[["doc_id", "voice", "outlet"]], on="doc_id", suffixes=("", "_doc"))
    assert (merged["voice"] == merged["voice_doc"]).all()
    assert (merged["outlet"] == merged["outlet_doc"]).all()


def test_document_counts_add_up(bundled):
    docs = bundled.documents.set_index("doc_id").sort_index()
    assert (bundled.paragraphs.groupby("doc_id").size() == docs["n_paragraphs"]).all()
    assert (bundled.sentences.groupby("doc_id").size() == docs["n_sentences"]).all()
    assert (bundled.paragraphs.groupby("doc_id")["n_words"].sum() == docs["n_words"]).all()
    assert (docs["n_paragraphs"] + docs["n_removed"] == docs["n_lines"]).all()


def test_loading_is_deterministic(bundled):
    from analysis import load_corpus

    again = load_corpus()
    for name in ("documents", "paragraphs", "sentences", "removed"):
        pd.testing.assert_frame_equal(getattr(bundled, name), getattr(again, name))


def test_readme_table_matches_the_corpus(bundled):
    """The counts quoted in README.md are the ones the code computes (no stale numbers)."""
    readme = (BUNDLED_CORPUS.parent / "README.md").read_text(encoding="utf-8")
    docs = bundled.documents.set_index("doc_id")
    for doc_id, row in docs.iterrows():
        expected = f"| {doc_id} | {row.n_paragraphs} | {row.n_sentences} | {row.n_words} | {row.n_removed} |"
        assert expected in readme, expected
    totals = docs[["n_paragraphs", "n_sentences", "n_words", "n_removed"]].sum()
    assert "| **total** | " + " | ".join(f"**{v}**" for v in totals) + " |" in readme


def test_the_tests_use_the_bundled_five_even_after_an_article_is_added(tmp_path):
    """An instructor's extra article in corpus/ stays out of the corpus the tests read."""
    import shutil

    from tests.helpers import SEED_DIGESTS, seed_corpus

    grown = tmp_path / "grown"
    shutil.copytree(BUNDLED_CORPUS, grown)
    (grown / "raw" / "005_extra.txt").write_text("An extra readout an instructor added.\n", encoding="utf-8")
    with open(grown / "articles.csv", "a", encoding="utf-8") as fh:
        fh.write("extra-readout,005_extra.txt,Extra,Test,,us,,\n")
    seed = load_corpus(seed_corpus(grown, tmp_path / "seed"))
    assert set(seed.documents["sha256"]) == SEED_DIGESTS
    assert len(load_corpus(grown).documents) == 6


# --------------------------------------------------------------------------- spans, joined lines, languages


def _write(root, docs):
    """A corpus folder: ``docs`` is [(doc_id, title, text)]."""
    (root / "raw").mkdir(parents=True)
    rows = ["doc_id,file,title,outlet,published,voice"]
    for doc_id, title, text in docs:
        (root / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        rows.append(f"{doc_id},{doc_id}.txt,{title},Test,2024-04-26,press")
    (root / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


STAMPED = ("Talks in Beijing\n\n"
           "April 26, 2024 | The two ministers met in Beijing on Friday and agreed that\n"
           "their teams would keep talking, officials said.\n\n"
           "“We want stable ties,” the minister said. 中美关系很重要。\n")
CHINESE = "王毅同布林肯举行会谈\n\n王毅表示，中美关系总体趋于稳定，双方对话与合作取得了一些进展。\n\n双方同意继续保持沟通。\n"


def test_a_glued_stamp_is_a_span_and_wrapped_lines_one_paragraph(tmp_path):
    corpus = load_corpus(_write(tmp_path / "c", [("stamped", "Talks in Beijing", STAMPED)]))
    removed = corpus.removed[["line", "last_line", "start", "end", "text", "rule"]].to_dict("records")
    assert removed == [
        {"line": 1, "last_line": 1, "start": 0, "end": 16, "text": "Talks in Beijing", "rule": "headline"},
        {"line": 3, "last_line": 4, "start": 0, "end": 16, "text": "April 26, 2024 |", "rule": "date_stamp"}]
    paras = corpus.paragraphs[["para", "line", "last_line", "text"]].to_dict("records")
    assert paras[0] == {"para": 1, "line": 3, "last_line": 4, "text": "The two ministers met in Beijing on Friday "
                        "and agreed that their teams would keep talking, officials said."}
    assert (paras[1]["line"], paras[1]["last_line"]) == (6, 6)
    raw = (corpus.path / "raw" / "stamped.txt").read_text(encoding="utf-8").split("\n")
    joined = " ".join(t.strip() for t in raw[2:4])
    for row in corpus.removed.itertuples():  # the removed text is where start and end say
        source = joined if row.line == 3 else raw[row.line - 1].strip()
        assert source[row.start:row.end] == row.text
    assert joined[17:] == paras[0]["text"]  # after the stamp and the space that follows it


def test_paragraphs_and_sentences_have_a_language(tmp_path):
    corpus = load_corpus(_write(tmp_path / "c", [("stamped", "Talks in Beijing", STAMPED),
                                                 ("chinese", "王毅同布林肯举行会谈", CHINESE)]))
    assert corpus.paragraphs.groupby("doc_id")["lang"].apply(list).to_dict() == {
        "chinese": ["zh", "zh"], "stamped": ["en", "en"]}
    mixed = corpus.sentences[corpus.sentences.para == 2].query("doc_id == 'stamped'")
    assert mixed[["text", "lang"]].values.tolist() == [["“We want stable ties,” the minister said.", "en"],
                                                       ["中美关系很重要。", "zh"]]
    # The Chinese document is kept whole (its short lines too) and warned about, naming the file.
    assert len(corpus.paragraphs.query("doc_id == 'chinese'")) == 2
    assert corpus.removed.query("doc_id == 'chinese'").rule.tolist() == ["headline"]
    warned = [w for w in corpus.warnings if "not in English" in w.message]
    assert [w.file.endswith("raw/chinese.txt") for w in warned] == [True] and warned[0].severity == "warning"


def test_the_bundled_articles_are_english(bundled):
    assert set(bundled.paragraphs["lang"]) == {"en"} and set(bundled.sentences["lang"]) <= {"en", ""}
    assert not [w for w in bundled.warnings if "English" in w.message]
