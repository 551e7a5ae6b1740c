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

from analysis.frames import require_columns
from analysis.text.tokens import tokenize

DEFAULTS = dict(stop_words="english", ngram_range=(1, 2), min_df=1, sublinear_tf=True)


def _units(frame: pd.DataFrame, by: str | list[str], text: str) -> tuple[pd.Series, list[str]]:
    cols = [by] if isinstance(by, str) else list(by)
    require_columns(frame, [*cols, text], "the frame")
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
                n: int | None = 10, top_n: int | None = None, **settings) -> pd.DataFrame:
    """Top ``n`` TF-IDF terms per unit (value of ``by``), as a tidy frame ``<by>, term, tfidf, rank``.

    The grouping column keeps its name, as in :func:`analysis.compare_sides` and
    :func:`analysis.distinctive_terms` (several ``by`` columns: one column each).
    ``n=None`` keeps every term. (``top_n`` is the old name of ``n``, still accepted.)

    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["candid talks on trade", "talks on respect"]})
    >>> tfidf_terms(df, n=1)[["doc_id", "term"]].values.tolist()
    [['a', 'candid'], ['b', 'respect']]
    """
    if top_n is not None:
        import warnings

        warnings.warn("top_n= is now called n=", DeprecationWarning, stacklevel=2)
        n = top_n
    if n is not None and n < 1:
        raise ValueError(f"n must be at least 1 or None, got {n!r}")
    cols = [by] if isinstance(by, str) else list(by)
    joined, _ = _units(frame, by, text)
    vec = tfidf_vectorizer(**settings)
    matrix = vec.fit_transform(joined.tolist()).tocoo()
    terms = vec.get_feature_names_out()
    keys = joined.index.to_frame(index=False).iloc[matrix.row].reset_index(drop=True)
    out = keys.assign(term=terms[matrix.col], tfidf=matrix.data)
    out = out.sort_values([*cols, "tfidf", "term"], ascending=[True] * len(cols) + [False, True], ignore_index=True)
    out["rank"] = out.groupby(cols).cumcount() + 1
    if n is not None:
        out = out[out["rank"] <= n].reset_index(drop=True)
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
