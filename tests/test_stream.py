"""The scores command one batch at a time: the same bytes as the whole frame written at once, for any
batches (with dtypes that differ between batches), from the cache or computed, and nothing half-written."""
import pickle

import pandas as pd
import pytest

from analysis import analyse, pipeline_cache, pipeline_work
from analysis.output import frame_to_csv
from pathlib import Path
from analysis.pipeline_stream import Spill, write_sentence_scores
from analysis.pipeline_run import concat_like_one
from tests.helpers import own_cache, run_cli  # noqa: F401  (own_cache: a fixture)

PAGES = Path(__file__).resolve().parent / "data" / "pages"  # a Chinese page among English ones: some batches have NaN counts


pytestmark = pytest.mark.usefixtures("own_cache")  # never the user's cache (tests/helpers.py)


def fail_at_third_batch(monkeypatch, error: BaseException) -> None:
    """One document per batch, and the work of the third batch raises ``error``."""
    from analysis import pipeline_run

    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    real, seen = pipeline_work.work, []

    def fail_third(batch):
        seen.append(1)
        if len(seen) == 3:
            raise error
        return real(batch)

    monkeypatch.setattr(pipeline_run, "work", fail_third)


@pytest.fixture(scope="module")
def whole():
    """The sentence table of the page corpus, written whole from one batch."""
    return frame_to_csv(analyse(PAGES, jobs=1, cache=False).sentences)


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_document_per_batch_writes_the_bytes_of_the_whole_frame(jobs, monkeypatch, tmp_path, whole):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    out = tmp_path / "scores.csv"
    assert run_cli("scores", "--corpus", PAGES, "--jobs", jobs, "--no-cache", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8") == whole


def test_the_batches_really_differ_in_dtype(monkeypatch):
    """The case the unified dtypes are for: a count column is whole numbers in one batch, and has
    missing values (the Chinese sentences') in another."""
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    from analysis.pipeline_stream import parts_of
    from analysis.measure.sentiment import overlay_lexicon
    from analysis.measure.stance import stance_lexicons

    _, parts, _ = parts_of(PAGES, stance_lexicons(None), overlay_lexicon(None), 1, None, False, False)
    kinds = {str(p.sentences["hedges"].dtype) for p in parts if len(p.sentences)}
    assert len(kinds) > 1


def test_round_and_raw_cells_are_those_of_the_whole_frame(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    out = tmp_path / "r.csv"
    assert run_cli("scores", "--corpus", PAGES, "--round", "2", "--raw-cells", "--no-cache", "--jobs", "1",
                   "-o", out).returncode == 0
    expected = analyse(PAGES, jobs=1, cache=False).sentences.round(2)
    assert out.read_text(encoding="utf-8") == frame_to_csv(expected, safe_cells=False)


def test_the_warnings_are_those_of_the_corpus_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    told = []
    write_sentence_scores(PAGES, tmp_path / "s.csv", jobs=1, cache=False, on_warning=told.append)
    assert [str(w) for w in told] == [str(w) for w in analyse(PAGES, jobs=1, cache=False).warnings]
    assert told  # the page corpus has warnings (its Chinese page)


def test_a_rerun_streams_from_the_cache(tmp_path, own_cache, whole, monkeypatch):
    calls = []
    real = pipeline_work.work
    from analysis import pipeline_run

    monkeypatch.setattr(pipeline_run, "work", lambda b: calls.append(1) or real(b))
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    assert run_cli("scores", "--corpus", PAGES, "--jobs", "1", "-o", first).returncode == 0
    n = len(calls)
    assert run_cli("scores", "--corpus", PAGES, "--jobs", "1", "-o", second).returncode == 0
    assert n > 0 and len(calls) == n  # nothing computed the second time
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8") == whole
    # analyse() reads the same entry back
    assert frame_to_csv(analyse(PAGES, jobs=1).sentences) == whole and len(calls) == n


def test_an_entry_that_breaks_off_is_computed_again(tmp_path, own_cache, whole, monkeypatch):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    assert run_cli("scores", "--corpus", PAGES, "--jobs", "1", "-o", tmp_path / "1.csv").returncode == 0
    (entry,) = [f for f in own_cache.glob("*.pkl") if len(f.stem) == 64]
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])  # the head and some batches survive, the rest is gone
    out = tmp_path / "2.csv"
    assert run_cli("scores", "--corpus", PAGES, "--jobs", "1", "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8") == whole
    assert frame_to_csv(analyse(PAGES, jobs=1).sentences) == whole


def test_a_run_stopped_half_way_leaves_no_output_and_no_entry(tmp_path, own_cache, monkeypatch):
    fail_at_third_batch(monkeypatch, KeyboardInterrupt)
    out = tmp_path / "s.csv"
    with pytest.raises(KeyboardInterrupt):
        write_sentence_scores(PAGES, out, jobs=1)
    assert not out.exists() and not list(tmp_path.glob(".s.csv*"))
    assert not list(own_cache.glob("*.pkl")) and not list(own_cache.glob("*.tmp"))


