"""Cleaning rules versus jusText, measured against the hand labels in tests/data/boilerplate_labels.csv.

jusText classifies paragraphs as boilerplate from their length, stop-word
density and link density. Here each non-blank raw line is wrapped as an HTML
paragraph and given to jusText with its English stop list. jusText is not a
dependency of the project; install it to run this comparison:

    .venv/bin/pip install justext==3.0.2 lxml_html_clean==0.4.6
"""
from __future__ import annotations

import csv
import html
import sys
from pathlib import Path

from analysis import load_corpus

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "boilerplate_labels.csv"


def scores(predicted: set, gold: set, total: int) -> str:
    tp = len(predicted & gold)
    precision = tp / len(predicted) if predicted else float("nan")
    recall = tp / len(gold) if gold else float("nan")
    wrong = len(predicted - gold)
    return (f"precision {precision:.2f}, recall {recall:.2f} ({tp}/{len(gold)} boilerplate lines found, "
            f"{wrong} article lines removed by mistake, {total} lines in all)")


def main() -> None:
    corpus = load_corpus()
    with open(LABELS, encoding="utf-8") as fh:
        gold = {(r["doc_id"], int(r["line"])) for r in csv.DictReader(fh)}
    rules = set(zip(corpus.removed["doc_id"], corpus.removed["line"]))
    total = int(corpus.documents["n_lines"].sum())
    print("rules:  ", scores(rules, gold, total))

    try:
        import justext
    except ImportError:
        print("jusText not installed; see this script's docstring", file=sys.stderr)
        return
    stoplist = justext.get_stoplist("English")
    predicted = set()
    for doc in corpus.documents.itertuples():
        raw = (corpus.path / "raw" / doc.file).read_text(encoding="utf-8").split("\n")
        numbered = [(i, t.strip()) for i, t in enumerate(raw, 1) if t.strip()]
        page = "<html><body>" + "".join(f"<p>{html.escape(t)}</p>" for _, t in numbered) + "</body></html>"
        paragraphs = justext.justext(page.encode("utf-8"), stoplist)
        assert len(paragraphs) == len(numbered)
        predicted |= {(doc.doc_id, i) for (i, _), p in zip(numbered, paragraphs) if p.is_boilerplate}
    print("jusText:", scores(predicted, gold, total))
    for doc_id, line in sorted(predicted - gold):
        text = corpus.paragraphs.query("doc_id == @doc_id and line == @line")["text"].iloc[0]
        print(f"  jusText removed article text {doc_id}:{line}: {text[:80]}")


if __name__ == "__main__":
    main()
