"""The analysis of a corpus folder one batch of documents at a time: from the cache or computed (and then
cached), and written out as a table without ever holding the whole corpus's frames.

:func:`parts_of` gives the parts that :func:`analysis.analyse` puts together into an :class:`~analysis.Analysis`;
:func:`write_sentence_scores` is what ``python -m analysis scores`` does with it instead: each batch's
scored sentences go to a spill file as they come, and the table is then written from them piece by
piece, so the memory a run needs stays about that of one batch whatever the size of the corpus. The bytes
are those of ``analyse(...).sentences`` written whole (``tests/test_scale.py`` compares them).

>>> import io, contextlib
>>> buffer = io.StringIO()
>>> with contextlib.redirect_stdout(buffer):
...     write_sentence_scores(None, None, jobs=1, cache=False)
>>> buffer.getvalue().splitlines()[0].split(",")[:3]
['doc_id', 'para', 'sent']
"""
from __future__ import annotations

import dataclasses
import pickle
from contextlib import closing
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from analysis.paths import default_corpus


def corpus_parts(path: Path, folder: Path | None, key: str | None, lexicons, overlay, jobs, scheduler, progress,
                 read_cache: bool = True, counts: list[int] | None = None):
    """``(raw, counts, parts)``: the corpus as read and checked (:class:`~analysis.text.corpus._Raw`,
    without its texts), the number of documents of each batch, and an iterator of each batch's
    :class:`~analysis.pipeline_work.Part`, in the order of the documents; read back from the cache
    entry ``key`` when there is one (and ``read_cache``), else computed (in batches of ``counts``
    documents when given) and written to it as they come."""
    from analysis import pipeline_cache as store
    from analysis.pipeline import _jobs
    from analysis.pipeline_run import run_iter
    from analysis.pipeline_work import raw_batches
    from analysis.text.corpus import read_valid

    hit = store.load_parts(folder, key) if key and read_cache else None
    if hit is not None:
        (raw, counts), parts = hit
        return raw, counts, parts
    raw = read_valid(path)
    n = _jobs(jobs, scheduler, sum(map(len, raw.texts.values())))
    batches = raw_batches(path, raw, n, lexicons, overlay, counts)
    raw = dataclasses.replace(raw, texts={})  # what building the frames needs, not the texts
    counts = [b.n_documents for b in batches]
    return raw, counts, store.store_parts(folder, key, (raw, counts),
                                          run_iter(batches, min(n, len(batches)), scheduler, progress))


def parts_of(path, lexicons, overlay, jobs, scheduler, cache, progress):
    """``(raw, parts, (folder, key))`` of a corpus folder, the cache chosen as :func:`analysis.analyse`
    does. When a cache entry breaks off while it is read, ``parts`` computes the rest again, cut into
    the batches the entry had, so the parts it gives are those of one whole run; closing ``parts``
    closes what it reads from (the cache file, the worker processes)."""
    from analysis import pipeline_cache as store
    from analysis.pipeline import _check_jobs

    _check_jobs(jobs)
    folder = store.cache_folder(cache, path)
    key = store.cache_key(path, lexicons, overlay) if folder is not None else None
    raw, counts, parts = corpus_parts(path, folder, key, lexicons, overlay, jobs, scheduler, progress)

    def parts_safely():
        given = 0
        with closing(parts):
            try:
                for part in parts:
                    given += 1
                    yield part
                return
            except store.BrokenEntry:
                pass
        _, _, again = corpus_parts(path, folder, key, lexicons, overlay, jobs, scheduler, progress,
                                   read_cache=False, counts=counts)
        with closing(again):
            for i, part in enumerate(again):
                if i >= given:
                    yield part

    return raw, parts_safely(), (folder, key)


def document_warnings_of(path: Path, raw, offset: int, part) -> list:
    """The warnings of cleaning the documents of ``part`` (which start at ``offset`` in articles.csv)."""
    from analysis.text.corpus import _build

    rows = raw.articles[offset:offset + len(part.built)]
    return _build(path, dataclasses.replace(raw, articles=rows, problems=[]), part.built).warnings


