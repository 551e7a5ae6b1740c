"""TF-IDF over any unit of text, its top terms, and cosine similarity between units.

A *unit* is whatever a grouping column names: ``doc_id`` (articles), ``side``,
``meeting_id``, or several columns at once (``["meeting_id", "side"]``). The
texts of each unit are joined and weighted with scikit-learn's
``TfidfVectorizer``, using the project's tokenizer so words are the same
everywhere. Defaults, and why:

* ``stop_words="english"``: function words would otherwise fill every top list;
* ``ngram_range=(1, 2)``: diplomatic language lives in pairs ("mutual respect",
  "core interests");
* ``min_df=1``: with five articles, a higher floor would drop most of the words;
* ``sublinear_tf=True``: 1 + log(tf), so one repeated word does not dominate a unit.

scikit-learn is imported when a function runs, not when ``analysis`` is imported.
"""
from __future__ import annotations

import pandas as pd

from analysis.text.tokens import tokenize

DEFAULTS = dict(stop_words="english", ngram_range=(1, 2), min_df=1, sublinear_tf=True)


def _units(frame: pd.DataFrame, by: str | list[str], text: str) -> tuple[pd.Series, list[str]]:
    cols = [by] if isinstance(by, str) else list(by)
    missing = [c for c in [*cols, text] if c not in frame.columns]
    if missing:
        raise ValueError(f"the frame has no column(s) {missing}; it has {list(frame.columns)}")
    rows = frame.dropna(subset=cols)
    joined = rows.groupby(cols, sort=True)[text].agg(lambda s: "\n".join(s.astype(str)))
    labels = [" / ".join(map(str, k)) if isinstance(k, tuple) else str(k) for k in joined.index]
    return joined, labels


def tfidf_vectorizer(**settings):
    """A ``TfidfVectorizer`` with the project's tokenizer and defaults (any setting can be overridden)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = {**DEFAULTS, **settings}
    stop = params.pop("stop_words")
    if stop == "english":
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        stop = ENGLISH_STOP_WORDS
    stop = frozenset(stop or ())

    def analyzer_tokens(text: str) -> list[str]:
        # Stop words are removed before n-grams are formed, as TfidfVectorizer does.
        return [t for t in tokenize(text) if t not in stop]

    return TfidfVectorizer(tokenizer=analyzer_tokens, token_pattern=None, lowercase=False, **params)


def idf_weights(texts, **settings) -> pd.Series:
    """The inverse document frequency of every term over ``texts`` (one text per unit), as a Series.

    Shows that idf belongs to the corpus, not the word: the same word gets a
    different weight when a text is added or left out.

    >>> w = idf_weights(["candid talks", "talks on respect"])
    >>> float(w["talks"]) < float(w["candid"])
    True
    """
    vec = tfidf_vectorizer(**settings).fit(list(texts))
    return pd.Series(vec.idf_, index=vec.get_feature_names_out(), name="idf")


def tfidf_terms(frame: pd.DataFrame, by: str | list[str] = "doc_id", text: str = "text",
                top_n: int | None = 10, **settings) -> pd.DataFrame:
    """Top TF-IDF terms per unit, as a tidy frame ``unit, term, tfidf, rank``.

    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["candid talks on trade", "talks on respect"]})
    >>> tfidf_terms(df, top_n=1)[["unit", "term"]].values.tolist()
    [['a', 'candid'], ['b', 'respect']]
    """
    if top_n is not None and top_n < 1:
        raise ValueError(f"top_n must be at least 1 or None, got {top_n!r}")
    joined, labels = _units(frame, by, text)
    vec = tfidf_vectorizer(**settings)
    matrix = vec.fit_transform(joined.tolist()).tocoo()
    terms = vec.get_feature_names_out()
    out = pd.DataFrame({"unit": [labels[i] for i in matrix.row], "term": terms[matrix.col], "tfidf": matrix.data})
    out = out.sort_values(["unit", "tfidf", "term"], ascending=[True, False, True], ignore_index=True)
    out["rank"] = out.groupby("unit").cumcount() + 1
    if top_n is not None:
        out = out[out["rank"] <= top_n].reset_index(drop=True)
    return out


def similarity(frame: pd.DataFrame, by: str | list[str] = "doc_id", text: str = "text", **settings) -> pd.DataFrame:
    """Cosine similarity of the TF-IDF vectors of every pair of units: ``unit_a, unit_b, cosine``.

    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["trade talks", "trade talks", "climate"]})
    >>> s = similarity(df).set_index(["unit_a", "unit_b"])["cosine"]
    >>> round(float(s["a", "b"]), 3), round(float(s["a", "c"]), 3)
    (1.0, 0.0)
    """
    from sklearn.metrics.pairwise import cosine_similarity

    joined, labels = _units(frame, by, text)
    matrix = tfidf_vectorizer(**settings).fit_transform(joined.tolist())
    sims = cosine_similarity(matrix)
    return pd.DataFrame([(labels[i], labels[j], float(sims[i, j]))
                         for i in range(len(labels)) for j in range(len(labels))],
                        columns=["unit_a", "unit_b", "cosine"])
