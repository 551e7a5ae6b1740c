"""Running the batches of :mod:`analysis.pipeline_work`: here, in worker processes, or on a Dask
cluster; a progress bar on stderr; the parts put back together in the order of the batches.

>>> import pandas as pd
>>> concat_like_one([pd.DataFrame({"a": [1]}), pd.DataFrame({"a": []}), pd.DataFrame({"a": [None]})])["a"].tolist()
[1.0, nan]
"""
from __future__ import annotations

import sys
from contextlib import contextmanager

import pandas as pd

from analysis.pipeline_work import Batch, Part, work

#: A run shorter than this many seconds shows no progress bar (it would only flicker).
PROGRESS_DELAY = 1.0
#: Modules the worker processes import once, before they are forked from their server.
WORKER_PRELOAD = ["analysis.pipeline_work", "analysis.measure.scoring", "analysis.measure.attribution",
                  "analysis.text.corpus"]


class _Nothing:
    """The bar when none is shown."""

    def update(self, n: int = 1) -> None:
        pass


@contextmanager
def progress_bar(total: int, show: bool | None):
    """A tqdm bar counting documents on stderr; ``show`` None: only when stderr is a terminal."""
    if show is None:
        show = bool(getattr(sys.stderr, "isatty", lambda: False)())
    if not show:
        yield _Nothing()
        return
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0  # no monitor thread: worker processes are forked only from a one-thread process

    bar = Bar(total=total, unit="doc", desc="analysing", file=sys.stderr, delay=PROGRESS_DELAY, leave=False,
              dynamic_ncols=True)
    try:
        yield bar
    finally:
        bar.close()


def run(batches: list[Batch], jobs: int, scheduler=None, progress: bool | None = None) -> list[Part]:
    """Every batch's :class:`Part`, in the order of ``batches``."""
    return list(run_iter(batches, jobs, scheduler, progress))


def run_iter(batches: list[Batch], jobs: int, scheduler=None, progress: bool | None = None):
    """Every batch's :class:`Part`, in the order of ``batches``, each as soon as it and those before it
    are done: a caller that writes each part out and lets it go holds one part at a time."""
    total = sum(b.n_documents for b in batches)
    if scheduler is None and jobs > 1 and len(batches) > 1:
        yield from _in_processes(batches, jobs, total, progress)  # it shows the bar itself
        return
    with progress_bar(total, progress) as bar:
        if scheduler is not None:
            yield from _on_dask(batches, scheduler, bar)
            return
        for batch in batches:
            yield work(batch)
            bar.update(batch.n_documents)


def _context():
    """How worker processes start: forked from this process when it runs one thread (fast, and a script
    needs no ``if __name__ == "__main__"``); else forked from a server process that has imported the
    package (forking a process with threads, such as a Jupyter kernel, can deadlock)."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(WORKER_PRELOAD)
    return ctx


def _in_processes(batches: list[Batch], jobs: int, total: int, progress: bool | None):
    """The batches in ``jobs`` worker processes, their parts in order; the pool starts before the bar's
    thread does."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=_context()) as pool:
        results = pool.map(work, batches)  # map keeps the order of the batches
        try:
            with progress_bar(total, progress) as bar:
                for batch, part in zip(batches, results):
                    yield part
                    bar.update(batch.n_documents)
        except BaseException:  # an error, Ctrl-C, or the caller closing: the batches not started are not
            pool.shutdown(wait=True, cancel_futures=True)  # started (those running finish: one per worker)
            raise


def _on_dask(batches: list[Batch], scheduler, bar):
    """The batches as tasks on a Dask distributed cluster (``scheduler``: an address or a ``Client``),
    their parts in order; each task's result is let go on the cluster once it is here."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False)
    try:
        futures = client.map(work, batches, pure=False)
        for i, batch in enumerate(batches):
            part = futures[i].result()
            futures[i] = None
            yield part
            bar.update(batch.n_documents)
    finally:
        if client is not scheduler:
            client.close()


def workers_of(scheduler) -> int:
    """How many workers a Dask scheduler has (at least 1)."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False)
    try:
        try:
            info = client.scheduler_info(n_workers=-1)  # every worker (some versions list only a few by default)
        except TypeError:  # versions before the argument list them all
            info = client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))
    finally:
        if client is not scheduler:
            client.close()


def concat_like_one(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one under the other, with the dtypes one frame built from all the rows would have.

    Empty frames are left out (their columns have no dtype of their own); a column whose dtype
    differs between the frames (ints here, a missing value there) is read again from its values."""
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0]
    if len(full) == 1:
        return full[0]
    out = pd.concat(full)
    for c in out.columns:
        if len({str(f[c].dtype) for f in full}) > 1:
            out[c] = pd.Series(out[c].tolist(), index=out.index, name=c)
    return out


def assemble(parts: list[Part], sentence_index) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(sentences, quotes, warnings) of the whole corpus from the parts, as one pass would give them."""
    if len(parts) == 1:
        return parts[0].sentences, parts[0].quotes, parts[0].warnings
    sentences = concat_like_one([p.sentences for p in parts])
    if len(sentences) != len(sentence_index):
        raise RuntimeError("the batches gave back a different number of sentences than the corpus has")
    sentences = sentences.set_axis(sentence_index)
    quotes = concat_like_one([p.quotes for p in parts]).reset_index(drop=True)
    warnings = concat_like_one([p.warnings for p in parts]).reset_index(drop=True)
    return sentences, quotes, warnings
