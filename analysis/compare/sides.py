"""The meeting × side table: how US and Chinese statements about the same meeting differ, with their uncertainty.

Statements (the sentences one side speaks) are chosen by
:func:`analysis.compare.statements.select_statements`.

* :func:`compare_sides`: one row per group (meeting by default) × side, with n,
  means and rates, each with a seeded bootstrap 95% interval, framing rates,
  and the side's top distinctive terms in that group.
* :func:`compare_differences`: for each group where both sides speak, the
  US − China difference of each measure, its permutation p-value, its n, and a
  plain-language caveat when n is small.

Both return a wide table (one row per group × side, or group × measure) by
default, and with ``form="long"`` one row per group × side × measure:
``<by>, side, measure, estimate, lo, hi, n`` (for the differences the side
``us-china`` holds the difference, and ``p_value`` and ``caveat`` are added).

>>> from analysis import analyse
>>> table = compare_sides(analyse().sentences)
>>> list(table.columns[:4])
['meeting_id', 'side', 'n_statements', 'n_words']
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.compare.keyness import distinctive_terms
from analysis.compare.statements import (SIDES, add_meeting_columns, select_statements,  # noqa: F401  (re-exported)
                                         side_by_side, statement_groups, statement_sources)
from analysis.compare.stats import N_BOOT, N_PERM, SEED, bootstrap_mean, bootstrap_rate, permutation_test
from analysis.frames import require_columns

#: Sentence means reported with an interval.
MEANS = ("compound", "compound_diplomatic")
#: Counts reported as rates per 100 words with an interval.
RATES = ("hedges", "boosters", "directives")
#: Framing categories (count columns ``frame_<category>``), reported as rates per 100 words.
FRAMES = ("cooperation_stability", "conflict_confrontation", "responsibility_blame",
          "sovereignty_core_interests", "human_rights_values")
#: Directive counts by addressee (issue 16), summed per group × side when the frame has them: the
#: demands each side puts on the other, on both, on third parties, and on itself.
DEMANDS = ("directives_us", "directives_china", "directives_both", "directives_other", "self_obligations")
#: The count of the other side's directive column, per side: the demands on the other side.
_ON_OTHER = {"us": "directives_china", "china": "directives_us"}
#: Below this many statements on either side, a difference is described, not tested.
SMALL_N = 10
#: Below this many on either side, one statement can reverse a difference: the
#: p-value is not even a rough guide.
TINY_N = 5

_NEEDED = ("text", "n_words", "side", *MEANS, *RATES, *(f"frame_{f}" for f in FRAMES))


def compare_sides(
    scored: pd.DataFrame,
    by: str | None = "meeting_id",
    sides=SIDES,
    include_reported: bool = False,
    n: int = 5,
    n_boot: int = N_BOOT,
    seed: int = SEED,
    form: str = "wide",
    n_terms: int | None = None,
) -> pd.DataFrame:
    """One row per group (value of ``by``) × side, for every group where at least one side speaks.

    ``scored`` is the scored, attributed sentence frame (``analyse(corpus).sentences``).
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
    ``directives_us, directives_china, directives_both, directives_other,
    self_obligations`` (counts summed over the side's statements: whom its
    demands address; empty when ``scored`` has no such column) and
    ``demands_on_other_side`` (the US side's ``directives_china``, the Chinese
    side's ``directives_us``; wide form only);
    ``top_terms`` (the side's ``n`` most distinctive words against the
    other side in the same group, weighted log-odds with the whole of
    ``scored`` as the prior, "; "-separated; empty when the other side is
    silent); and ``small_n`` (fewer than 10 statements). A side that says
    nothing in a group still gets a row, with ``n_statements`` 0 and empty
    measures, so absence is visible. ``form="long"``: see the module docstring.
    (``n_terms`` is the old name of ``n``, still accepted.)
    """
    n = _renamed(n, n_terms, "n_terms", "n")
    _check_frame(scored, by, _NEEDED)
    if n < 0:
        raise ValueError(f"n must be 0 or more, got {n!r}")
    _check_form(form)
    rows = []
    for key, part in statement_groups(scored, by, sides, include_reported):
        terms = _top_terms(part, sides, scored, n)
        for side in sides:
            row = {} if by is None else {by: key}
            row.update(_side_row(part[part["side"] == side], side, n_boot, seed))
            row["top_terms"] = "; ".join(terms.get(side, []))
            rows.append(row)
    table = pd.DataFrame(rows, columns=_side_columns(by))
    return table if form == "wide" else _sides_long(table, by)


def _side_row(s: pd.DataFrame, side: str, n_boot: int, seed: int) -> dict:
    """One side's n, means and rates (each with its bootstrap interval) in one group."""
    row = {"side": side, "n_statements": len(s), "n_words": int(s["n_words"].sum())}
    for m in MEANS:
        row[m], row[f"{m}_lo"], row[f"{m}_hi"] = bootstrap_mean(s[m], n_boot=n_boot, seed=seed)
    for count, column in _RATE_COLUMNS:
        row[column], row[f"{column}_lo"], row[f"{column}_hi"] = bootstrap_rate(
            s[count], s["n_words"], n_boot=n_boot, seed=seed)
    for c in DEMANDS:
        row[c] = int(s[c].fillna(0).sum()) if c in s.columns else np.nan
    row["demands_on_other_side"] = row.get(_ON_OTHER.get(side, ""), np.nan)
    row["small_n"] = len(s) < SMALL_N
    return row


#: (count column, rate column) of every rate in the table, in column order.
_RATE_COLUMNS = tuple([(r, f"{r}_per_100w") for r in RATES]
                      + [(f"frame_{f}", f"frame_{f}_per_100w") for f in FRAMES])
#: The measures of the table, each with an estimate and an interval.
MEASURES = (*MEANS, *(column for _, column in _RATE_COLUMNS))
#: Columns of the long form, after the grouping column.
LONG_COLUMNS = ("side", "measure", "estimate", "lo", "hi", "n")


def _side_columns(by: str | None) -> list[str]:
    columns = ([] if by is None else [by]) + ["side", "n_statements", "n_words"]
    for m in MEASURES:
        columns += [m, f"{m}_lo", f"{m}_hi"]
    return columns + [*DEMANDS, "demands_on_other_side", "top_terms", "small_n"]


def _sides_long(table: pd.DataFrame, by: str | None) -> pd.DataFrame:
    keys = [] if by is None else [by]
    parts = [table[keys + ["side"]].assign(measure=m, estimate=table[m], lo=table[f"{m}_lo"],
                                           hi=table[f"{m}_hi"], n=table["n_statements"])
             for m in MEASURES]
    long = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=keys + list(LONG_COLUMNS))
    order = {m: i for i, m in enumerate(MEASURES)}
    long = long.assign(_m=long["measure"].map(order)).sort_values([*keys, "side", "_m"], kind="stable")
    return long.drop(columns="_m").reset_index(drop=True)[keys + list(LONG_COLUMNS)]


