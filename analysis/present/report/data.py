"""Everything the evidence report shows, computed once from an :class:`~analysis.pipeline.Analysis`.

:func:`gather` runs the comparisons (:func:`~analysis.compare.sides.compare_sides`,
:func:`~analysis.compare.sides.compare_differences`,
:func:`~analysis.compare.keyness.distinctive_terms`) and draws the figures,
so the HTML modules only format what is here. Meetings are ordered by their
``date`` in meetings.csv (ISO dates sort as text, so ``2023-05`` comes before
``2023-06-18``), undated meetings last, ties in the order meetings.csv lists
them; statements placed at no meeting come at the very end.

Each meeting gets a *token* (``m001`` …) that the page's filters use in their
``data-`` attributes, so no corpus text ever has to be compared or quoted in
the page's script.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analysis.compare.keyness import distinctive_terms
from analysis.compare.sides import MEASURES, SIDES, compare_differences, compare_sides, select_statements
from analysis.compare.topics import compare_topics
from analysis.pipeline import Analysis
from analysis.present.highlight import CATEGORY_STYLE

#: Column holding each sentence's meeting token while the report is computed.
GROUP = "report_group"
#: Token of the statements placed at no meeting (meeting tokens are m001, m002 ...).
UNPLACED = "unplaced"
#: Distinctive terms shown per side when all meetings are pooled.
POOLED_TERMS = 12
#: Distinctive terms shown per meeting and side (compare_sides' ``n``).
MEETING_TERMS = 6
#: Resolution of the embedded figures: sharp on a screen at the page's width
#: (7 in × 110 dpi = 770 px), a fraction of the size of the 300 dpi print files.
FIGURE_DPI = 110


@dataclass(frozen=True)
class Meeting:
    """One meeting as the report shows it (strings as in meetings.csv, empty when unknown)."""

    token: str
    meeting_id: str
    date: str = ""
    place: str = ""
    participants: str = ""
    description: str = ""

    @property
    def label(self) -> str:
        return self.meeting_id or "not placed at any meeting"


@dataclass
class ReportData:
    """The frames and figures of one report (see the module docstring)."""

    result: Analysis
    meetings: list[Meeting]
    statements: pd.DataFrame
    side_table: pd.DataFrame
    differences: pd.DataFrame
    pooled: pd.DataFrame
    pooled_differences: pd.DataFrame
    terms: pd.DataFrame
    spans: dict
    categories: list[str]
    figures: dict[str, bytes] = field(default_factory=dict)
    figure_notes: dict[str, str] = field(default_factory=dict)
    #: compare_topics by meeting token (one row per token × side × topic).
    topics: pd.DataFrame = field(default_factory=pd.DataFrame)


def meetings_in_order(meetings: pd.DataFrame | None, used_ids) -> list[Meeting]:
    """Every meeting of ``meetings`` (meetings.csv) and every other id in ``used_ids``, by date, undated last.

    >>> table = pd.DataFrame({"meeting_id": ["b", "a", "c"], "date": ["2023-06-19", "", "2023-05"]})
    >>> [(m.token, m.meeting_id) for m in meetings_in_order(table, ["a", "zz", ""])]
    [('m001', 'c'), ('m002', 'b'), ('m003', 'a'), ('m004', 'zz'), ('unplaced', '')]
    """
    rows = [] if meetings is None else meetings.fillna("").astype(str).to_dict("records")
    known = {r.get("meeting_id", "") for r in rows}
    used = sorted({str(u) for u in used_ids if str(u)} - known)
    rows += [{"meeting_id": u} for u in used]
    # Stable sort: dated first by date, then undated, each in the order listed.
    rows = sorted(rows, key=lambda r: (r.get("date", "") == "", r.get("date", "")))
    out = [Meeting(f"m{i:03d}", r.get("meeting_id", ""), r.get("date", ""), r.get("place", ""),
                   r.get("participants", ""), r.get("description", "")) for i, r in enumerate(rows, 1)]
    if any(str(u) == "" for u in used_ids):
        out.append(Meeting(UNPLACED, ""))
    return out


def gather(result: Analysis) -> ReportData:
    """Compute every frame and figure the report needs (the slow part of :func:`build_report`)."""
    sentences = result.sentences
    meeting_ids = sentences["meeting_id"].fillna("").astype(str)
    statements_ids = select_statements(sentences)["meeting_id"].fillna("").astype(str)
    meetings = meetings_in_order(result.tables.get("meetings"), statements_ids.unique())
    token = {m.meeting_id: m.token for m in meetings}
    scored = sentences.assign(**{GROUP: meeting_ids.map(token).fillna(UNPLACED)})
    statements = select_statements(scored)
    side_table = compare_sides(scored, by=GROUP, n=MEETING_TERMS)
    differences = compare_differences(scored, by=GROUP, measures=MEASURES)
    pooled = compare_sides(scored, by=None, n=0)
    pooled_differences = compare_differences(scored, by=None, measures=MEASURES)
    terms = _pooled_terms(statements, scored)
    spans, categories = _statement_spans(statements, result.matches)
    data = ReportData(result, meetings, statements, side_table, differences, pooled, pooled_differences,
                      terms, spans, categories)
    data.topics = compare_topics(scored, by=GROUP)
    data.figures, data.figure_notes = _figures(data)
    return data


def _pooled_terms(statements: pd.DataFrame, scored: pd.DataFrame) -> pd.DataFrame:
    """US vs China distinctive terms over all statements (empty when a side never speaks)."""
    spoken = [s for s in SIDES if (statements["side"] == s).any()]
    if len(spoken) < 2:
        return pd.DataFrame(columns=["group", "term", "count", "count_other", "zscore"])
    return distinctive_terms(statements, by="side", groups=SIDES, background=scored)


def _statement_spans(statements: pd.DataFrame, matches: pd.DataFrame) -> tuple[dict, list[str]]:
    """The matched spans of each statement, keyed by (doc_id, para, sent), and the categories present."""
    keys = ["doc_id", "para", "sent"]
    wanted = set(map(tuple, statements[keys].itertuples(index=False, name=None)))
    spans: dict = {}
    for rec in matches.to_dict("records"):
        key = (rec["doc_id"], rec["para"], rec["sent"])
        if key in wanted:
            spans.setdefault(key, []).append(rec)
    present = {rec["category"] for found in spans.values() for rec in found}
    order = list(CATEGORY_STYLE)
    categories = sorted(present, key=lambda c: (order.index(c) if c in order else len(order), str(c)))
    return spans, categories


def _figures(data: ReportData) -> tuple[dict[str, bytes], dict[str, str]]:
    """PNG bytes of each figure that can be drawn; for one that cannot, the reason.

    The distinctive-terms figure is left out: the pooled terms table shows the
    same words with their counts, and drawing it would add about a second.
    """
    from analysis.present.figures import (figure_bytes, plot_framing_by_side, plot_sentiment_by_side,
                                          plot_stance_by_side, plot_topics_by_side)

    ids = {m.token: m.meeting_id for m in data.meetings if m.token != UNPLACED}
    by_meeting = data.side_table[data.side_table[GROUP].isin(list(ids))]
    by_meeting = by_meeting.assign(meeting_id=by_meeting[GROUP].map(ids))
    order = {m.token: i for i, m in enumerate(data.meetings)}
    by_meeting = by_meeting.assign(_o=by_meeting[GROUP].map(order)).sort_values("_o", kind="stable")
    drawers = {
        "sentiment_by_side": lambda: plot_sentiment_by_side(by_meeting.drop(columns=[GROUP, "_o"]),
                                                            by="meeting_id"),
        "stance_by_side": lambda: plot_stance_by_side(data.pooled),
        "framing_by_side": lambda: plot_framing_by_side(data.pooled),
        "topics_by_side": lambda: plot_topics_by_side(_by_meeting_id(data.topics, ids, order), by="meeting_id"),
    }
    figures, notes = {}, {}
    for name, draw in drawers.items():
        try:
            figures[name] = figure_bytes(draw(), "png", dpi=FIGURE_DPI)
        except (ValueError, KeyError) as err:  # too little data to draw this figure
            notes[name] = str(err)
    return figures, notes


def _by_meeting_id(table: pd.DataFrame, ids: dict, order: dict) -> pd.DataFrame:
    """A table keyed by meeting token as one keyed by meeting_id, in the report's order of meetings
    (statements placed at no meeting left out)."""
    placed = table[table[GROUP].isin(list(ids))]
    placed = placed.assign(meeting_id=placed[GROUP].map(ids), _o=placed[GROUP].map(order))
    return placed.sort_values("_o", kind="stable").drop(columns=[GROUP, "_o"])