def test_spill_gives_the_dtypes_of_one_frame():
    frames = [pd.DataFrame({"n": [1, 2], "t": ["a", "b"]}), pd.DataFrame({"n": [], "t": []}),
              pd.DataFrame({"n": [float("nan")], "t": ["c"]})]
    spill = Spill()
    try:
        for f in frames:
            spill.add(f)
        got = pd.concat(list(spill.frames()), ignore_index=True)
    finally:
        spill.close()
    want = concat_like_one(frames).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)
    assert frame_to_csv(got) == frame_to_csv(want) and not spill.folder.exists()


def test_the_stored_entry_is_a_stream_of_batches(tmp_path, own_cache, monkeypatch):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    analyse(PAGES, jobs=1)
    (entry,) = [f for f in own_cache.glob("*.pkl") if len(f.stem) == 64]
    items = []
    with open(entry, "rb") as fh:
        while (item := pickle.load(fh)) is not None:
            items.append(item)
    assert items[0]["format"] == pipeline_cache.FORMAT and len(items) - 1 > 1  # a head, then one per batch


@pytest.mark.parametrize("frames", [
    [pd.DataFrame({"n": pd.Series([], dtype=int)}), pd.DataFrame({"n": [1, 2]}), pd.DataFrame({"n": [3]})],
    [pd.DataFrame({"n": [1, 2]}), pd.DataFrame({"n": [None, 4.5]}), pd.DataFrame({"n": [3]})],
    [pd.DataFrame({"n": [1], "t": ["=x"]}), pd.DataFrame({"n": [2], "t": [None]})],
])
def test_the_table_as_it_comes_is_the_table_of_one_frame(frames):
    import io
    from analysis.pipeline_stream import CsvStream

    fh, spill = io.StringIO(), Spill()
    table = CsvStream(fh, spill, safe_cells=True)
    try:
        for f in frames:
            spill.add(f)
            table.write_last()
        table.finish()
    finally:
        spill.close()
    assert fh.getvalue() == frame_to_csv(concat_like_one(frames))


def test_an_entry_of_other_batches_that_breaks_off_still_gives_every_row(tmp_path, own_cache, whole, monkeypatch):
    """The entry was written with two jobs (its own batches); the rerun with one job reads part of it,
    then computes the rest in the entry's batches, not in its own."""
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 30_000)
    analyse(PAGES, jobs=2)
    (entry,) = [f for f in own_cache.glob("*.pkl") if len(f.stem) == 64]
    data = entry.read_bytes()
    for keep in (len(data) // 3, 2 * len(data) // 3):
        entry.write_bytes(data[:keep])
        out = tmp_path / f"{keep}.csv"
        write_sentence_scores(PAGES, out, jobs=1)
        assert out.read_text(encoding="utf-8") == whole
        entry.write_bytes(data[:keep])
        assert frame_to_csv(analyse(PAGES, jobs=1).sentences) == whole


def test_an_error_of_the_work_is_not_taken_for_a_cache_error(tmp_path, own_cache, monkeypatch):
    fail_at_third_batch(monkeypatch, OSError(28, "No space left on device"))
    with pytest.raises(OSError):
        write_sentence_scores(PAGES, tmp_path / "s.csv", jobs=1)
    assert not (tmp_path / "s.csv").exists() and not list(own_cache.glob("*"))
    assert not list(tmp_path.glob(".framing-lab-spill-*"))


def test_a_cache_that_cannot_be_written_leaves_the_output_whole(tmp_path, own_cache, whole, monkeypatch):
    monkeypatch.setattr(pipeline_work, "BATCH_CHARS", 1)
    dumps = []

    class FillingDisk:  # the cache module's pickle, on a disk that is full after three items
        HIGHEST_PROTOCOL, load = pickle.HIGHEST_PROTOCOL, pickle.load

        @staticmethod
        def dump(item, fh, *a, **kw):
            dumps.append(1)
            if len(dumps) > 3:
                raise OSError(28, "No space left on device")
            return pickle.dump(item, fh, *a, **kw)

    monkeypatch.setattr(pipeline_cache, "pickle", FillingDisk)
    out = tmp_path / "s.csv"
    write_sentence_scores(PAGES, out, jobs=1)
    assert out.read_text(encoding="utf-8") == whole and not list(own_cache.glob("*"))


def test_a_wrong_jobs_is_an_error_even_from_the_cache():
    analyse(PAGES, jobs=1)  # the entry is there
    with pytest.raises(ValueError, match="jobs"):
        write_sentence_scores(PAGES, None, jobs=0)


def test_pieces_of_a_table_are_the_table(monkeypatch):
    from analysis import output

    monkeypatch.setattr(output, "CSV_CHUNK_ROWS", 2)
    frame = pd.DataFrame({"t": pd.to_datetime(["2024-01-01 00:00", "2024-01-02 00:00", "2024-01-03 12:30"]),
                          "c": pd.Categorical(["=1+1", "ok", "ok"]), "n": [1, 2, 3]})
    assert frame_to_csv(frame) == frame.assign(c=["'=1+1", "ok", "ok"]).to_csv(index=False, lineterminator="\n")
