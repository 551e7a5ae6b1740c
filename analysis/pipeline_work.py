"""The per-document work of :func:`analysis.analyse`, in batches: in this process, in worker processes
or on a Dask cluster, always with the same result.

Every stage after reading the corpus (cleaning and splitting, attribution, scoring) is a pure
function of one document plus the corpus tables (speakers, meetings) and the word lists, so the
documents are cut into batches of whole documents, in their order; each batch is worked on
wherever, and the results are put back together in the order of the batches. The frames are the
same whatever the number of batches or where they ran (``tests/test_scale.py`` compares the bytes).

A batch is one of two kinds: articles to clean, split, attribute and score (``raw``: their
articles.csv rows and texts, when :func:`analysis.analyse` reads the corpus itself), or a slice of
a loaded :class:`~analysis.text.corpus.Corpus` to attribute and score.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Characters of text per batch: enough work (about 0.3 s) that sending a batch to a worker costs
#: little beside it, small enough that two or more workers stay busy to the end and the bar moves.
BATCH_CHARS = 200_000
#: Below this many characters a corpus is analysed in this process when ``jobs`` is not given:
#: starting worker processes (about a second) would cost more than they save.
PARALLEL_MIN_CHARS = 500_000


@dataclass
class Batch:
    """Whole documents to work on. ``raw``: ``[(meta, text, recurring lines)]`` to build first; else a
    sub-corpus."""

    raw: list | None
    corpus: object | None
    path: Path
    tables: dict
    lexicons: tuple
    overlay: object
    lexicon_key: str
    n_documents: int


@dataclass
class Part:
    """What one batch gives back: the articles' built rows (``raw`` batches) and the frames."""

    built: list | None
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    warnings: pd.DataFrame


#: Word lists a worker has seen, by content: one object per content, so the compiled matchers and
#: the diplomatic analyzer (cached per list object) are built once per worker, not once per batch.
_LEXICONS: dict[str, tuple] = {}


def lexicon_key(lexicons, overlay) -> str:
    """A digest of the word lists' content (entries and where they came from)."""
    parts = [(lex.name, str(lex.path), [vars(e) for e in lex.entries]) for lex in (*lexicons, overlay)]
    return hashlib.sha256(pickle.dumps(parts, protocol=4)).hexdigest()


def work(batch: Batch) -> Part:
    """Clean and split (``raw`` batches), attribute and score one batch of whole documents."""
    from analysis.measure.attribution import attribute
    from analysis.measure.scoring import score_sentences
    from analysis.measure.topics import sentence_topics
    from analysis.text.corpus import Corpus, _Raw, _build, build_document
    from analysis.text.texts_table import text_key

    lexicons, overlay = _LEXICONS.setdefault(batch.lexicon_key, (batch.lexicons, batch.overlay))
    built = None
    corpus = batch.corpus
    if batch.raw is not None:
        built = [build_document(meta, text, recurring) for meta, text, recurring in batch.raw]
        rows = [(0, meta) for meta, _, _ in batch.raw]
        files = {text_key(meta): "" for meta, _, _ in batch.raw}
        corpus = _build(batch.path, _Raw(rows, {}, files, batch.tables, []), built)
        corpus = Corpus(corpus.path, corpus.documents, corpus.paragraphs, corpus.sentences, corpus.removed,
                        batch.tables, [])
    sentences, quotes, warnings = attribute(corpus)
    # Topics per sentence here, in the per-document work, so they are parallel and cached like the scores.
    scored = sentence_topics(score_sentences(sentences, lexicons=lexicons, overlay=overlay))
    return Part(built, scored, quotes, warnings)


# --------------------------------------------------------------------------- cutting into batches


