"""Cleaning measured against hand labels of every raw line: article, headline or chrome.

A label file (``annotations/lines.csv`` of a corpus) has one row per non-blank
line of each raw file: ``doc_id, line, label, kind``, where ``label`` is
``article`` (the text itself), ``headline`` (headlines, subheadings and captions
the outlet wrote) or ``chrome`` (everything else on the page: banners, menus,
related links, credits, share lines, footers). A line with a date stamp glued
to its start is ``article`` with ``kind`` ``glued date stamp: <the stamp>``.

A line is *kept* when a paragraph of the loaded corpus comes from it (a
paragraph joined from hard-wrapped lines covers ``line`` to ``last_line``).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError, Problem, display_path
from analysis.text.csvfile import read_csv_rows

LABEL_COLUMNS = ("doc_id", "line", "label", "kind")
LABELS = ("article", "headline", "chrome")
LABEL_FILE = Path("annotations") / "lines.csv"
_GLUED = "glued date stamp:"


def load_line_labels(path: str | Path) -> pd.DataFrame:
    """Read a line-label file; a bad row raises :class:`~analysis.errors.CorpusError` naming its line.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "lines.csv"
    >>> _ = f.write_text("doc_id,line,label,kind\\nd,1,chrome,banner\\nd,3,article,\\n", encoding="utf-8")
    >>> load_line_labels(f).label.tolist()
    ['chrome', 'article']
    """
    path = Path(path)
    rows, problems = read_csv_rows(path, LABEL_COLUMNS)
    name, out = display_path(path), []
    for line, row in rows:
        if row["label"] not in LABELS:
            problems.append(Problem(name, f"unknown label {row['label']!r}", f"use one of {', '.join(LABELS)}",
                                    line=line))
        if not row["line"].isdigit():
            problems.append(Problem(name, f"line {row['line']!r} is not a number", "give the raw line number",
                                    line=line))
            continue
        out.append({**{c: row[c] for c in LABEL_COLUMNS}, "line": int(row["line"])})
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(out, columns=list(LABEL_COLUMNS))


def kept_lines(corpus) -> dict[tuple[str, int], str]:
    """``{(doc_id, raw line): paragraph text}`` for every raw line a paragraph comes from."""
    paras = corpus.paragraphs
    last = paras["last_line"].tolist() if "last_line" in paras.columns else paras["line"].tolist()
    kept = {}
    for doc, first, end, text in zip(paras["doc_id"], paras["line"], last, paras["text"]):
        for number in range(int(first), int(end) + 1):
            kept[(doc, number)] = text
    return kept


def cleaning_by_line(corpus, labels: pd.DataFrame) -> pd.DataFrame:
    """The labels with ``kept`` (a paragraph comes from the line) and, for glued stamps, ``stamp_kept``."""
    kept = kept_lines(corpus)
    frame = labels.copy()
    texts = [kept.get((d, n)) for d, n in zip(frame.doc_id, frame.line)]
    frame["kept"] = [t is not None for t in texts]
    stamps = [k[len(_GLUED):].strip() if k.startswith(_GLUED) else "" for k in frame.kind]
    frame["stamp_kept"] = [bool(s) and t is not None and s in t for s, t in zip(stamps, texts)]
    frame["glued_stamp"] = [bool(s) for s in stamps]
    return frame


def evaluate_cleaning(corpus, labels: pd.DataFrame) -> pd.DataFrame:
    """Chrome recall, article and headline lines removed, glued stamps removed: ``measure, n, value``.

    ``n`` is what the value is a share of (chrome lines, article lines, ...).

    >>> from analysis import load_corpus
    >>> corpus = load_corpus()
    >>> labels = pd.DataFrame({"doc_id": ["cnn-stability"], "line": [1], "label": ["chrome"], "kind": [""]})
    >>> row = evaluate_cleaning(corpus, labels).set_index("measure").loc["chrome_recall"]
    >>> int(row.n), float(row.value)
    (1, 1.0)
    """
    by_line = cleaning_by_line(corpus, labels)

    def share(mask, of) -> tuple[int, float]:
        n = int(of.sum())
        return n, round(float((mask & of).sum()) / n, 3) if n else float("nan")  # nan: nothing to share

    rows = [("chrome_recall", *share(~by_line.kept, by_line.label == "chrome")),
            ("article_lines_removed", *share(~by_line.kept, by_line.label == "article")),
            ("headline_lines_removed", *share(~by_line.kept, by_line.label == "headline")),
            ("glued_stamps_removed", *share(by_line.kept & ~by_line.stamp_kept, by_line.glued_stamp))]
    return pd.DataFrame(rows, columns=["measure", "n", "value"])
