"""The word lists of reporting cues: verbs of speech and source phrases (``lexicons/reporting_verbs.csv``) and
nouns for people who speak without a name (``lexicons/speaker_nouns.csv``)."""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources

from analysis.text.tries import trie_pattern
from analysis.paths import entries_by_kind

VERB_KINDS = ("verb", "source", "pattern")


@lru_cache(maxsize=1)
def reporting_verbs() -> dict[str, tuple[str, ...]]:
    """The entries of ``lexicons/reporting_verbs.csv`` by kind (file order): ``verb`` (a form of a verb of
    speech), ``source`` (names the source of the words: "according to", "reported"), ``pattern`` (a regular
    expression, for forms with words between: "account on X read").

    >>> "said" in reporting_verbs()["verb"], reporting_verbs()["source"][0]
    (True, 'according to')
    """
    return entries_by_kind("reporting_verbs.csv", VERB_KINDS)


#: The verbs and source phrases, as words (``add`` lists names next to them).
REPORTING_VERBS = reporting_verbs()["source"] + reporting_verbs()["verb"]
SOURCE_VERBS = frozenset(reporting_verbs()["source"])
# The words as one trie (analysis.text.tries: faster than an alternation, the same matches), then the patterns.
VERB_RE = re.compile(r"(?<![\w'])(" + "|".join([trie_pattern({v.lower() for v in REPORTING_VERBS}),
                                               *reporting_verbs()["pattern"]]) + r")(?![\w'])", re.IGNORECASE)
ACCORDING_TO = "according to"


@lru_cache(maxsize=1)
def speaker_nouns() -> frozenset[str]:
    """The nouns of ``lexicons/speaker_nouns.csv``: people who speak without a name ("analysts", "officials").

    >>> "analysts" in speaker_nouns()
    True
    """
    path = resources.files("analysis") / "lexicons" / "speaker_nouns.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return frozenset((row.get("entry") or "").strip().lower() for row in csv.DictReader(fh)) - {""}