def cut(sizes: list[int], jobs: int) -> list[range]:
    """Consecutive ranges of items (documents) of about :data:`BATCH_CHARS` each, at least ``jobs``
    of them when there are that many items.

    >>> cut([100] * 5, 2)
    [range(0, 3), range(3, 5)]
    >>> cut([BATCH_CHARS] * 3, 1)
    [range(0, 1), range(1, 2), range(2, 3)]
    """
    if not sizes:
        return []
    per = max(1, min(BATCH_CHARS, -(-sum(sizes) // max(1, jobs))))
    out, start, acc = [], 0, 0
    for i, n in enumerate(sizes):
        acc += n
        if acc >= per and i + 1 < len(sizes):
            out.append(range(start, i + 1))
            start, acc = i + 1, 0
    out.append(range(start, len(sizes)))
    return out


def raw_batches(path: Path, raw, jobs: int, lexicons, overlay, counts: list[int] | None = None) -> list[Batch]:
    """Batches of articles to build, from a read and checked corpus (``analysis.text.corpus.read_valid``).

    The lines repeated across the corpus are found here, from every article, and each article
    carries its own: the same as :func:`analysis.text.corpus.load_corpus` finds, for any batches.
    ``counts``: the documents of each batch, to cut the batches of an earlier run again."""
    from analysis.text.corpus import article_meta, corpus_recurring
    from analysis.text.texts_table import text_key

    metas = [article_meta(row) for _, row in raw.articles]
    texts = [raw.texts[text_key(m)] for m in metas]
    recurring = corpus_recurring(raw)
    key = lexicon_key(lexicons, overlay)
    return [Batch([(metas[i], texts[i], recurring[i]) for i in r], None, path, raw.tables, lexicons, overlay, key,
                  len(r))
            for r in (cut([len(t) for t in texts], jobs) if counts is None else _ranges(counts))]


def _ranges(counts: list[int]) -> list[range]:
    """Consecutive ranges of these many items each (the batches of an earlier run, to make them again).

    >>> _ranges([2, 1])
    [range(0, 2), range(2, 3)]
    """
    from itertools import accumulate

    return [range(end - n, end) for n, end in zip(counts, accumulate(counts))]


def corpus_batches(corpus, jobs: int, lexicons, overlay) -> list[Batch]:
    """Batches of a loaded corpus, each a sub-corpus of whole documents in the corpus's order.

    When the sentences are not grouped by document in the paragraphs' order of documents (a corpus
    put together by hand), the whole corpus is one batch, so the result is still the serial one."""
    import numpy as np

    from analysis.text.corpus import Corpus

    order = list(dict.fromkeys(corpus.paragraphs["doc_id"].tolist()))
    frames = {"documents": corpus.documents, "paragraphs": corpus.paragraphs, "sentences": corpus.sentences}
    where = {name: f.groupby("doc_id", sort=False).indices for name, f in frames.items()}
    lengths = corpus.paragraphs["text"].fillna("").astype(str).str.len().to_numpy()
    sizes = [int(lengths[where["paragraphs"][d]].sum()) for d in order]
    ranges = cut(sizes, jobs)
    picks = [{name: np.concatenate([where[name].get(d, np.empty(0, int)) for d in order[r.start:r.stop]] or
                                   [np.empty(0, int)]).astype(int) for name in frames} for r in ranges]
    key = lexicon_key(lexicons, overlay)
    sentence_order = np.concatenate([p["sentences"] for p in picks]) if picks else np.empty(0, int)
    if len(ranges) < 2 or not np.array_equal(sentence_order, np.arange(len(corpus.sentences))):
        return [Batch(None, corpus, corpus.path, corpus.tables, lexicons, overlay, key, len(corpus.documents))]
    subs = [Corpus(corpus.path, *(frames[n].iloc[p[n]] for n in ("documents", "paragraphs", "sentences")),
                   corpus.removed.iloc[:0], corpus.tables, []) for p in picks]
    return [Batch(None, sub, corpus.path, corpus.tables, lexicons, overlay, key, len(r)) for sub, r in zip(subs, ranges)]


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)
