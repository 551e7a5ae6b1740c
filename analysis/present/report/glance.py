"""The corpus at a glance: documents by voice and outlet, meetings by date, what cleaning removed.

Each function takes the report's :class:`~analysis.present.report.data.ReportData`
and returns an HTML fragment; every corpus value is escaped with
:func:`~analysis.present.report.markup.esc`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.compare.sides import SIDES, side_name
from analysis.present.report.data import ReportData
from analysis.present.report.markup import esc, plural, table

#: Characters of each raw file's SHA-256 shown (enough to tell two versions of a file apart by eye).
HASH_CHARS = 12
#: Removed lines listed one by one at most (the counts above the list always cover all of them).
MAX_REMOVED_LISTED = 300


def side_label(side: str) -> str:
    """A side as the page names it (``US``, ``China``): :func:`analysis.compare.sides.side_name`."""
    return side_name(side)


def _num(value) -> str:
    return f'<span class="num">{esc(value)}</span>'


def statement_counts(data: ReportData, column: str) -> dict[tuple[str, str], int]:
    """Statements per (value of ``column``, side)."""
    counts = data.statements.groupby([data.statements[column].fillna("").astype(str), "side"]).size()
    return {(str(k[0]), str(k[1])): int(v) for k, v in counts.items()}


def documents_section(data: ReportData) -> str:
    """One row per article (metadata, counts, statements per side), and the articles by voice × outlet."""
    docs = data.result.documents
    counts = statement_counts(data, "doc_id")
    header = ["doc_id", "title", "outlet", "voice", "published", "paragraphs", "sentences", "words",
              "lines removed", *(f"{side_label(s)} statements" for s in SIDES), "SHA-256 (start)"]
    rows = []
    for d in docs.to_dict("records"):
        rows.append([f"<code>{esc(d['doc_id'])}</code>", esc(d.get("title", "")), esc(d.get("outlet", "")),
                     esc(d.get("voice", "")), esc(d.get("published", "")) or '<span class="muted">unknown</span>',
                     _num(d.get("n_paragraphs", "")), _num(d.get("n_sentences", "")), _num(d.get("n_words", "")),
                     _num(d.get("n_removed", "")),
                     *(_num(counts.get((str(d["doc_id"]), s), 0)) for s in SIDES),
                     f"<code>{esc(str(d.get('sha256', ''))[:HASH_CHARS])}</code>"])
    notes = "".join(f"<li><code>{esc(d['doc_id'])}</code>: {esc(d.get('notes', ''))}</li>"
                    for d in docs.to_dict("records") if str(d.get("notes", "")).strip())
    return (f"<h3>Documents ({len(docs)})</h3>" + f'<div class="wide">{table(header, rows, class_="data docs")}</div>'
            + _voice_outlet(docs)
            + (f"<details><summary>Notes on each article (from articles.csv)</summary><ul>{notes}</ul></details>"
               if notes else ""))


def _voice_outlet(docs: pd.DataFrame) -> str:
    """Articles counted by voice (the side a document speaks for; press for news) and outlet."""
    if docs.empty:
        return "<p>No documents.</p>"
    grid = (docs.assign(voice=docs["voice"].fillna("").astype(str), outlet=docs["outlet"].fillna("").astype(str))
            .groupby(["voice", "outlet"]).size().sort_index())
    rows = [[esc(v) or '<span class="muted">none</span>', esc(o) or '<span class="muted">none</span>', _num(n)]
            for (v, o), n in grid.items()]
    return ("<h4>Documents by voice (side) and outlet</h4>"
            + table(["voice", "outlet", "documents"], rows))


def meetings_section(data: ReportData) -> str:
    """Every meeting by date (undated last) with the statements each side made about it."""
    counts = statement_counts(data, "meeting_id")
    rows = []
    for m in data.meetings:
        date = esc(m.date) or '<span class="muted">undated</span>'
        name = f"<code>{esc(m.meeting_id)}</code>" if m.meeting_id else f"<em>{esc(m.label)}</em>"
        has = any(counts.get((m.meeting_id, s), 0) for s in SIDES)
        link = f'<a href="#{esc(m.token)}">{name}</a>' if has else name
        rows.append([date, link, esc(m.place), esc(m.participants.replace(";", "; ")),
                     *(_num(counts.get((m.meeting_id, s), 0)) for s in SIDES), esc(m.description)])
    header = ["date", "meeting", "place", "participants", *(f"{side_label(s)} statements" for s in SIDES),
              "description"]
    return (f"<h3>Meetings by date ({len([m for m in data.meetings if m.meeting_id])})</h3>"
            "<p class=\"meta\">From meetings.csv, ordered by date; undated meetings last, in the order the file "
            "lists them. A meeting with statements links to its section.</p>"
            + f'<div class="wide">{table(header, rows)}</div>')


def removed_section(data: ReportData) -> str:
    """What cleaning removed: counts by origin and rule, and the lines themselves."""
    removed = data.result.removed
    if removed.empty:
        return "<h3>What cleaning removed</h3><p>Cleaning removed no line.</p>"
    grid = (removed.assign(origin=removed["origin"].fillna("").astype(str), rule=removed["rule"].astype(str))
            .groupby(["origin", "rule"]).agg(lines=("text", "size"), documents=("doc_id", "nunique")).sort_index())
    rows = [[esc(o), f"<code>{esc(r)}</code>", _num(int(g["lines"])), _num(int(g["documents"]))]
            for (o, r), g in grid.iterrows()]
    rows.append(["<strong>total</strong>", "", _num(len(removed)), _num(removed["doc_id"].nunique())])
    listed = removed.head(MAX_REMOVED_LISTED)
    lines = [[f"<code>{esc(r['doc_id'])}</code>", _num(r["line"]), f"<code>{esc(r['rule'])}</code>",
              esc(r["origin"]), esc(r["text"])] for r in listed.to_dict("records")]
    more = (f"<p class=\"meta\">The first {MAX_REMOVED_LISTED} of {len(removed)} lines are listed.</p>"
            if len(removed) > MAX_REMOVED_LISTED else "")
    return ("<h3>What cleaning removed</h3>"
            f"<p>{plural(len(removed), 'line')} removed before analysis, by origin and rule "
            "(rules in <code>analysis/lexicons/boilerplate.csv</code> and <code>analysis/text/clean.py</code>):</p>"
            + table(["origin", "rule", "lines", "documents"], rows)
            + "<details><summary>Every removed line</summary>"
            + table(["doc_id", "line", "rule", "origin", "text"], lines) + more + "</details>")


def warnings_section(data: ReportData) -> str:
    """Warnings from loading the corpus (normalised characters, empty documents), if any."""
    warnings = data.result.warnings
    if not warnings:
        return ""
    items = "".join(f"<li>{esc(_warning_text(w))}</li>" for w in warnings)
    return f"<h3>Warnings from loading ({len(warnings)})</h3><ul>{items}</ul>"


def _warning_text(warning) -> str:
    """A warning with its file's name only (the report never shows a local folder)."""
    file = getattr(warning, "file", None)
    if file is None:
        return str(warning)
    where = Path(str(file)).name + (f":{warning.line}" if getattr(warning, "line", None) is not None else "")
    hint = f" Fix: {warning.hint}." if getattr(warning, "hint", "") else ""
    return f"{where}: {warning.message}.{hint}"


def glance_section(data: ReportData) -> str:
    """The whole "corpus at a glance" section."""
    n_stm = len(data.statements)
    by_side = ", ".join(f"{plural(int((data.statements['side'] == s).sum()), side_label(s) + ' statement')}"
                        for s in SIDES)
    return ('<section id="glance"><h2>The corpus at a glance</h2>'
            f"<p>{plural(len(data.result.documents), 'document')}, "
            f"{plural(len(data.result.sentences), 'sentence')}, {plural(n_stm, 'statement')} ({by_side}). "
            "A <em>statement</em> is a sentence one side speaks (inside a US or Chinese speaker's quotation, "
            "or opening with one); journalists' paraphrases are not counted.</p>"
            + documents_section(data) + meetings_section(data) + removed_section(data)
            + warnings_section(data) + "</section>")
