"""The numbers of one comparison (a meeting, or all meetings pooled): n, sentiment, rates, terms, phrases.

:func:`measures_table` shows, for each side, the n and every measure of
:func:`~analysis.compare.sides.compare_sides` with its 95% bootstrap interval,
and the US − China difference with its permutation p-value when both sides
speak. :func:`caveat_box` puts the n-based caveat of
:func:`~analysis.compare.sides.caveat` above it, so a small n is never out of
sight. :func:`phrases_table` lists the phrases both sides used beside those
only one side used (:func:`~analysis.compare.phrases.shared_phrases`).
"""
from __future__ import annotations

import pandas as pd

from analysis.compare.phrases import BOTH, shared_phrases
from analysis.compare.sides import FRAMES, SIDES, SMALL_N, caveat, format_p
from analysis.present.highlight import CATEGORY_STYLE
from analysis.present.report.glance import side_label
from analysis.present.report.markup import esc, fmt_interval, fmt_rate, fmt_score, table

#: The rows of the measures table: (column of compare_sides, label, kind).
MEASURE_ROWS = (
    ("compound", "sentiment, stock VADER (mean compound, −1 to +1)", "score"),
    ("compound_diplomatic", "sentiment, diplomacy-aware (mean compound)", "score"),
    ("hedges_per_100w", "hedges per 100 words", "rate"),
    ("boosters_per_100w", "boosters per 100 words", "rate"),
    ("directives_per_100w", "directives per 100 words", "rate"),
    *((f"frame_{f}_per_100w", CATEGORY_STYLE.get(f, {"label": f"framing: {f}"})["label"] + " per 100 words",
       "rate") for f in FRAMES),
)
#: Phrases listed per group (both sides, each side only) in a comparison.
PHRASES_SHOWN = 8


def side_row(table_: pd.DataFrame, side: str) -> dict | None:
    """The row of ``side`` in a compare_sides table already cut to one group (None when absent)."""
    rows = table_[table_["side"] == side]
    return None if rows.empty else rows.iloc[0].to_dict()


def n_label(row: dict | None, side: str) -> str:
    """``US (n = 3, 45 words)`` with a visible "small n" mark under the project's threshold."""
    n = 0 if row is None else int(row["n_statements"])
    words = 0 if row is None else int(row["n_words"])
    mark = f'<span class="small-n" title="fewer than {SMALL_N} statements">small n</span>' if n < SMALL_N else ""
    return f"{esc(side_label(side))} (n = {n}, {words} words){mark}"


def caveat_box(rows: dict[str, dict | None]) -> str:
    """The plain-language caveat for this n (from :func:`analysis.compare.sides.caveat`)."""
    a, b = SIDES
    n_a = 0 if rows[a] is None else int(rows[a]["n_statements"])
    n_b = 0 if rows[b] is None else int(rows[b]["n_statements"])
    text = caveat(n_a, n_b, None, a, b)
    if not (n_a or n_b):
        text += " Neither side speaks here: there is nothing to describe."
    elif not (n_a and n_b):
        speaker = side_label(a if n_a else b)
        text += (f" Only one side speaks here, so there is no difference to test: the figures describe "
                 f"{speaker}'s {n_a or n_b} statement(s) alone.")
    return f'<p class="caveat"><strong>Read with care:</strong> {esc(text)}</p>'


def _value(row: dict | None, column: str, kind: str) -> str:
    if row is None or int(row["n_statements"]) == 0:
        return '<span class="muted">no statements</span>'
    fmt = fmt_interval if kind == "score" else fmt_rate
    return esc(fmt(row[column], row[f"{column}_lo"], row[f"{column}_hi"]))


def _difference(differences: pd.DataFrame, column: str, kind: str) -> tuple[str, str]:
    """(difference, p) cells of one measure, or dashes when it was not tested."""
    found = differences[differences["measure"] == column] if not differences.empty else differences
    if found.empty:
        return '<span class="muted">—</span>', '<span class="muted">—</span>'
    r = found.iloc[0]
    decimals = 3 if kind == "score" else 2
    return esc(fmt_score(r["difference"], decimals)), esc(format_p(float(r["p_value"])))


