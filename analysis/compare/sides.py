"""The meeting × side table: how US and Chinese statements about the same meeting differ, with their uncertainty.

A *statement* is a sentence spoken by one side: a sentence whose ``side`` (from
:func:`~analysis.attribution.attribute_sentences`) is ``us`` or ``china`` —
mostly inside a quotation of a US or Chinese speaker, or opening with one.
Journalists' paraphrases ("Wang blamed Washington's ...") are the press's words
about a side, not the side's own; they count only with ``include_reported=True``
(their side is then the reported speaker's side).

* :func:`select_statements`: the statements, one row each, with ``statement_kind``.
* :func:`compare_sides`: one row per group (meeting by default) × side, with n,
  means and rates, each with a seeded bootstrap 95% interval, framing rates,
  and the side's top distinctive terms in that group.
* :func:`compare_differences`: for each group where both sides speak, the
  US − China difference of each measure, its permutation p-value, its n, and a
  plain-language caveat when n is small.

>>> from analysis import load_corpus, attribute_sentences, score_sentences
>>> scored = score_sentences(attribute_sentences(load_corpus()))
>>> table = compare_sides(scored)
>>> list(table.columns[:4])
['meeting_id', 'side', 'n_statements', 'n_words']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.keyness import distinctive_terms
from analysis.compare.stats import N_BOOT, N_PERM, SEED, bootstrap_mean, bootstrap_rate, permutation_test

#: The two sides compared, in the order rows appear.
SIDES = ("us", "china")
#: Sentence means reported with an interval.
MEANS = ("compound", "compound_diplomatic")
#: Counts reported as rates per 100 words with an interval.
RATES = ("hedges", "boosters", "directives")
#: Framing categories (count columns ``frame_<category>``), reported as rates per 100 words.
FRAMES = ("cooperation_stability", "conflict_confrontation", "responsibility_blame",
          "sovereignty_core_interests", "human_rights_values")
#: Below this many statements on either side, a difference is described, not tested.
SMALL_N = 10

_NEEDED = ("text", "n_words", "side", *MEANS, *RATES, *(f"frame_{f}" for f in FRAMES))


def select_statements(scored: pd.DataFrame, sides=SIDES, include_reported: bool = False) -> pd.DataFrame:
    """The rows of ``scored`` that are statements by one of ``sides``, with a ``statement_kind`` column.

    ``statement_kind`` is ``direct`` (the side's own quoted words) or, with
    ``include_reported=True``, ``reported`` (narration reporting a speaker of that
    side; ``side`` is set to the reported speaker's side).

    >>> df = pd.DataFrame({"side": ["us", "press", "china"], "reported_side": ["", "china", ""]})
    >>> select_statements(df)["side"].tolist()
    ['us', 'china']
    >>> select_statements(df, include_reported=True)["statement_kind"].tolist()
    ['direct', 'reported', 'direct']
    """
    if "side" not in scored.columns:
        raise ValueError(f"the frame has no column 'side'; it has {list(scored.columns)}. "
                         "Run attribute_sentences(corpus) first.")
    direct = scored["side"].isin(sides)
    kind = pd.Series(np.where(direct, "direct", ""), index=scored.index)
    side = scored["side"].copy()
    if include_reported:
        if "reported_side" not in scored.columns:
            raise ValueError("include_reported=True needs a 'reported_side' column (from attribute_sentences)")
        reported = ~direct & scored["reported_side"].isin(sides)
        kind[reported] = "reported"
        side[reported] = scored.loc[reported, "reported_side"]
    keep = kind != ""
    return scored[keep].assign(side=side[keep], statement_kind=kind[keep])


def add_meeting_columns(scored: pd.DataFrame, meetings: pd.DataFrame) -> pd.DataFrame:
    """Add ``meeting_date`` and ``meeting_place`` from a meetings table (``corpus.tables['meetings']``).

    Lets :func:`compare_sides` group by day (``by="meeting_date"``): all that each
    side said about 19 June, whichever event it was said at.

    >>> s = pd.DataFrame({"meeting_id": ["a", "b", ""]})
    >>> m = pd.DataFrame({"meeting_id": ["a", "b"], "date": ["2023-06-19", ""], "place": ["Beijing", ""]})
    >>> add_meeting_columns(s, m)["meeting_date"].tolist()
    ['2023-06-19', '', '']
    """
    if "meeting_id" not in scored.columns:
        raise ValueError("the frame has no column 'meeting_id'; run attribute_sentences(corpus) first")
    table = meetings.set_index("meeting_id")
    out = scored.copy()
    for col in ("date", "place"):
        values = table[col] if col in table.columns else pd.Series(dtype=str)
        out[f"meeting_{col}"] = scored["meeting_id"].map(values).fillna("").astype(str)
    return out


def compare_sides(
    scored: pd.DataFrame,
    by: str | None = "meeting_id",
    sides=SIDES,
    include_reported: bool = False,
    n_terms: int = 5,
    n_boot: int = N_BOOT,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per group (value of ``by``) × side, for every group where at least one side speaks.

    ``scored`` is the scored sentence frame (``score_sentences(attribute_sentences(corpus))``).
    ``by`` is any column (``meeting_id`` by default, ``meeting_date`` after
    :func:`add_meeting_columns`, ``doc_id`` ...), or ``None`` to pool everything
    into one row per side. Statements with an empty ``by`` value (not placed at
    any meeting) are left out of a grouped table and kept in the pooled one.

    Columns: the ``by`` column, ``side, n_statements, n_words``; ``compound`` and
    ``compound_diplomatic`` (mean over statements) each with ``_lo``/``_hi``
    (seeded percentile bootstrap over statements, 95%); ``hedges_per_100w``,
    ``boosters_per_100w``, ``directives_per_100w`` (pooled: total count / total
    words × 100) each with ``_lo``/``_hi``; ``frame_<category>_per_100w``
    (likewise, with ``_lo``/``_hi``);
    ``top_terms`` (the side's ``n_terms`` most distinctive words against the
    other side in the same group, weighted log-odds with the whole of
    ``scored`` as the prior, "; "-separated; empty when the other side is
    silent); and ``small_n`` (fewer than 10 statements). A side that says
    nothing in a group still gets a row, with ``n_statements`` 0 and empty
    measures, so absence is visible.
    """
    _check_frame(scored, by, _NEEDED)
    if n_terms < 0:
        raise ValueError(f"n_terms must be 0 or more, got {n_terms!r}")
    rows = []
    groups = _statement_groups(scored, by, sides, include_reported)
    for key, part in groups:
        terms = _top_terms(part, sides, scored, n_terms)
        for side in sides:
            s = part[part["side"] == side]
            row = {} if by is None else {by: key}
            row.update(side=side, n_statements=len(s), n_words=int(s["n_words"].sum()))
            for m in MEANS:
                row[m], row[f"{m}_lo"], row[f"{m}_hi"] = bootstrap_mean(s[m], n_boot=n_boot, seed=seed)
            for r in RATES:
                c = f"{r}_per_100w"
                row[c], row[f"{c}_lo"], row[f"{c}_hi"] = bootstrap_rate(s[r], s["n_words"], n_boot=n_boot, seed=seed)
            for f in FRAMES:
                c = f"frame_{f}_per_100w"
                row[c], row[f"{c}_lo"], row[f"{c}_hi"] = bootstrap_rate(s[f"frame_{f}"], s["n_words"],
                                                                        n_boot=n_boot, seed=seed)
            row["top_terms"] = "; ".join(terms.get(side, []))
            row["small_n"] = len(s) < SMALL_N
            rows.append(row)
    columns = ([] if by is None else [by]) + ["side", "n_statements", "n_words"]
    for m in MEANS:
        columns += [m, f"{m}_lo", f"{m}_hi"]
    for r in RATES:
        columns += [f"{r}_per_100w", f"{r}_per_100w_lo", f"{r}_per_100w_hi"]
    for f in FRAMES:
        columns += [f"frame_{f}_per_100w", f"frame_{f}_per_100w_lo", f"frame_{f}_per_100w_hi"]
    columns += ["top_terms", "small_n"]
    return pd.DataFrame(rows, columns=columns)


def compare_differences(
    scored: pd.DataFrame,
    by: str | None = "meeting_id",
    sides=SIDES,
    include_reported: bool = False,
    n_perm: int = N_PERM,
    seed: int = SEED,
    measures: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """For each group where both sides speak: the difference of each measure and its permutation test.

    One row per group × measure (``measures``; by default ``compound``,
    ``compound_diplomatic``, and the hedge, booster and directive rates per 100 words): ``n_<side a>``,
    ``n_<side b>`` (statements), ``<side a>``, ``<side b>`` (the values),
    ``difference`` (a − b), ``p_value`` (two-sided, shuffling which side said
    each statement; seeded) and ``caveat``, a sentence in plain language that
    says how far the n allows a conclusion.

    >>> df = pd.DataFrame({"meeting_id": ["m"] * 4, "side": ["us", "us", "china", "china"],
    ...     "text": ["a"] * 4, "n_words": [10] * 4, "compound": [0.5, 0.6, -0.4, -0.5]})
    >>> print(compare_differences(df, measures=("compound",))[["n_us", "n_china", "difference"]].to_string(index=False))
     n_us  n_china  difference
        2        2         1.0
    """
    a, b = sides
    measures = measures or (*MEANS, *(f"{r}_per_100w" for r in RATES))
    _check_frame(scored, by, ["side", "n_words", *(m.removesuffix("_per_100w") for m in measures)])
    rows = []
    for key, part in _statement_groups(scored, by, sides, include_reported):
        x, y = part[part["side"] == a], part[part["side"] == b]
        if x.empty or y.empty:
            continue
        for m in measures:
            if m.endswith("_per_100w"):
                count = m.removesuffix("_per_100w")
                diff, p, va, vb = _rate_permutation(x[count], x["n_words"], y[count], y["n_words"], n_perm, seed)
            else:
                diff, p = permutation_test(x[m], y[m], n_perm=n_perm, seed=seed)
                va, vb = float(x[m].mean()), float(y[m].mean())
            row = {} if by is None else {by: key}
            row.update({"measure": m, f"n_{a}": len(x), f"n_{b}": len(y), a: va, b: vb,
                        "difference": diff, "p_value": p, "caveat": caveat(len(x), len(y), p, a, b)})
            rows.append(row)
    columns = ([] if by is None else [by]) + ["measure", f"n_{a}", f"n_{b}", a, b, "difference", "p_value", "caveat"]
    return pd.DataFrame(rows, columns=columns)


def format_p(p_value: float) -> str:
    """A p-value as printed everywhere in the project: three decimals, or "p < 0.001".

    >>> format_p(0.04216), format_p(0.0002)
    ('p = 0.042', 'p < 0.001')
    """
    if p_value != p_value:  # NaN
        return "p = n/a"
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


def caveat(n_a: int, n_b: int, p_value: float | None = None, a: str = "us", b: str = "china") -> str:
    """A plain-language reading of a difference given its n (and its p-value, when given).

    >>> caveat(1, 3, 0.5)
    'Only 1 us and 3 china statements: with so few, one statement moves the result and the p-value cannot be trusted; read the values as description, not evidence.'
    >>> caveat(40, 12)
    '40 us and 12 china statements: enough to test a difference, but statements by one speaker or from one interview are not independent, so p-values overstate the evidence.'
    """
    n = min(n_a, n_b)
    if n < 5:
        return (f"Only {n_a} {a} and {n_b} {b} statements: with so few, one statement moves the result "
                "and the p-value cannot be trusted; read the values as description, not evidence.")
    if n < SMALL_N:
        guide = f"{format_p(p_value)} is" if p_value is not None else "p-values are"
        return (f"Small sample ({n_a} {a}, {n_b} {b} statements): one statement more or less can change "
                f"the result; {guide} a rough guide only.")
    independence = "statements by one speaker or from one interview are not independent"
    if p_value is None:
        return (f"{n_a} {a} and {n_b} {b} statements: enough to test a difference, but {independence}, "
                "so p-values overstate the evidence.")
    if p_value < 0.05:
        return (f"{n_a} {a} and {n_b} {b} statements; a difference this large arises by chance in "
                f"{p_value:.1%} of shuffles, but {independence}.")
    return (f"{n_a} {a} and {n_b} {b} statements; a difference this large is common by chance "
            f"({format_p(p_value)}): no evidence that the sides differ on this measure.")


def _rate_permutation(ca, wa, cb, wb, n_perm, seed):
    """Permutation test for the difference of two pooled rates per 100 words (statements shuffled)."""
    c = np.concatenate([np.asarray(ca, float), np.asarray(cb, float)])
    w = np.concatenate([np.asarray(wa, float), np.asarray(wb, float)])
    na = len(ca)

    def rate(cs, ws):
        with np.errstate(invalid="ignore", divide="ignore"):
            return 100 * cs.sum(axis=-1) / ws.sum(axis=-1)

    va, vb = float(rate(c[:na], w[:na])), float(rate(c[na:], w[na:]))
    observed = va - vb
    if np.isnan(observed):
        return float("nan"), float("nan"), va, vb
    rng = np.random.default_rng(seed)
    order = rng.permuted(np.tile(np.arange(c.size), (n_perm, 1)), axis=1)
    diffs = rate(c[order[:, :na]], w[order[:, :na]]) - rate(c[order[:, na:]], w[order[:, na:]])
    k = int(np.sum(np.abs(np.nan_to_num(diffs)) >= abs(observed) - 1e-12))
    return observed, (k + 1) / (n_perm + 1), va, vb


def _top_terms(part: pd.DataFrame, sides, background: pd.DataFrame, n_terms: int) -> dict[str, list[str]]:
    if n_terms == 0:
        return {}
    spoken = [s for s in sides if (part["side"] == s).any()]
    if len(spoken) < 2:
        return {}
    terms = distinctive_terms(part, by="side", groups=tuple(sides), background=background)
    # Only words that lean to the side (z > 0), most distinctive first.
    terms = terms[terms["zscore"] > 0]
    return {g: t["term"].head(n_terms).tolist() for g, t in terms.groupby("group")}


def _statement_groups(scored, by, sides, include_reported) -> list[tuple[object, pd.DataFrame]]:
    """The statements, as (group value, frame) pairs; one ``(None, all)`` pair when ``by`` is None.

    Statements with an empty ``by`` value (placed at no meeting) are left out of a grouped view.
    """
    stm = select_statements(scored, sides, include_reported)
    if by is None:
        return [(None, stm)]
    stm = stm[stm[by].fillna("").astype(str) != ""]
    return list(stm.groupby(by, sort=True))


def _check_frame(scored: pd.DataFrame, by: str | None, needed) -> None:
    needed = list(needed) + ([by] if by else [])
    missing = [c for c in needed if c not in scored.columns]
    if missing:
        hint = (" Add meeting_date with add_meeting_columns(scored, corpus.tables['meetings'])."
                if "meeting_date" in missing else
                " Pass score_sentences(attribute_sentences(corpus)).")
        raise ValueError(f"the frame has no column(s) {missing}.{hint}")


#: Columns :func:`side_by_side` keeps, when present, in this order.
SIDE_BY_SIDE_COLUMNS = ("side", "statement_kind", "speaker", "meeting_id", "doc_id", "para", "sent",
                        "compound", "compound_diplomatic", "hedges", "boosters", "directives", "text")


def side_by_side(
    scored: pd.DataFrame,
    value: str,
    by: str = "meeting_id",
    sides=SIDES,
    include_reported: bool = False,
) -> pd.DataFrame:
    """The statements of each side about one meeting (or any value of ``by``), to read next to each other.

    One row per statement whose ``by`` column equals ``value`` (a meeting id, or
    a date with ``by="meeting_date"``): ``by``,
    then ``side, statement_kind, speaker, meeting_id, doc_id, para, sent,
    compound, compound_diplomatic, hedges, boosters, directives, text`` (those
    present in ``scored``). Rows come in the order of ``sides``, then in the
    articles' reading order (``doc_id, para, sent``). A side that says nothing
    has no rows (an empty frame when neither speaks). With ``by="meeting_date"``
    (after :func:`add_meeting_columns`) it gives everything each side said about
    one day. A value that ``by`` never takes raises ``ValueError`` listing the
    values it does take, so a typo is not mistaken for silence.

    >>> df = pd.DataFrame({"meeting_id": ["m", "m", "m", "n"], "side": ["china", "us", "press", "us"],
    ...                    "doc_id": ["a", "a", "a", "a"], "para": [1, 2, 3, 4], "sent": [1, 1, 1, 1],
    ...                    "text": ["Respect.", "Candid talks.", "They met.", "Elsewhere."]})
    >>> side_by_side(df, "m")[["side", "text"]].values.tolist()
    [['us', 'Candid talks.'], ['china', 'Respect.']]
    """
    if by not in scored.columns:
        hint = (" Add it with add_meeting_columns(scored, corpus.tables['meetings'])."
                if by == "meeting_date" else "")
        raise ValueError(f"the frame has no column {by!r}.{hint}")
    values = scored[by].fillna("").astype(str)
    key = str(value)
    if not (values == key).any():
        known = sorted(v for v in values.unique() if v)
        raise ValueError(f"no sentence has {by} == {key!r}; values present: {known}")
    stm = select_statements(scored[values == key], sides, include_reported)
    order = {s: i for i, s in enumerate(sides)}
    sort = ["_side_order"] + [c for c in ("doc_id", "para", "sent") if c in stm.columns]
    stm = stm.assign(_side_order=stm["side"].map(order)).sort_values(sort, kind="stable")
    keep = [by] + [c for c in SIDE_BY_SIDE_COLUMNS if c in stm.columns and c != by]
    return stm[keep].reset_index(drop=True)


def statement_sources(scored: pd.DataFrame, sides=SIDES, include_reported: bool = False) -> pd.DataFrame:
    """How many statements each side has, and how concentrated they are: the n behind every comparison.

    One row per side: ``side, n_statements, n_words, n_placed`` (statements
    placed at a meeting), ``n_meetings`` (meetings with at least one), ``n_articles``,
    ``n_speakers``, ``top_meeting`` (the meeting with most of the side's
    statements), ``top_meeting_n`` and ``top_meeting_share`` (its share of all
    the side's statements). Statements said at one event (an interview, a press
    conference) are not independent of each other, so a large share means the
    side's figures describe that event more than the side.

    >>> df = pd.DataFrame({"side": ["us", "us", "us", "china"], "meeting_id": ["i", "i", "", "x"],
    ...     "doc_id": ["a", "a", "b", "a"], "speaker": ["B", "B", "B", "W"], "n_words": [5, 5, 5, 5]})
    >>> statement_sources(df)[["side", "n_statements", "n_placed", "top_meeting", "top_meeting_n"]].values.tolist()
    [['us', 3, 2, 'i', 2], ['china', 1, 1, 'x', 1]]
    """
    for col in ("side", "meeting_id"):
        if col not in scored.columns:
            raise ValueError(f"the frame has no column {col!r}; run attribute_sentences(corpus) first")
    stm = select_statements(scored, sides, include_reported)
    rows = []
    for side in sides:
        s = stm[stm["side"] == side]
        placed = s[s["meeting_id"].fillna("").astype(str) != ""]
        counts = placed["meeting_id"].astype(str).value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        top = counts.index[0] if len(counts) else ""
        top_n = int(counts.iloc[0]) if len(counts) else 0
        rows.append({
            "side": side, "n_statements": len(s),
            "n_words": int(s["n_words"].sum()) if "n_words" in s.columns else 0,
            "n_placed": len(placed), "n_meetings": int(counts.size),
            "n_articles": int(s["doc_id"].nunique()) if "doc_id" in s.columns else 0,
            "n_speakers": int(s["speaker"].replace("", np.nan).nunique()) if "speaker" in s.columns else 0,
            "top_meeting": top, "top_meeting_n": top_n,
            "top_meeting_share": top_n / len(s) if len(s) else float("nan"),
        })
    return pd.DataFrame(rows)
