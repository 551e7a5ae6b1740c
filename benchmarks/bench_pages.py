"""Issue 12's figures on pages written for the tests: cleaning, sentences, quotations, transcripts, languages.

    .venv/bin/python benchmarks/bench_pages.py [CORPUS ...] [--by-page] [--json FILE]

Each CORPUS (default ``tests/data/pages``) is a corpus folder with hand labels in
``annotations/``: ``lines.csv`` (every raw line: article / headline / chrome),
``quotes_gold.csv`` (``para`` empty: located by text), ``transcript_lines.csv``
(the speaker of every transcript line) and ``documents.csv`` (which documents
are mostly not English). Prints one table per corpus; with ``--json`` also
writes the figures, for the README and the issue note.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import pandas as pd

from analysis.measure.attribution import attribute, evaluate_quotes, load_gold
from analysis.text.corpus import load_corpus
from analysis.text.line_labels import evaluate_cleaning, load_line_labels

ROOT = Path(__file__).resolve().parent.parent
#: A sentence that ends in one capital letter, a title or a month and a full stop, followed in the same
#: paragraph by one that starts with a capital letter and a full stop, a digit or a lower-case letter,
#: is a piece of an abbreviation ("China-U." + "S. relations", "Mr." + "Wang", "Jan." + "5").
_CUT_END = re.compile(r"(?:(?<![A-Za-z])[A-Z]|\b(?:Mr|Ms|Mrs|Dr|Sen|Rep|Gov|Gen|Adm|No|Jan|Feb|Mar|Apr|Jun|Jul|"
                      r"Aug|Sept?|Oct|Nov|Dec|St|a\.m|p\.m))\.$")
_CUT_START = re.compile(r"^(?:[A-Z]\.|\d|[a-z])")


def fragments(sentences: pd.DataFrame) -> int:
    """Sentences that are pieces of an abbreviation (both pieces counted)."""
    n = 0
    rows = list(zip(sentences.doc_id, sentences.para, sentences.text))
    for (d1, p1, t1), (d2, p2, t2) in zip(rows, rows[1:]):
        if (d1, p1) == (d2, p2) and _CUT_END.search(t1.rstrip("”’\"')")) and _CUT_START.search(t2):
            n += 2
    return n


def transcript_figures(sentences: pd.DataFrame, path: Path) -> list[tuple[str, int, float]]:
    """Share of transcript sentences on their labelled speaker's side, and with the labelled speaker."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        labels = {(r["doc_id"], int(r["line"])): (r["speaker"], r["side"]) for r in csv.DictReader(fh)}
    pairs = [(labels[(d, int(ln))], (sp or "", si)) for d, ln, sp, si in
             zip(sentences.doc_id, sentences.line, sentences.speaker, sentences.side) if (d, int(ln)) in labels]
    n = len(pairs)
    side = sum(g[1] == f[1] for g, f in pairs) / n if n else 0.0
    speaker = sum(g[0] == f[0] for g, f in pairs) / n if n else 0.0
    return [("transcript_side_accuracy", n, round(side, 3)), ("transcript_speaker_accuracy", n, round(speaker, 3))]


def language_figures(corpus, path: Path) -> list[tuple[str, int, float]]:
    """Share of mostly-not-English documents and of documents left empty that the loader warns about."""
    files = dict(zip(corpus.documents.doc_id, corpus.documents.file))
    warned = [(p.file, p.message) for p in corpus.warnings]

    def is_warned(doc: str, words: tuple[str, ...]) -> bool:
        return any(f.endswith("/" + files[doc]) and any(w in m for w in words) for f, m in warned)

    rows = []
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as fh:
            foreign = [r["doc_id"] for r in csv.DictReader(fh) if r["mostly_english"].strip().lower() == "no"]
        hit = sum(is_warned(d, ("English",)) for d in foreign)
        rows.append(("non_english_documents_warned", len(foreign), round(hit / len(foreign), 3) if foreign else 0.0))
    empty = [d for d, n in zip(corpus.documents.doc_id, corpus.documents.n_paragraphs) if n == 0]
    hit = sum(is_warned(d, ("no text is left",)) for d in empty)
    rows.append(("empty_documents_warned", len(empty), round(hit / len(empty), 3) if empty else 1.0))
    return rows


def measure(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All figures for one labelled corpus folder, and the per-page cleaning figures."""
    corpus = load_corpus(folder)
    labels = load_line_labels(folder / "annotations" / "lines.csv")
    rows = [tuple(r) for r in evaluate_cleaning(corpus, labels).itertuples(index=False)]
    rows.append(("abbreviation_fragments", len(corpus.sentences), fragments(corpus.sentences)))
    gold = load_gold(folder / "annotations" / "quotes_gold.csv", corpus=corpus, missing="keep")
    rows += [(f"quotes_{m}", n, v) for m, n, v in evaluate_quotes(corpus, gold).itertuples(index=False)]
    rows.append(("quotes_not_in_text", len(gold), int((gold.para == 0).sum())))
    sentences, _, _ = attribute(corpus)
    rows += transcript_figures(sentences, folder / "annotations" / "transcript_lines.csv")
    rows += language_figures(corpus, folder / "annotations" / "documents.csv")
    by_page = [(doc, *(r.value for r in evaluate_cleaning(corpus, part).itertuples()))
               for doc, part in labels.groupby("doc_id", sort=True)]
    pages = pd.DataFrame(by_page, columns=["doc_id", "chrome_recall", "article_removed", "headline_removed",
                                           "stamps_removed"])
    return pd.DataFrame(rows, columns=["measure", "n", "value"]), pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "pages"])
    parser.add_argument("--by-page", action="store_true", help="also print cleaning figures per page")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args(argv)
    out = {}
    for folder in args.corpora:
        figures, pages = measure(folder)
        print(f"== {folder}")
        print(figures.to_string(index=False))
        if args.by_page:
            print(pages.to_string(index=False))
        out[folder.name] = {m: {"n": int(n), "value": v} for m, n, v in figures.itertuples(index=False)}
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
