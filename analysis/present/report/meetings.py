"""One section per meeting, by date: both sides' statements side by side, each with its source and marks.

Every statement is a list item carrying the filter tokens the page's script
reads (``data-meeting``: the meeting's token, ``data-side``: ``us`` or
``china``, ``data-cats``: a token per category of span it contains, ``c0`` …
in the order of :data:`analysis.present.highlight.CATEGORY_STYLE`). Its text
goes through :func:`analysis.present.highlight.highlight_text`, which escapes
it and marks each matched span by category.
"""
from __future__ import annotations

import pandas as pd

from analysis.compare.sides import SIDES
from analysis.present.highlight import CATEGORY_STYLE, highlight_text, legend_html
from analysis.present.report.data import GROUP, Meeting, ReportData
from analysis.present.report.glance import side_label
from analysis.present.report.markup import esc, fmt_score, plural, tag
from analysis.present.report.measures import comparison_block
from analysis.present.report.topics import topics_block


def category_token(data: ReportData, category: str) -> str:
    """The filter token of a span category (its place in the report's category list)."""
    return f"c{data.categories.index(category)}"


def category_label(category: str) -> str:
    return CATEGORY_STYLE.get(category, {}).get("label", category)


def _source(rec: dict) -> str:
    """Where a statement comes from: outlet, article, paragraph and sentence, speaker, and its two scores."""
    speaker = str(rec.get("speaker", "") or "")
    parts = [esc(rec.get("outlet", "") or "outlet unknown"), f"<code>{esc(rec['doc_id'])}</code>",
             f"paragraph {esc(rec['para'])}, sentence {esc(rec['sent'])}"]
    if speaker:
        parts.append(f"speaker: {esc(speaker)}")
    parts.append(f"sentiment {esc(fmt_score(rec.get('compound')))} stock, "
                 f"{esc(fmt_score(rec.get('compound_diplomatic')))} diplomacy-aware")
    return f'<span class="source">{" · ".join(parts)}</span>'


def statement_item(data: ReportData, rec: dict) -> str:
    """One statement as a list item: highlighted text, then its source line."""
    spans = data.spans.get((rec["doc_id"], rec["para"], rec["sent"]), [])
    cats = sorted({category_token(data, s["category"]) for s in spans}, key=lambda t: int(t[1:]))
    body = highlight_text(str(rec["text"]), spans, start="start", end="end")
    return tag("li", f'<span class="text">{body}</span>{_source(rec)}', class_="statement",
               data_meeting=rec[GROUP], data_side=rec["side"], data_cats=" ".join(cats))


def _in_reading_order(statements: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Statements in the order of the articles (as articles.csv lists them), then paragraph, then sentence."""
    order = {d: i for i, d in enumerate(documents["doc_id"].astype(str))}
    ranked = statements.assign(_doc=statements["doc_id"].astype(str).map(order).fillna(len(order)))
    return ranked.sort_values(["_doc", "para", "sent"], kind="stable").drop(columns="_doc")


def side_columns(data: ReportData, statements: pd.DataFrame) -> str:
    """The US column and the China column of one meeting's statements."""
    statements = _in_reading_order(statements, data.result.documents)
    columns = []
    for side in SIDES:
        mine = statements[statements["side"] == side]
        items = "".join(statement_item(data, r) for r in mine.to_dict("records"))
        body = (f'<ol class="statements">{items}</ol>' if items else
                f'<p class="muted">No {esc(side_label(side))} statement about this meeting.</p>')
        heading = f"<h4>{esc(side_label(side))}: {plural(len(mine), 'statement')}</h4>"
        columns.append(tag("div", heading + body, class_="side-column", data_side=side))
    return f'<div class="columns">{"".join(columns)}</div>'


def meeting_title(m: Meeting, code: bool = True) -> str:
    """``date · meeting_id`` (``undated · …``), or the label of the statements placed at no meeting."""
    if not m.meeting_id:
        return esc(m.label)
    name = f"<code>{esc(m.meeting_id)}</code>" if code else esc(m.meeting_id)
    return f"{esc(m.date) if m.date else 'undated'} · {name}"


def meeting_heading(m: Meeting) -> str:
    details = [esc(x) for x in (m.place, m.participants.replace(";", "; "), m.description) if x]
    meta = f'<p class="meta">{" · ".join(details)}</p>' if details else ""
    return f"<h3>{meeting_title(m)}</h3>{meta}"


def meeting_section(data: ReportData, m: Meeting) -> str:
    """One meeting: heading, statements side by side, then its numbers with the caveat."""
    statements = data.statements[data.statements[GROUP] == m.token]
    side_table = data.side_table[data.side_table[GROUP] == m.token]
    differences = data.differences[data.differences[GROUP] == m.token]
    body = (meeting_heading(m) + side_columns(data, statements)
            + comparison_block(side_table, differences, statements) + topics_block(data.topics, GROUP, m.token))
    return tag("section", body, class_="meeting", id=m.token, data_meeting=m.token)


def meetings_with_statements(data: ReportData) -> list[Meeting]:
    spoken = set(data.statements[GROUP].astype(str))
    return [m for m in data.meetings if m.token in spoken]


def meetings_part(data: ReportData) -> str:
    """Every meeting that has statements, by date, under the legend of the marks."""
    meetings = meetings_with_statements(data)
    if not meetings:
        return ('<section id="meetings"><h2>Meetings</h2><p>No statement by either side was found, so there '
                "is nothing to compare.</p></section>")
    legend = legend_html(data.categories) if data.categories else ""
    intro = ("<p>For each meeting, by date: what each side said (its statements, in the articles' order), "
             "with every matched word or phrase marked by category. Hover a mark for its category and "
             "lexicon entry; the tag after it names the category in print.</p>")
    return ('<section id="meetings"><h2>Meetings: the two sides side by side</h2>' + intro + legend
            + "".join(meeting_section(data, m) for m in meetings) + "</section>")


def filter_bar(data: ReportData) -> str:
    """The filter controls (hidden until the script runs; every option value is a report token)."""
    meetings = "".join(tag("option", meeting_title(m, code=False), value=m.token)
                       for m in meetings_with_statements(data))
    sides = "".join(tag("option", esc(side_label(s)), value=s) for s in SIDES)
    cats = "".join(tag("option", esc(category_label(c)), value=category_token(data, c)) for c in data.categories)
    return ('<form id="filters" hidden aria-label="Filter the statements">'
            '<label>Meeting<select id="filter-meeting"><option value="all">all meetings</option>'
            f"{meetings}</select></label>"
            '<label>Side<select id="filter-side"><option value="all">both sides</option>'
            f"{sides}</select></label>"
            '<label>Category<select id="filter-category"><option value="all">any (or none)</option>'
            f"{cats}</select></label>"
            f'<output id="filter-count">{plural(len(data.statements), "statement")}</output></form>')