def _check_form(form: str) -> None:
    if form not in ("wide", "long"):
        raise ValueError(f"form must be 'wide' or 'long', got {form!r}")


def _renamed(value, old_value, old: str, new: str):
    """The value of a renamed argument: the new one, or the old one when only that is given."""
    if old_value is None:
        return value
    import warnings

    warnings.warn(f"{old}= is now called {new}=", DeprecationWarning, stacklevel=3)
    return old_value


def compare_differences(
    scored: pd.DataFrame,
    by: str | None = "meeting_id",
    sides=SIDES,
    include_reported: bool = False,
    n_perm: int = N_PERM,
    seed: int = SEED,
    measures: tuple[str, ...] | None = None,
    form: str = "wide",
) -> pd.DataFrame:
    """For each group where both sides speak: the difference of each measure and its permutation test.

    One row per group × measure (``measures``; by default ``compound``,
    ``compound_diplomatic``, and the hedge, booster and directive rates per 100 words): ``n_<side a>``,
    ``n_<side b>`` (statements), ``<side a>``, ``<side b>`` (the values),
    ``difference`` (a − b), ``p_value`` (two-sided, shuffling which side said
    each statement; seeded) and ``caveat``, a sentence in plain language that
    says how far the n allows a conclusion. ``form="long"`` gives one row per
    group × measure × side (``a``, ``b`` and ``a-b``) with ``estimate`` and ``n``,
    so no side's name is in a column name.

    >>> df = pd.DataFrame({"meeting_id": ["m"] * 4, "side": ["us", "us", "china", "china"],
    ...     "text": ["a"] * 4, "n_words": [10] * 4, "compound": [0.5, 0.6, -0.4, -0.5]})
    >>> print(compare_differences(df, measures=("compound",))[["n_us", "n_china", "difference"]].to_string(index=False))
     n_us  n_china  difference
        2        2         1.0
    >>> compare_differences(df, measures=("compound",), form="long")[["side", "estimate", "n"]].values.tolist()
    [['us', 0.55, 2], ['china', -0.45, 2], ['us-china', 1.0, 4]]
    """
    a, b = sides
    measures = measures or (*MEANS, *(f"{r}_per_100w" for r in RATES))
    _check_frame(scored, by, ["side", "n_words", *(m.removesuffix("_per_100w") for m in measures)])
    _check_form(form)
    rows = []
    for key, part in statement_groups(scored, by, sides, include_reported):
        x, y = part[part["side"] == a], part[part["side"] == b]
        if x.empty or y.empty:
            continue
        for m in measures:
            diff, p, va, vb = _difference(x, y, m, n_perm, seed)
            row = {} if by is None else {by: key}
            row.update({"measure": m, f"n_{a}": len(x), f"n_{b}": len(y), a: va, b: vb,
                        "difference": diff, "p_value": p, "caveat": caveat(len(x), len(y), p, a, b)})
            rows.append(row)
    columns = ([] if by is None else [by]) + ["measure", f"n_{a}", f"n_{b}", a, b, "difference", "p_value", "caveat"]
    table = pd.DataFrame(rows, columns=columns)
    return table if form == "wide" else _differences_long(table, by, a, b)


