"""Keyword in context: every occurrence of a word or phrase with the words around it.

>>> import pandas as pd
>>> df = pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [1],
...                    "text": ["The US called the talks candid and constructive."]})
>>> kwic(df, "candid", window=2)[["left", "hit", "right"]].values.tolist()
[['the talks', 'candid', 'and constructive']]
"""
from __future__ import annotations

import re

import pandas as pd

from analysis.text.tokens import WORD as _WORD, tokenize

#: Columns copied from the input frame onto each hit when present.
CONTEXT_COLUMNS = ("doc_id", "para", "sent", "speaker", "side", "meeting_id", "quote_id")


def _phrase_pattern(term: str) -> re.Pattern:
    words = tokenize(term)
    if not words:
        raise ValueError(f"the search term {term!r} has no words in it")
    # Whole words, any run of non-word characters between them ("mutual-respect", "mutual  respect").
    body = r"\W+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def kwic(frame: pd.DataFrame, term: str, window: int = 5, text: str = "text") -> pd.DataFrame:
    """One row per hit of ``term`` (a word or a phrase, case-insensitive, whole words).

    Returns the id columns present in ``frame`` (doc_id, para, sent, speaker,
    side, meeting_id, quote_id), then ``start, end`` (character offsets of the
    hit in the row's text), ``left, hit, right`` (``window`` words each side,
    within the row's text) and ``text``.
    """
    if window < 0:
        raise ValueError(f"window must be 0 or more words, got {window!r}")
    if text not in frame.columns:
        raise ValueError(f"the frame has no column {text!r}; it has {list(frame.columns)}")
    pattern = _phrase_pattern(term)
    keep = [c for c in CONTEXT_COLUMNS if c in frame.columns]
    rows = []
    for record in frame[[*keep, text]].itertuples(index=False):
        body = getattr(record, text)
        if not isinstance(body, str):
            continue
        for m in pattern.finditer(body):
            left_words = list(_WORD.finditer(body, 0, m.start()))[-window:] if window else []
            right_words = list(_WORD.finditer(body, m.end()))[:window] if window else []
            left = body[left_words[0].start():m.start()].strip() if left_words else ""
            right = body[m.end():right_words[-1].end()].strip() if right_words else ""
            rows.append({**{c: getattr(record, c) for c in keep}, "start": m.start(), "end": m.end(),
                         "left": left, "hit": m.group(0), "right": right, "text": body})
    return pd.DataFrame(rows, columns=[*keep, "start", "end", "left", "hit", "right", "text"])
