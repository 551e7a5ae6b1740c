"""The words of ``lexicons/transcript_labels.csv``: press labels, titles, honorifics and words that are never a
speaker label. Transcripts strip titles and honorifics off a label; speakers read "the Secretary" as a title."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from analysis.text.tables import normalise_alias

LABEL_KINDS = ("press", "answer", "title", "honorific", "not_a_speaker")


@lru_cache(maxsize=1)
def label_words() -> dict[str, tuple[str, ...]]:
    """The entries of ``lexicons/transcript_labels.csv`` by kind, normalised (file order).

    >>> "question" in label_words()["press"], "mr." in label_words()["honorific"], "secretary" in label_words()["title"]
    (True, True, True)
    """
    path = resources.files("analysis") / "lexicons" / "transcript_labels.csv"
    by_kind: dict[str, list[str]] = {k: [] for k in LABEL_KINDS}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            kind, entry = (row.get("kind") or "").strip(), normalise_alias(row.get("entry") or "")
            if kind not in by_kind or not entry:  # bundled data: a bad row is a bug in the package
                raise ValueError(f"{path}:{n}: kind {kind!r} is not one of {LABEL_KINDS} or the entry is empty")
            by_kind[kind].append(entry)
    return {k: tuple(v) for k, v in by_kind.items()}
