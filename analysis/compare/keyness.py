"""Distinctive terms between groups of text: weighted log-odds and log-likelihood G².

* :func:`log_odds_dirichlet`: the weighted log-odds ratio with an informative
  Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", *Political
  Analysis* 16(4)). The prior, taken from a background corpus, shrinks the
  estimates of rare words, so a word said once by one side does not top the list;
  the z-score divides by the estimate's standard error.
* :func:`keyness_g2`: Dunning's log-likelihood G² as used in corpus linguistics
  (Rayson & Garside 2000), kept for teaching: it ranks rare words higher.
* :func:`distinctive_terms`: both, from a tidy frame of texts and a grouping
  column (``side`` by default), as one tidy frame.

Every function takes and returns tidy frames: one row per (group, term).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.frames import require_columns
from analysis.text.tokens import tokenize


def term_counts(frame: pd.DataFrame, by: str, text: str = "text") -> pd.DataFrame:
    """Count the words of ``frame[text]`` per value of ``frame[by]``: columns ``group, term, count``.

    >>> df = pd.DataFrame({"side": ["us", "us", "china"], "text": ["Talks, talks.", "Progress", "Talks"]})
    >>> term_counts(df, "side").values.tolist()
    [['china', 'talks', 1], ['us', 'progress', 1], ['us', 'talks', 2]]
    """
    require_columns(frame, [by, text], "the frame")
    rows = frame[[by, text]].dropna()
    tokens = rows.assign(term=rows[text].map(tokenize)).explode("term").dropna(subset=["term"])
    counts = tokens.groupby([by, "term"]).size().rename("count").reset_index()
    return counts.rename(columns={by: "group"}).sort_values(["group", "term"], ignore_index=True)


def log_odds_dirichlet(counts_a: pd.Series, counts_b: pd.Series, prior: pd.Series) -> pd.DataFrame:
    """Weighted log-odds of each term in A versus B with Dirichlet prior ``prior``.

    ``counts_a``, ``counts_b`` and ``prior`` are Series indexed by term (missing
    terms count 0). Returns ``term, log_odds, variance, zscore``; positive values
    lean to A.

    >>> a = pd.Series({"x": 2, "y": 1}); b = pd.Series({"x": 1, "y": 2})
    >>> out = log_odds_dirichlet(a, b, prior=a + b)
    >>> round(float(out.set_index("term").loc["x", "log_odds"]), 4)
    0.4463
    """
    terms = prior.index.union(counts_a.index).union(counts_b.index)
    ya = counts_a.reindex(terms, fill_value=0).astype(float)
    yb = counts_b.reindex(terms, fill_value=0).astype(float)
    alpha = prior.reindex(terms, fill_value=0).astype(float)
    if (alpha <= 0).any():
        raise ValueError("every term needs a positive prior count; build the prior from a corpus that contains both groups")
    na, nb, a0 = ya.sum(), yb.sum(), alpha.sum()
    delta = np.log((ya + alpha) / (na + a0 - ya - alpha)) - np.log((yb + alpha) / (nb + a0 - yb - alpha))
    variance = 1.0 / (ya + alpha) + 1.0 / (yb + alpha)
    return pd.DataFrame({"term": terms, "log_odds": delta.values, "variance": variance.values,
                         "zscore": (delta / np.sqrt(variance)).values})


def keyness_g2(counts_a: pd.Series, counts_b: pd.Series) -> pd.DataFrame:
    """Log-likelihood G² of each term in A versus B, signed: positive when the term is relatively more frequent in A.

    >>> out = keyness_g2(pd.Series({"x": 1, "y": 3}), pd.Series({"y": 4}))
    >>> round(float(out.set_index("term").loc["x", "g2"]), 4)
    1.3863
    """
    terms = counts_a.index.union(counts_b.index)
    a = counts_a.reindex(terms, fill_value=0).astype(float)
    b = counts_b.reindex(terms, fill_value=0).astype(float)
    c, d = a.sum(), b.sum()
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    g2 = 2 * (t1 + t2)
    sign = np.sign(a / c - b / d)
    return pd.DataFrame({"term": terms, "g2": (sign * g2).values})


def distinctive_terms(
    frame: pd.DataFrame,
    by: str = "side",
    groups: tuple[str, str] | None = None,
    text: str = "text",
    prior_weight: float = 1.0,
    min_count: int = 1,
    background: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which words each group uses that the others do not.

    Compares two groups (``groups``, or the only two values of ``by``), or, with
    more values, each group against all the others. The prior is the word counts
    of the whole ``frame`` (all groups) times ``prior_weight``; pass a larger
    ``background`` frame (same ``text`` column, e.g. the whole corpus when
    ``frame`` is one meeting) to take the prior's *word proportions* from it
    instead; the prior's total stays the size of ``frame`` times
    ``prior_weight``, so a large background does not swamp a small comparison.
    A term missing from the background gets its count in ``frame``. Returns one row
    per (group, term) the group used at least ``min_count`` times: ``group, term,
    count, count_other, n_group, n_other, log_odds, zscore, g2``, sorted by group
    and descending z-score (positive z = distinctive of that group).

    >>> df = pd.DataFrame({"side": ["us", "china"], "text": ["candid candid talks", "respect talks"]})
    >>> distinctive_terms(df).query("group == 'us'")["term"].iloc[0]
    'candid'
    """
    if prior_weight <= 0:
        raise ValueError(f"prior_weight must be positive, got {prior_weight!r}")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count!r}")
    counts = term_counts(frame, by, text)
    wide = counts.pivot(index="term", columns="group", values="count").fillna(0)
    pairs = _pairs(list(wide.columns), groups, by)
    wide, prior = _prior(wide, background, text)
    prior = prior * prior_weight
    parts = []
    for group, others in pairs:
        ya, yb = wide[group], wide[others].sum(axis=1)
        lo = log_odds_dirichlet(ya, yb, prior).set_index("term")
        g2 = keyness_g2(ya, yb).set_index("term")
        part = pd.DataFrame({
            "group": group, "term": wide.index, "count": ya.astype(int).values,
            "count_other": yb.astype(int).values, "n_group": int(ya.sum()), "n_other": int(yb.sum()),
        }).join(lo[["log_odds", "zscore"]], on="term").join(g2, on="term")
        parts.append(part[part["count"] >= min_count])
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["group", "zscore", "term"], ascending=[True, False, True], ignore_index=True)


