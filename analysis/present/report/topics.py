"""The topics of one meeting in the report: what each side raises, in what order, and what only one side raises.

One small table per meeting, from :func:`analysis.compare_topics` (computed once
in :func:`~analysis.present.report.data.gather`): a row per topic that either
side's statements raise there; for each side the order of first mention and
the share of its words; a mark where only that side raises it (when the other
side has statements there at all).
"""
from __future__ import annotations

import pandas as pd

from analysis.compare.sides import SIDES
from analysis.present.report.glance import side_label
from analysis.present.report.markup import esc, table

#: What the table's caption says about where the topics come from.
TOPICS_CAPTION = ("Topics found by the project's word list (analysis/lexicons/topics.csv) in each side's "
                  "statements: order of first mention (1st = the first topic that side raises here) and share of "
                  "that side's words in sentences raising it; “only” marks a topic the other side's statements "
                  "here never raise.")


def _cell(row: dict | None) -> str:
    """One side's cell for one topic: ``2nd · 14% of words`` (raised second, in sentences holding 14% of the
    side's words), then ``only`` when the other side's statements there never raise it."""
    if row is None or not row["mentioned"]:
        return '<span class="muted">—</span>'
    only = row["only_this_side"]
    mark = " <strong>only</strong>" if (only is not pd.NA and bool(only)) else ""
    k = int(row["first_position"])
    nth = f"{k}{'th' if 10 <= k % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(k % 10, 'th')}"
    return esc(f"{nth} · {row['share_of_words']:.0%} of words") + mark


def topics_block(topics: pd.DataFrame, group: str, token: str) -> str:
    """The topics table of the meeting with report token ``token`` (``group``: the token column), or a
    line saying no statement there raises a listed topic."""
    here = topics[topics[group] == token] if len(topics) else topics
    raised = here[here["mentioned"]] if len(here) else here
    if raised.empty:
        return '<h4>Topics</h4><p class="meta">No statement here raises a topic of the list.</p>'
    rows = {(r["side"], r["topic"]): r for r in here.to_dict("records")}
    order = list(dict.fromkeys(raised["topic"]))
    cells = [[esc(t.replace("_", " "))] + [_cell(rows.get((s, t))) for s in SIDES] for t in order]
    header = ["topic"] + [esc(side_label(s)) for s in SIDES]
    return "<h4>Topics</h4>" + table(header, cells, caption_html=esc(TOPICS_CAPTION))
