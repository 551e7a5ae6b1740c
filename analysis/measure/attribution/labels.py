"""The words of ``lexicons/transcript_labels.csv``: press labels, titles, honorifics and words that are never a
speaker label. Transcripts strip titles and honorifics off a label; speakers read "the Secretary" as a title."""
from __future__ import annotations

from functools import lru_cache

from analysis.paths import entries_by_kind
from analysis.text.tables import normalise_alias

LABEL_KINDS = ("press", "answer", "title", "honorific", "not_a_speaker")


@lru_cache(maxsize=1)
def label_words() -> dict[str, tuple[str, ...]]:
    """The entries of ``lexicons/transcript_labels.csv`` by kind, normalised (file order).

    >>> "question" in label_words()["press"], "mr." in label_words()["honorific"], "secretary" in label_words()["title"]
    (True, True, True)
    """
    return entries_by_kind("transcript_labels.csv", LABEL_KINDS, normalise_alias)