def _pairs(present: list, groups, by: str) -> list[tuple[object, list]]:
    """(group, the groups it is compared with) for each group compared."""
    if groups is not None:
        missing = [g for g in groups if g not in present]
        if missing:
            raise ValueError(f"no text for group(s) {missing} in column {by!r}; groups present: {present}")
        return [(groups[0], [groups[1]]), (groups[1], [groups[0]])]
    if len(present) == 2:
        return [(present[0], [present[1]]), (present[1], [present[0]])]
    if len(present) > 2:
        return [(g, [o for o in present if o != g]) for g in present]
    raise ValueError(f"need at least two groups in column {by!r} to compare; found {present}")


def _prior(wide: pd.DataFrame, background: pd.DataFrame | None, text: str) -> tuple[pd.DataFrame, pd.Series]:
    """The term × group counts (over the background's vocabulary too) and the prior, before its weight.

    Without a background the prior is the compared text's own word counts; with
    one, its word proportions come from the background and its total stays the
    size of the compared text, so a large background does not swamp a small comparison.
    """
    prior = wide.sum(axis=1)
    if background is None:
        return wide, prior
    require_columns(background, [text], "background", hint="pass a frame of sentences with the same text column")
    bg = term_counts(background.assign(_all="all"), "_all", text).set_index("term")["count"]
    # The whole background vocabulary stays in the prior (alpha_0 is its total size).
    wide = wide.reindex(wide.index.union(bg.index), fill_value=0)
    total = prior.sum()
    prior = bg.reindex(wide.index).fillna(wide.sum(axis=1))
    return wide, prior * (total / prior.sum())
