"""Speed and scale: the fast paths decide as the slow ones, the same bytes for any number of jobs, batches
or a Dask cluster, the on-disk cache, the progress bar. Every test uses its own cache folder."""
import difflib
import random
import re
import time

import pandas as pd
import pytest

import analysis
from analysis import analyse, attribute_sentences, load_corpus, score_paragraphs, score_sentences
from analysis.measure.topics import sentence_topics
from analysis import pipeline_cache, pipeline_run, pipeline_work
from analysis.output import frame_to_csv
from analysis.text.clean import (REPEAT_FUZZY_MAX_CHARS, REPEAT_SIMILARITY, Line, _is_repeat, _norm, _pattern_rule,
                                 boilerplate_patterns)
from analysis.text.tokens import count_words
from tests.helpers import own_cache, run_cli  # noqa: F401  (own_cache: a fixture)


pytestmark = pytest.mark.usefixtures("own_cache")  # never the user's cache (tests/helpers.py)


def raw_lines(corpus) -> list[list[str]]:
    return [[t.strip() for t in (corpus.path / "raw" / f).read_text(encoding="utf-8").split("\n") if t.strip()]
            for f in corpus.documents["file"]]


# --------------------------------------------------------------------------- the fast paths decide the same


def difflib_repeat(a_text: str, b_text: str) -> bool:
    """The rule as it was: difflib alone."""
    a, b = _norm(a_text), _norm(b_text)
    if not a:
        return False
    if max(len(a), len(b)) > REPEAT_FUZZY_MAX_CHARS:
        return a == b
    m = difflib.SequenceMatcher(None, a, b)
    return m.real_quick_ratio() >= REPEAT_SIMILARITY and m.quick_ratio() >= REPEAT_SIMILARITY \
        and m.ratio() >= REPEAT_SIMILARITY