class Spill:
    """Frames kept on disk one after another, read back in order with one dtype per column (the dtype one
    frame of all their rows would have, as :func:`analysis.pipeline_run.concat_like_one` gives it)."""

    def __init__(self, near: Path | None = None):
        # Beside the output when there is one: the system's temporary folder may be in memory (tmpfs).
        self.folder = Path(tempfile.mkdtemp(prefix=".framing-lab-spill-", dir=near))
        self.lengths: list[int] = []
        self.dtypes: list[dict] = []
        self.last: pd.DataFrame | None = None  # the frame added last (kept until the next one)

    def add(self, frame: pd.DataFrame) -> None:
        self.last = frame
        with open(self.folder / f"{len(self.lengths):06d}.pkl", "wb") as fh:
            pickle.dump(frame, fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.lengths.append(len(frame))
        self.dtypes.append({c: str(frame[c].dtype) for c in frame.columns})

    def _read(self, i: int) -> pd.DataFrame:
        with open(self.folder / f"{i:06d}.pkl", "rb") as fh:
            return pickle.load(fh)

    def frames(self):
        """The frames in order; a column whose dtype differs between the non-empty frames is read again
        from all its values (that column only), as one frame built from every row would read it."""
        full = [i for i, n in enumerate(self.lengths) if n]
        if len(full) < 2:  # one frame (or none with rows) is its own dtype
            yield from (self._read(i) for i in (full or range(min(1, len(self.lengths)))))
            return
        mixed = [c for c in self.dtypes[full[0]] if len({self.dtypes[i].get(c) for i in full}) > 1]
        columns = {c: [] for c in mixed}
        for i in full:
            frame = self._read(i)
            for c in mixed:
                columns[c] += frame[c].tolist()
        unified = {c: pd.Series(values, name=c) for c, values in columns.items()}
        start = 0
        for i in full:
            frame = self._read(i)
            for c, column in unified.items():
                frame[c] = pd.Series(column.iloc[start:start + len(frame)].to_numpy(), index=frame.index,
                                     dtype=column.dtype, name=c)
            start += len(frame)
            yield frame

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class CsvStream:
    """One CSV table written to ``fh`` from the frames of a :class:`Spill`, each as soon as it is spilled,
    while every frame with rows has the dtypes of the first; when one differs, :meth:`finish` writes the
    file again from the spill, with one dtype per column (the bytes of the frames concatenated as one).

    >>> import io
    >>> fh, spill = io.StringIO(), Spill()
    >>> table = CsvStream(fh, spill, safe_cells=True)
    >>> for d, n in (("a", [1]), ("b", [None]), ("c", [2])):  # whole numbers, then a missing value
    ...     spill.add(pd.DataFrame({"d": [d], "n": n}))
    ...     table.write_last()
    >>> table.finish(); spill.close()
    >>> fh.getvalue().split()
    ['d,n', 'a,1.0', 'b,', 'c,2.0']
    """

    def __init__(self, fh, spill: Spill, safe_cells: bool):
        self.fh, self.spill, self.safe_cells = fh, spill, safe_cells
        self.header_written = False
        self.expected: dict | None = None  # the dtypes of the first frame with rows
        self.as_they_come = True

    def write_last(self) -> None:
        """Write the frame spilled last, unless the dtypes have stopped agreeing."""
        from analysis.output import append_csv

        frame, dtypes = self.spill.last, self.spill.dtypes[-1]
        if not self.as_they_come:
            return
        if len(frame) and self.expected is not None and dtypes != self.expected:
            self.as_they_come = False
            return
        append_csv(self.fh, frame, self.safe_cells, header=not self.header_written)
        self.header_written = True
        if len(frame) and self.expected is None:
            self.expected = dtypes

    def finish(self) -> None:
        """Write the whole table again from the spill when the frames' dtypes differed."""
        from analysis.output import append_csv

        if self.as_they_come:
            return
        self.fh.seek(0)
        self.fh.truncate()
        for i, frame in enumerate(self.spill.frames()):
            append_csv(self.fh, frame, self.safe_cells, header=i == 0)


def write_sentence_scores(corpus, out, *, lexicons=None, overlay=None, jobs=None, scheduler=None, cache=True,
                          progress=None, round_to: int | None = None, safe_cells: bool = True,
                          on_warning=None) -> None:
    """Write ``analyse(corpus).sentences`` as CSV to ``out`` (a path, or stdout when None or ``-``), the same
    bytes, one batch of documents in memory at a time. ``on_warning`` is called with each of the corpus's
    warnings, in the order of ``analyse(corpus).warnings``; ``round_to`` rounds the numbers.

    To a file, each batch's rows are written as soon as they come (while the workers go on with the next
    batches), as long as every batch's columns have the dtypes of the first; when one differs (whole
    numbers in one batch, missing values in another), the file is written again from the spill at the end
    with one dtype per column, as one frame of all the rows would have."""
    from analysis.measure.sentiment import overlay_lexicon
    from analysis.measure.stance import stance_lexicons
    from analysis.output import open_atomic, write_tables

    path = Path(corpus) if corpus is not None else default_corpus()
    lexicons, overlay = stance_lexicons(lexicons), overlay_lexicon(overlay)
    raw, parts, _ = parts_of(path, lexicons, overlay, jobs, scheduler, cache, progress)
    tell = on_warning or (lambda w: None)
    for w in raw.problems:
        if w.severity == "warning":
            tell(w)
    to_stdout = out is None or str(out) == "-"
    near = None if to_stdout else Path(out).resolve().parent
    spill, offset = Spill(near if near is not None and near.is_dir() else None), 0
    try:
        with closing(parts):
            if to_stdout:  # stdout cannot be taken back: written once, at the end
                for part in parts:
                    offset = _spill_part(spill, path, raw, offset, part, round_to, tell)
                write_tables(spill.frames(), None, safe_cells=safe_cells)
                return
            with open_atomic(out, "w") as fh:
                table = CsvStream(fh, spill, safe_cells)
                for part in parts:
                    offset = _spill_part(spill, path, raw, offset, part, round_to, tell)
                    table.write_last()
                table.finish()
    finally:
        spill.close()


def _spill_part(spill: Spill, path: Path, raw, offset: int, part, round_to, tell) -> int:
    """Tell a part's document warnings and spill its sentences; the offset of the next part's documents."""
    for w in document_warnings_of(path, raw, offset, part):
        tell(w)
    spill.add(part.sentences if round_to is None else part.sentences.round(round_to))
    return offset + len(part.built)
