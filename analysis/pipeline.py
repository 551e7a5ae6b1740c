"""One call for the whole analysis: load, attribute, score.

:func:`analyse` runs every stage once and returns an :class:`Analysis`, an
object of tidy frames that every command, figure, exercise and notebook uses.
Each stage stays callable on its own (``load_corpus``, ``attribute_sentences``,
``score_sentences`` ...) for a student who wants to stop and look in between.

>>> result = analyse(cache=False)           # the bundled corpus (cache=False: not read from, nor kept in, the cache)
>>> result  # doctest: +ELLIPSIS
Analysis('...corpus': 5 documents, 178 sentences, 63 statements, 112 quotations)
>>> sorted({"speaker", "side", "meeting_id", "compound_diplomatic"} - set(result.sentences.columns))
[]
"""
from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.errors import display_path
from analysis.paths import default_corpus
from analysis.text.corpus import Corpus, load_corpus  # noqa: F401  (load_corpus: the first stage, re-exported)


#: The name of the cache entry part that holds the scored paragraphs.
PARAGRAPHS_PART = ".paragraphs"


@dataclass
class Analysis:
    """Every frame of one run over a corpus (one row per unit in each).

    * ``corpus``: the loaded :class:`~analysis.text.corpus.Corpus` (documents,
      paragraphs, sentences before attribution, removed lines, tables, warnings);
    * ``sentences``: one row per sentence, attributed (``speaker``, ``side``,
      ``meeting_id`` ...) and scored (both VADER variants, stance counts, framing);
    * ``quotes``: one row per quotation or reported statement;
    * ``quote_warnings``: unbalanced quotation marks, with their place;
    * ``paragraphs``: one row per paragraph, scored (sentence means and sums);
    * ``matches``: one row per matched lexicon span, so every count can be checked;
    * ``statements``: the sentences spoken for the US or China.

    ``paragraphs``, ``matches`` and ``statements`` are computed on first use and
    then kept, so a command that needs only sentences does not pay for them.
    """

    corpus: Corpus
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    quote_warnings: pd.DataFrame
    lexicons: object = None
    overlay: object = None
    #: (cache folder, key) of this run's entry, so the paragraphs are cached beside it.
    cache_entry: tuple | None = field(default=None, repr=False, compare=False)

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        from analysis import pipeline_cache
        from analysis.measure.scoring import score_paragraphs

        if self.cache_entry is not None:
            hit = pipeline_cache.load(*self.cache_entry, part=PARAGRAPHS_PART)
            if hit is not None:
                return hit["paragraphs"]
        frame = score_paragraphs(self.corpus.paragraphs, self.sentences, self.lexicons, self.overlay)
        if self.cache_entry is not None:
            pipeline_cache.store(*self.cache_entry, {"paragraphs": frame}, part=PARAGRAPHS_PART)
        return frame

    @cached_property
    def matches(self) -> pd.DataFrame:
        from analysis.measure.scoring import find_matches

        # The attributed sentences: their side tells whose demands a directive makes, and their lang
        # which sentences the English word lists leave alone, as in the counts of `sentences`.
        return find_matches(self.sentences, self.lexicons, self.overlay)

    @cached_property
    def statements(self) -> pd.DataFrame:
        """Sentences whose side is ``us`` or ``china`` (see :func:`analysis.select_statements`)."""
        from analysis.compare.statements import select_statements

        return select_statements(self.sentences)

    @property
    def documents(self) -> pd.DataFrame:
        return self.corpus.documents

    @property
    def removed(self) -> pd.DataFrame:
        return self.corpus.removed

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return self.corpus.tables

    @property
    def warnings(self) -> list:
        return self.corpus.warnings

    def __repr__(self) -> str:
        return (f"Analysis({display_path(self.corpus.path)!r}: {len(self.documents)} documents, "
                f"{len(self.sentences)} sentences, {len(self.statements)} statements, "
                f"{len(self.quotes)} quotations)")


def analyse(corpus: Corpus | str | Path | None = None, *, lexicons=None, overlay=None, jobs: int | None = None,
            scheduler=None, cache: bool | str | Path = True, progress: bool | None = None) -> Analysis:
    """Load (unless given a loaded corpus), attribute and score a corpus.

    ``corpus`` is a corpus folder, a :class:`~analysis.text.corpus.Corpus`, or
    None for the bundled one. ``lexicons`` and ``overlay`` choose the word lists
    as in :func:`analysis.score_sentences` (None: the bundled lists).

    * ``jobs``: worker processes (None: every core, for a corpus big enough to
      gain from them; 1: this process only). The frames are the same for any number.
    * ``scheduler``: the address of a Dask scheduler (``"tcp://host:8786"``) or a
      ``distributed.Client``: the documents are worked on by its workers instead.
    * ``cache``: True keeps the frames on disk (``$FRAMING_LAB_CACHE``, else
      ``~/.cache/framing-lab``), keyed by the content of the corpus files, the word
      lists and the package version, so a rerun on an unchanged corpus reads them
      back; a folder to use that one; False to compute without reading or writing
      it. A loaded Corpus is never cached (it may differ from its files).
    * ``progress``: a progress bar on stderr (None: when stderr is a terminal).

    >>> analyse(cache=False).sentences.groupby("side").size().to_dict()
    {'china': 9, 'press': 109, 'third-party': 6, 'us': 54}
    """
    from analysis.measure.sentiment import overlay_lexicon
    from analysis.measure.stance import stance_lexicons
    from analysis.pipeline_run import assemble, run
    from analysis.pipeline_stream import parts_of
    from analysis.pipeline_work import corpus_batches
    from analysis.text.corpus import _build

    _check_jobs(jobs)  # a wrong jobs is an error even when the cache answers
    # Resolve the word lists once, so every frame of this Analysis uses the same ones.
    lexicons, overlay = stance_lexicons(lexicons), overlay_lexicon(overlay)
    if isinstance(corpus, Corpus):
        n = _jobs(jobs, scheduler, corpus.paragraphs["text"].str.len().sum())
        batches = corpus_batches(corpus, n, lexicons, overlay)
        parts = run(batches, min(n, len(batches)), scheduler, progress)
        return Analysis(corpus, *assemble(parts, corpus.sentences.index), lexicons, overlay)
    path = Path(corpus) if corpus is not None else default_corpus()
    raw, parts, (folder, key) = parts_of(path, lexicons, overlay, jobs, scheduler, cache, progress)
    with closing(parts):  # an error half-way closes the workers and the cache entry being written
        parts = list(parts)
    loaded = _build(path, raw, [b for part in parts for b in part.built])
    sentences, quotes, warnings = assemble(parts, loaded.sentences.index)
    return Analysis(loaded, sentences, quotes, warnings, lexicons, overlay, cache_entry=(folder, key) if key else None)


def _check_jobs(jobs) -> None:
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ValueError(f"jobs must be a whole number of 1 or more (or None for every core); got {jobs!r}")


def _jobs(jobs: int | None, scheduler, chars: int) -> int:
    """How many workers take part (the documents are cut into at least as many batches); 1: this process."""
    from analysis.pipeline_run import workers_of
    from analysis.pipeline_work import PARALLEL_MIN_CHARS, default_jobs

    _check_jobs(jobs)
    if scheduler is not None:
        return jobs or workers_of(scheduler)
    if jobs is None:
        return default_jobs() if chars >= PARALLEL_MIN_CHARS else 1
    return jobs

