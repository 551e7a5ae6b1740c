"""What attribution tells an instructor about each document: quotations without a speaker, and the quote
warnings (unbalanced quotation marks, unknown transcript labels), as problems naming the raw file."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import Problem, display_path

#: The kinds of quotes rows that count as quotations here (a transcript turn's label is reported on its own).
QUOTATION_KINDS = ("direct", "partial", "indirect")
_HINT = ("read the rows with an empty speaker in `python -m analysis quotes`: add a speakers.csv row or alias "
         "for the name their cue gives; a partial quotation with no cue is most often a scare quote "
         "(corpus/README.md, step 5)")


def _raw_files(corpus) -> dict[str, str]:
    """doc_id -> the raw file as messages name it; a record of texts.jsonl as ``texts.jsonl#<doc_id>``,
    so the line numbers read as lines of that record's text."""
    from analysis.text.texts_table import TABLE_FILE

    docs = corpus.documents
    root = Path(corpus.path) if corpus.path is not None else Path(".")
    files = docs["file"].tolist() if "file" in docs else docs["doc_id"].tolist()
    return {d: display_path(root / TABLE_FILE) + f"#{d}" if f == TABLE_FILE else display_path(root / "raw" / f)
            for d, f in zip(docs.doc_id.tolist(), files)}


def speakerless_problems(corpus, quotes: pd.DataFrame) -> list[Problem]:
    """One warning per document with quotations whose speaker is empty: how many of how many, by kind.

    A quotation over several paragraphs counts once. Its side, when the cue gave none, is the
    document's voice: in a news report that is ``press``, so it drops out of the US-China comparison.

    >>> from analysis import load_corpus
    >>> from analysis.measure.attribution import extract_quotes
    >>> corpus = load_corpus()
    >>> [p.severity for p in speakerless_problems(corpus, extract_quotes(corpus))][:1]
    ['warning']
    """
    files = _raw_files(corpus)
    q = quotes[quotes.kind.isin(QUOTATION_KINDS)]
    # One quotation, one count: its first row says whether it has a speaker.
    first = q.drop_duplicates(["doc_id", "quotation"])
    problems = []
    for doc_id, rows in first.groupby("doc_id", sort=False):
        missing = rows[rows.speaker == ""]
        if missing.empty:
            continue
        kinds = ", ".join(f"{n} {k}" for k, n in missing.kind.value_counts().sort_index().items())
        problems.append(Problem(files.get(doc_id, doc_id),
                                f"{len(missing)} of {len(rows)} quotations {'has' if len(missing) == 1 else 'have'} "
                                f"no speaker "
                                f"(doc_id {doc_id}: {kinds})", _HINT, severity="warning"))
    return problems


def warning_problems(corpus, warnings: pd.DataFrame) -> list[Problem]:
    """The quote warnings frame (see :func:`.sentences.quote_warnings`) as problems at the raw file's line."""
    files = _raw_files(corpus)
    return [Problem(files.get(w.doc_id, w.doc_id), f"paragraph {w.para}: {w.message}", line=int(w.line),
                    severity="warning") for w in warnings.itertuples(index=False)]
