"""The evidence report: one self-contained HTML file a report writer can open offline or send.

:func:`build_report` turns an :class:`~analysis.pipeline.Analysis` into one
HTML page (a string); :func:`write_report` writes it whole or not at all.
``python -m analysis report [--corpus DIR] [-o FILE]`` does both (default
``report.html`` in the current folder).

The page holds:

* the corpus at a glance: documents by voice and outlet, meetings by date
  (undated last), what cleaning removed by origin and rule;
* for each meeting with statements, by date: the US and the Chinese
  statements side by side, each with its source (outlet, article, paragraph)
  and its matched spans marked by category (with the key); then the n, both
  sentiment scores and every rate per 100 words with 95% intervals, the
  difference with its permutation p where both sides speak, the distinctive
  terms, the phrases both sides used beside those only one used, the
  caveat for that n, and the topics each side raises (in order of first
  mention, with those only one side raises);
* all meetings pooled, the figures (PNG as ``data:`` URIs), and how the
  numbers are made;
* filters by meeting, side and category: a few lines of the report's own
  JavaScript that set ``hidden`` (no server, no library).

Safety: every corpus value (text, titles, notes, ids, outlets, speakers,
terms) is HTML-escaped, in attributes too; the script never contains corpus
text (the filters use tokens the report makes); and a Content-Security-Policy
allows only the page's own script (by its hash), inline styles and ``data:``
images, so nothing is fetched. Same input, same bytes.

The modules: :mod:`~analysis.present.report.data` (computing),
:mod:`~analysis.present.report.glance`, :mod:`~analysis.present.report.meetings`,
:mod:`~analysis.present.report.measures`, :mod:`~analysis.present.report.topics` (HTML of each part),
:mod:`~analysis.present.report.markup` (escaping, numbers),
:mod:`~analysis.present.report.assets` (style, script, policy) and
:mod:`~analysis.present.report.build` (the page). Importing this package
imports matplotlib (for the figures); ``import analysis`` does not import it.
"""
from analysis.present.report.build import build_report, render, write_report
from analysis.present.report.data import ReportData, gather

__all__ = ["build_report", "write_report", "gather", "render", "ReportData"]
