"""The page: head (policy, style), filters, the corpus at a glance, the meetings, all meetings pooled, figures."""
from __future__ import annotations

import base64
from pathlib import Path

from analysis.compare.sides import SIDES, statement_sources
from analysis.compare.stats import N_BOOT, N_PERM
from analysis.output import write_text_atomic
from analysis.pipeline import Analysis
from analysis.present.report.assets import SCRIPT, STYLE, csp
from analysis.present.report.data import ReportData, gather
from analysis.present.report.glance import glance_section, side_label
from analysis.present.report.markup import esc, table
from analysis.present.report.measures import comparison_block
from analysis.present.report.meetings import filter_bar, meetings_part

#: What each embedded figure shows (alt text and caption; no corpus text in them).
FIGURE_CAPTIONS = {
    "sentiment_by_side": "Mean sentiment of each side's statements per meeting, stock and diplomacy-aware VADER, "
                         "with 95% bootstrap intervals and n per point.",
    "stance_by_side": "Hedges, boosters and directives per 100 words by side, all meetings pooled, with 95% "
                      "bootstrap intervals.",
    "framing_by_side": "Framing categories per 100 words by side, all meetings pooled, with 95% intervals.",
    "topics_by_side": "Topics each side's statements raise at each meeting, numbered in the order of first mention; "
                      "a ring marks a topic the other side's statements there never raise.",
}
#: Distinctive terms listed per side in the pooled table.
TERMS_LISTED = 12


def pooled_section(data: ReportData) -> str:
    """All meetings together: n behind every figure, measures with the caveat, distinctive terms."""
    sources = statement_sources(data.result.sentences)
    rows = [[esc(side_label(r["side"])), esc(r["n_statements"]), esc(r["n_placed"]), esc(r["n_meetings"]),
             esc(r["n_articles"]), esc(r["n_speakers"]), f"<code>{esc(r['top_meeting'])}</code>",
             esc(f"{r['top_meeting_n']} ({r['top_meeting_share']:.0%})" if r["n_statements"] else "—")]
            for r in sources.to_dict("records")]
    header = ["side", "statements", "placed at a meeting", "meetings", "articles", "speakers",
              "meeting with most statements", "its statements (share)"]
    note = ("<p class=\"meta\">Statements said at one event (an interview, a press conference) are not "
            "independent: when one meeting holds a large share of a side's statements, that side's pooled "
            "figures describe the event more than the side.</p>")
    return ('<section id="pooled"><h2>All meetings together</h2>'
            + table(header, rows) + note
            + comparison_block(data.pooled, data.pooled_differences, data.statements, terms=False)
            + terms_table(data) + "</section>")


def terms_table(data: ReportData) -> str:
    """The most distinctive terms of each side over all statements, with counts and z-scores."""
    if data.terms.empty:
        return "<h4>Distinctive terms</h4><p class=\"meta\">Needs statements from both sides.</p>"
    cells = []
    for side in SIDES:
        top = data.terms[(data.terms["group"] == side) & (data.terms["zscore"] > 0)].head(TERMS_LISTED)
        items = "".join(f"<li><q>{esc(r['term'])}</q> <span class=\"muted\">{int(r['count'])} vs "
                        f"{int(r['count_other'])}, z = {r['zscore']:.2f}</span></li>"
                        for r in top.to_dict("records"))
        cells.append(f"<ol>{items}</ol>" if items else '<span class="muted">none</span>')
    caption = ("Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), "
               "the whole corpus as the prior; counts are this side vs the other side.")
    return ("<h4>Distinctive terms</h4>"
            + table([esc(side_label(s)) for s in SIDES], [cells], caption_html=caption))


def figures_section(data: ReportData) -> str:
    """The figures as PNG data: URIs (nothing fetched), each with its caption; a note for any not drawn."""
    parts = []
    for name, caption in FIGURE_CAPTIONS.items():
        if name in data.figures:
            src = "data:image/png;base64," + base64.b64encode(data.figures[name]).decode("ascii")
            parts.append(f'<figure id="figure-{name}"><img src="{src}" alt="{esc(caption)}">'
                         f"<figcaption>{esc(caption)}</figcaption></figure>")
        elif name in data.figure_notes:
            parts.append(f"<p class=\"meta\">Figure {esc(name)} not drawn: {esc(data.figure_notes[name])}</p>")
    return '<section id="figures"><h2>Figures</h2>' + "".join(parts) + "</section>"


def method_note() -> str:
    return ('<section id="method"><h2>How the numbers are made</h2><ul>'
            f"<li>Intervals: percentile bootstrap over statements ({N_BOOT:,} resamples, seeded), 95%. A side "
            "with one statement has a zero-width interval: nothing to resample, not certainty.</li>"
            f"<li>Differences: permutation test shuffling which side said each statement ({N_PERM:,} "
            "shuffles, seeded), two-sided.</li>"
            "<li>Sentiment: VADER 3.3.2 (stock) and the same with the project's diplomatic valence overlay. "
            "Hedges, boosters, directives and framing: the project's CSV lexicons, matched on whole words "
            "and phrases; every match is a marked span above.</li>"
            "<li>Everything in this page is computed from the corpus by <code>python -m analysis report</code>; "
            "it works offline, and the same corpus always gives the same file.</li></ul></section>")


def _head(title: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(csp())}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n")


def render(data: ReportData) -> str:
    """The whole page from gathered data."""
    name = Path(str(data.result.corpus.path)).name or "corpus"
    title = f"Evidence report: {name}"
    contents = ('<nav class="meta">Contents: <a href="#glance">corpus at a glance</a> · '
                '<a href="#meetings">meetings</a> · <a href="#pooled">all meetings together</a> · '
                '<a href="#figures">figures</a> · <a href="#method">method</a></nav>')
    intro = ("<p>How US and Chinese officials describe the same diplomatic meetings, with the evidence: every "
             "statement, where it comes from, the words that were counted, and the n behind every number.</p>")
    body = (f"<body>\n<header><h1>{esc(title)}</h1>{intro}{contents}</header>\n" + filter_bar(data) + "\n"
            + glance_section(data) + "\n" + meetings_part(data) + "\n" + pooled_section(data) + "\n"
            + figures_section(data) + "\n" + method_note() + f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n")
    return _head(title) + body


def build_report(result: Analysis) -> str:
    """The evidence report of an analysis as one self-contained HTML page (a string).

    Same analysis, same string: no timestamps, every iteration sorted, figures
    byte-identical. Every corpus value is HTML-escaped.
    """
    return render(gather(result))


def write_report(result: Analysis, path: str | Path) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8, whole or not at all); return the path."""
    return write_text_atomic(path, build_report(result))