def _difference(x: pd.DataFrame, y: pd.DataFrame, measure: str, n_perm: int, seed: int):
    """(a − b, p-value, a's value, b's value) of one measure: a rate per 100 words or a mean."""
    if measure.endswith("_per_100w"):
        count = measure.removesuffix("_per_100w")
        return _rate_permutation(x[count], x["n_words"], y[count], y["n_words"], n_perm, seed)
    diff, p = permutation_test(x[measure], y[measure], n_perm=n_perm, seed=seed)
    return diff, p, float(x[measure].mean()), float(y[measure].mean())


def _differences_long(table: pd.DataFrame, by: str | None, a: str, b: str) -> pd.DataFrame:
    keys = ([] if by is None else [by]) + ["measure"]
    rows = []
    for r in table.to_dict("records"):
        base = {k: r[k] for k in keys}
        tail = {"p_value": r["p_value"], "caveat": r["caveat"]}
        rows.append({**base, "side": a, "estimate": r[a], "n": r[f"n_{a}"], **tail})
        rows.append({**base, "side": b, "estimate": r[b], "n": r[f"n_{b}"], **tail})
        rows.append({**base, "side": f"{a}-{b}", "estimate": r["difference"], "n": r[f"n_{a}"] + r[f"n_{b}"], **tail})
    return pd.DataFrame(rows, columns=keys + ["side", "estimate", "n", "p_value", "caveat"])


def format_p(p_value: float) -> str:
    """A p-value as printed everywhere in the project: three decimals, or "p < 0.001".

    >>> format_p(0.04216), format_p(0.0002)
    ('p = 0.042', 'p < 0.001')
    """
    if p_value != p_value:  # NaN
        return "p = n/a"
    return "p < 0.001" if p_value < 0.001 else f"p = {p_value:.3f}"


#: How a side is written in prose; a side not listed is written as it is.
SIDE_NAMES = {"us": "US", "china": "China", "press": "the press", "third-party": "third parties"}


def side_name(side: str) -> str:
    """``us`` → ``US``, ``china`` → ``China``: a side as prose names it.

    >>> side_name("us"), side_name("china"), side_name("eu")
    ('US', 'China', 'eu')
    """
    return SIDE_NAMES.get(side, side)


def caveat(n_a: int, n_b: int, p_value: float | None = None, a: str = "us", b: str = "china") -> str:
    """A plain-language reading of a difference given its n (and its p-value, when given).

    Sides are named as a reader writes them (``US``, ``China``; others as given).

    >>> caveat(1, 3, 0.5)
    'Only 1 US and 3 China statements: with so few, one statement moves the result and the p-value cannot be trusted; read the values as description, not evidence.'
    >>> caveat(40, 12)
    '40 US and 12 China statements: enough to test a difference, but statements by one speaker or from one interview are not independent, so p-values overstate the evidence.'
    """
    a, b = side_name(a), side_name(b)
    n = min(n_a, n_b)
    if n < TINY_N:
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


def _top_terms(part: pd.DataFrame, sides, background: pd.DataFrame, n: int) -> dict[str, list[str]]:
    if n == 0:
        return {}
    spoken = [s for s in sides if (part["side"] == s).any()]
    if len(spoken) < 2:
        return {}
    terms = distinctive_terms(part, by="side", groups=tuple(sides), background=background)
    # Only words that lean to the side (z > 0), most distinctive first.
    terms = terms[terms["zscore"] > 0]
    return {g: t["term"].head(n).tolist() for g, t in terms.groupby("group")}


def _check_frame(scored: pd.DataFrame, by: str | None, needed) -> None:
    needed = list(needed) + ([by] if by else [])
    hint = ("add meeting_date with add_meeting_columns(scored, corpus.tables['meetings'])"
            if by == "meeting_date" and "meeting_date" not in getattr(scored, "columns", [])
            else "pass scored, attributed sentences (analyse(corpus).sentences)")
    require_columns(scored, needed, "the frame", hint=hint)