def measures_table(side_table: pd.DataFrame, differences: pd.DataFrame, terms: bool = True) -> str:
    """Each measure for each side with its interval, and the difference with its p (when both speak).

    With ``terms`` a last row gives each side's distinctive terms (``top_terms``) in this comparison.
    """
    a, b = SIDES
    rows = {s: side_row(side_table, s) for s in SIDES}
    header = ["measure", n_label(rows[a], a), n_label(rows[b], b),
              f"{esc(side_label(a))} − {esc(side_label(b))}", "permutation p"]
    body = []
    for column, label, kind in MEASURE_ROWS:
        diff, p = _difference(differences, column, kind)
        body.append([esc(label), _value(rows[a], column, kind), _value(rows[b], column, kind), diff, p])
    body.append(["demands (directives) by who must act: on the US, China, both, others; on itself",
                 *(_demands_cell(rows[s]) for s in SIDES), "", ""])
    if terms:
        body.append(["distinctive terms (weighted log-odds, this comparison)",
                     *(_terms_cell(rows[s]) for s in SIDES), "", ""])
    caption = ("Means and rates with their 95% bootstrap interval over statements [low, high]; the difference "
               "and its two-sided permutation p-value only where both sides speak.")
    return table(header, body, caption_html=esc(caption))


def _demands_cell(row: dict | None) -> str:
    """A side's directive counts by addressee (compare_sides' DEMANDS), the demands on the other side first."""
    if row is None or int(row["n_statements"]) == 0 or "directives_us" not in row:
        return '<span class="muted">no statements</span>'
    counts = [int(row.get(c, 0) or 0) for c in ("directives_us", "directives_china", "directives_both",
                                                   "directives_other", "self_obligations")]
    on_other = row.get("demands_on_other_side")
    lead = f"<strong>{int(on_other)} on the other side</strong> · " if on_other == on_other and on_other is not None else ""
    return lead + esc("US {} · China {} · both {} · others {} · itself {}".format(*counts))


def _terms_cell(row: dict | None) -> str:
    terms = "" if row is None else str(row.get("top_terms", "") or "")
    if not terms:
        return '<span class="muted">none (needs both sides speaking)</span>'
    return ", ".join(f"<q>{esc(t)}</q>" for t in terms.split("; "))


def phrases_table(statements: pd.DataFrame, n: int = PHRASES_SHOWN) -> str:
    """Two- and three-word phrases both sides used, beside those only one side used."""
    a, b = SIDES
    texts = {s: statements.loc[statements["side"] == s, "text"] for s in SIDES}
    if texts[a].empty or texts[b].empty:
        return ('<p class="meta">Phrases: only one side speaks here, so there are no shared phrases to '
                "compare.</p>")
    found = shared_phrases(texts[a], texts[b], n=n, labels=SIDES)
    cells = []
    for group in (BOTH, a, b):
        part = found[found["used_by"] == group]
        items = "".join(f"<li><q>{esc(r['phrase'])}</q> <span class=\"muted\">({int(r[f'count_{a}'])} / "
                        f"{int(r[f'count_{b}'])})</span></li>" for r in part.to_dict("records"))
        cells.append(f"<ul>{items}</ul>" if items else '<span class="muted">none</span>')
    header = ["used by both sides", f"only {esc(side_label(a))}", f"only {esc(side_label(b))}"]
    caption = (f"Two- and three-word phrases (those beginning or ending with a function word left out), up to {n} "
               f"per column, most frequent first; counts are ({side_label(a)} / {side_label(b)}) uses.")
    return "<h4>Phrases</h4>" + table(header, [cells], caption_html=esc(caption))


def comparison_block(side_table: pd.DataFrame, differences: pd.DataFrame, statements: pd.DataFrame,
                     terms: bool = True) -> str:
    """Caveat, measures table (with the terms row when ``terms``) and phrases of one comparison."""
    rows = {s: side_row(side_table, s) for s in SIDES}
    return (caveat_box(rows) + "<h4>Measures</h4>" + measures_table(side_table, differences, terms)
            + phrases_table(statements))