def test_repeated_lines_are_decided_as_difflib_decides(bundled):
    """Every pair of lines of every article, and near copies of each line (a word dropped, changed, added)."""
    rng = random.Random(2023)
    pairs = []
    for lines in raw_lines(bundled):
        pairs += [(a, b) for i, a in enumerate(lines) for b in lines[max(0, i - 8):i]]
        for a in lines:
            words = a.split()
            k = rng.randrange(len(words))
            pairs += [(a, " ".join(words[:k] + words[k + 1:])), (a, " ".join(words[:k] + ["Beijing"] + words[k:])),
                      (a, a.upper()), (a, a[: len(a) * 4 // 5])]
    assert len(pairs) > 1000
    decided = [(_is_repeat(Line(1, a), Line(2, b)), difflib_repeat(a, b)) for a, b in pairs]
    assert all(new == old for new, old in decided)
    assert sum(old for _, old in decided) > 50  # the sample holds repeats, not only clear non-repeats


def test_pattern_rules_with_counted_words_find_the_first_rule(bundled):
    examples = [ln for lines in raw_lines(bundled) for ln in lines]
    examples += [p.pattern for _, p in boilerplate_patterns()]  # odd text for the patterns themselves
    examples += ["Source link", "Read More", "Photo: Reuters", "© 2023 Example News. All rights reserved."]
    for text in examples:
        first = next((rule for rule, p in boilerplate_patterns() if p.search(text)), None)
        if count_words(text) > 80:
            first = None
        assert _pattern_rule(text) == _pattern_rule(text, count_words(text)) == first, text


def test_sentence_word_counts_are_count_words(bundled):
    assert (bundled.sentences["n_words"] == bundled.sentences["text"].map(count_words)).all()
    assert (bundled.paragraphs["n_words"] == bundled.paragraphs["text"].map(count_words)).all()


def test_both_vader_passes_are_vaders_on_every_sentence_and_paragraph(bundled):
    from analysis.measure.sentiment import diplomatic_scores, overlay_lexicon, sentiment_pair, stock_scores

    ov = overlay_lexicon()
    for text in bundled.sentences["text"].tolist() + bundled.paragraphs["text"].tolist():
        assert sentiment_pair(text, ov) == (stock_scores(text), diplomatic_scores(text, ov)), text


def random_texts(n: int, seed: int = 2023) -> list[str]:
    """Text made of the words VADER's rules look at: lexicon words, boosters, negations, "but", "no",
    "least", "kind of", idioms, capitals, emoji, the overlay's words and phrases, placeholders."""
    from vaderSentiment import vaderSentiment as V

    from analysis.measure.sentiment import overlay_lexicon, stock_analyzer

    rng = random.Random(seed)
    ov = overlay_lexicon()
    pool = (list(stock_analyzer().lexicon)[::40] + [w for k in V.SPECIAL_CASES for w in k.split()]
            + [w for k in V.BOOSTER_DICT for w in k.split()] + V.NEGATE + [w for e in ov.entries for w in e.entry.split()]
            + "no never so this without doubt least at very kind of but BUT NO nor or isn't don’t GOOD :) 😀 😡 ! ?? "
              "win-win dipzzaab “clear” candid,".split())
    out = []
    for _ in range(n):
        words = [rng.choice(pool) for _ in range(rng.randint(0, 25))]
        if rng.random() < 0.2:
            words = [w.upper() if rng.random() < 0.5 else w for w in words]
        text = " ".join(words) + rng.choice(["", ".", "!", "?", " !!", "..."])
        out.append(rng.choice(ov.entries).entry + " " + text if rng.random() < 0.2 else text)
    return out


def test_both_vader_passes_are_vaders_on_random_text():
    from analysis.measure.sentiment import diplomatic_scores, overlay_lexicon, sentiment_pair, stock_scores

    ov = overlay_lexicon()
    for text in random_texts(3000):
        assert sentiment_pair(text, ov) == (stock_scores(text), diplomatic_scores(text, ov)), text


# --------------------------------------------------------------------------- the same bytes, however it runs


def csvs(result) -> dict[str, str]:
    frames = {"sentences": result.sentences, "paragraphs": result.paragraphs, "quotes": result.quotes,
              "quote_warnings": result.quote_warnings, "documents": result.documents, "removed": result.removed}
    return {name: frame_to_csv(frame) for name, frame in frames.items()}


@pytest.fixture(scope="module")
def one_pass():
    """The frames as the stages give them one by one, in one process, and the bytes of one batch."""
    corpus = load_corpus()
    sentences = sentence_topics(score_sentences(attribute_sentences(corpus)))
    return corpus, sentences, score_paragraphs(corpus.paragraphs, sentences), csvs(analyse(jobs=1, cache=False))


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("batch_chars", [pipeline_work.BATCH_CHARS, 1])  # one batch; one document per batch
def test_same_frames_and_bytes_for_any_jobs_and_batches(jobs, batch_chars, monkeypatch, one_pass):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", batch_chars)
    corpus, sentences, paragraphs, reference = one_pass
    for given in (None, corpus):  # the folder (built in the workers) and a loaded corpus
        result = analyse(given, jobs=jobs, cache=False)
        pd.testing.assert_frame_equal(result.sentences, sentences)
        pd.testing.assert_frame_equal(result.paragraphs, paragraphs)
        for name in ("documents", "paragraphs", "sentences", "removed"):
            pd.testing.assert_frame_equal(getattr(result.corpus, name), getattr(corpus, name))
        assert csvs(result) == reference


def test_scores_command_writes_the_same_bytes_with_one_or_two_jobs():
    one = run_cli("scores", "--jobs", "1", "--no-cache")
    two = run_cli("scores", "--jobs", "2", "--no-cache")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout and one.stdout.startswith("doc_id,")


def test_jobs_must_be_a_whole_number_of_one_or_more():
    with pytest.raises(ValueError, match="jobs"):
        analyse(jobs=0, cache=False)
    assert run_cli("scores", "--jobs", "0").returncode == 2


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_bytes():
    distributed = pytest.importorskip("distributed")
    reference = csvs(analyse(jobs=1, cache=False))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert csvs(analyse(scheduler=client, cache=False)) == reference
        assert csvs(analyse(scheduler=cluster.scheduler_address, cache=False)) == reference
        by_cli = run_cli("scores", "--scheduler", cluster.scheduler_address, "--no-cache")
    assert by_cli.returncode == 0 and by_cli.stdout == frame_to_csv(analyse(cache=False).sentences)


# --------------------------------------------------------------------------- the cache


@pytest.fixture
def count_work(monkeypatch):
    """How many batches were worked on (0: the frames came from the cache)."""
    calls = []
    real = pipeline_run.work
    monkeypatch.setattr(pipeline_run, "work", lambda batch: calls.append(1) or real(batch))
    return calls


def test_a_rerun_reads_the_frames_back(corpus_copy, count_work, own_cache):
    first = analyse(corpus_copy, jobs=1)
    computed = len(count_work)
    second = analyse(corpus_copy, jobs=1)
    assert computed > 0 and len(count_work) == computed  # nothing computed the second time
    assert csvs(second) == csvs(first)
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings]
    assert list(own_cache.glob("*.paragraphs.pkl"))  # paragraphs were kept beside the entry, on first use
    assert csvs(analyse(corpus_copy, jobs=1)) == csvs(first)


def test_a_changed_raw_file_or_table_is_computed_again(corpus_copy, count_work):
    from analysis.text.corpus import write_checksums

    before = analyse(corpus_copy, jobs=1)
    raw = sorted((corpus_copy / "raw").iterdir())[0]
    raw.write_text(raw.read_text(encoding="utf-8") + "\nThe talks were a disaster, officials said.\n", encoding="utf-8")
    write_checksums(corpus_copy)
    n = len(count_work)
    after = analyse(corpus_copy, jobs=1)
    assert len(count_work) > n and len(after.sentences) > len(before.sentences) - 2
    assert after.sentences["text"].str.contains("a disaster, officials said").any()
    speakers = corpus_copy / "speakers.csv"
    speakers.write_text(speakers.read_text(encoding="utf-8").replace("Qin Gang,Qin,", "Qin Gang,Qin;Mr Qin,"),
                        encoding="utf-8")
    n = len(count_work)
    analyse(corpus_copy, jobs=1)
    assert len(count_work) > n


def test_a_changed_lexicon_or_version_is_computed_again(corpus_copy, count_work, tmp_path, monkeypatch):
    from analysis.paths import LEXICON_DIR

    folder = tmp_path / "lex"
    folder.mkdir()
    hedges = folder / "hedges.csv"
    hedges.write_text((LEXICON_DIR / "hedges.csv").read_text(encoding="utf-8"), encoding="utf-8")
    base = analyse(corpus_copy, lexicons=folder, jobs=1)
    hedges.write_text(hedges.read_text(encoding="utf-8").rstrip("\n") + "\ntalks,hedge,word,test,test entry,\n",
                      encoding="utf-8")
    n = len(count_work)
    edited = analyse(corpus_copy, lexicons=folder, jobs=1)
    assert len(count_work) > n and edited.sentences["hedges"].sum() > base.sentences["hedges"].sum()
    monkeypatch.setattr(analysis, "__version__", analysis.__version__ + ".post1")
    pipeline_cache._package_digest.cache_clear()
    n = len(count_work)
    analyse(corpus_copy, lexicons=folder, jobs=1)
    assert len(count_work) > n


def test_no_cache_reads_and_writes_nothing(corpus_copy, count_work, own_cache):
    analyse(corpus_copy, jobs=1, cache=False)
    analyse(corpus_copy, jobs=1, cache=False)
    assert len(count_work) == 2 and not own_cache.exists()
    assert run_cli("scores", "--corpus", corpus_copy, "--no-cache").returncode == 0 and not own_cache.exists()


def test_the_cache_is_never_written_inside_a_corpus(corpus_copy, monkeypatch):
    before = sorted(p.relative_to(corpus_copy) for p in corpus_copy.rglob("*"))
    monkeypatch.setenv(pipeline_cache.CACHE_VARIABLE, str(corpus_copy / "cache"))
    with pytest.warns(UserWarning, match="inside a corpus"):
        analyse(corpus_copy, jobs=1)
    assert sorted(p.relative_to(corpus_copy) for p in corpus_copy.rglob("*")) == before


def test_a_broken_entry_is_computed_again(corpus_copy, count_work, own_cache):
    first = analyse(corpus_copy, jobs=1)
    for entry in own_cache.glob("*.pkl"):
        entry.write_bytes(b"not a pickle")
    n = len(count_work)
    assert csvs(analyse(corpus_copy, jobs=1)) == csvs(first) and len(count_work) > n


def test_the_scores_command_reads_the_cache_and_writes_the_same_bytes(corpus_copy, own_cache):
    first = run_cli("scores", "--corpus", corpus_copy, "--jobs", "1")
    assert list(own_cache.glob("*.pkl"))
    second = run_cli("scores", "--corpus", corpus_copy)
    assert first.returncode == second.returncode == 0 and first.stdout == second.stdout


# --------------------------------------------------------------------------- progress


def test_no_bar_when_stderr_is_not_a_terminal(capsys):
    analyse(jobs=1, cache=False)
    assert capsys.readouterr().err == ""


def test_a_bar_when_asked(capsys, monkeypatch):
    monkeypatch.setattr(pipeline_run, "PROGRESS_DELAY", 0)
    analyse(jobs=1, cache=False, progress=True)
    assert "analysing" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["scores", "quotes", "compare"])
def test_quiet_means_no_bar(monkeypatch, command):
    import analysis.pipeline_stream

    seen = {}
    real = analysis.pipeline_stream.parts_of
    monkeypatch.setattr(analysis.pipeline_stream, "parts_of",
                        lambda *a: seen.update(zip(("jobs", "scheduler", "cache", "progress"), a[3:])) or real(*a))
    assert run_cli(command, "--quiet", "--no-cache", "--jobs", "1").returncode == 0
    assert seen["progress"] is False and seen["jobs"] == 1 and seen["cache"] is False


# --------------------------------------------------------------------------- linear


def test_cleaning_splitting_and_scoring_grow_linearly_with_a_paragraph():
    """A paragraph four times longer takes about four times as long (quadratic would be sixteen)."""
    from analysis.measure.scoring import score_sentences
    from analysis.text.corpus import build_document

    sentence = "The talks were candid, but no one said it is clear who is responsible, officials said. "

    def seconds(n: int) -> float:
        text = "Talks\n\n" + sentence * n + "\n\nThe end."
        meta = {"doc_id": "d", "file": "d.txt", "title": "", "outlet": "", "published": "", "voice": "press",
                "meeting_id": "", "notes": ""}
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            _, _, sents, _ = build_document(meta, text)
            score_sentences(pd.DataFrame(sents))
            best = min(best, time.perf_counter() - t0)
        return best

    assert seconds(2000) / seconds(500) < 8


def test_counts_do_not_depend_on_how_a_paragraph_is_cut():
    from analysis.text.segment import split_sentences, word_bounds, words_within

    texts = ["The U.S.-led talks. It’s 4:34 p.m. now.", "“Is it over?” she asked. “No.” U.S. officials agreed",
             "A-b. c-d. U.S. E.U. 1,000. 5.5 hours.", re.sub(r"\s+", " ", "x. " * 50)]
    for text in texts:
        for a, b in split_sentences(text) + [(0, len(text)), (1, len(text) - 1), (3, 9)]:
            assert words_within(text, a, b, *word_bounds(text)) == count_words(text[a:b])
