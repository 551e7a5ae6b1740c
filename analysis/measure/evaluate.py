"""Scores against hand labels: precision/recall of the stance detectors and
agreement (accuracy, Cohen's kappa) of stock and diplomatic sentiment.

The labels are ``corpus/annotations/sentence_labels.csv`` (``doc_id, para,
sent, hedge, booster, directive, sentiment, text``), made by reading the
sentences; see ``corpus/annotations/README.md``.

>>> cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"])
0.5
>>> precision_recall([1, 1, 0, 0], [1, 0, 1, 0])
(0.5, 0.5)
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from analysis.paths import BUNDLED_CORPUS
from analysis.text.csvfile import read_csv_rows
from analysis.errors import CorpusError, Problem, display_path

LABELS = BUNDLED_CORPUS / "annotations" / "sentence_labels.csv"
LABEL_COLUMNS = ("doc_id", "para", "sent", "hedge", "booster", "directive", "sentiment")
SENTIMENTS = ("negative", "neutral", "positive")
#: label column -> scored column whose count > 0 means "present"
DETECTORS = {"hedge": "hedges", "booster": "boosters", "directive": "directives"}


def load_labels(path: str | Path | None = None) -> pd.DataFrame:
    """Read the hand labels strictly (0/1 flags, a known sentiment, unique keys)."""
    path = Path(path) if path else LABELS
    rows, problems = read_csv_rows(path, LABEL_COLUMNS)
    name = display_path(path)
    out, seen = [], {}
    for line, row in rows:
        bad = [c for c in ("hedge", "booster", "directive") if row[c] not in ("0", "1")]
        if bad:
            problems.append(Problem(name, f"{', '.join(bad)} must be 0 or 1", "write 1 when present, 0 when not", line=line))
            continue
        if row["sentiment"] not in SENTIMENTS:
            problems.append(Problem(name, f"sentiment {row['sentiment']!r} is unknown", f"use one of {', '.join(SENTIMENTS)}", line=line))
            continue
        if not (row["para"].isdigit() and row["sent"].isdigit()):
            problems.append(Problem(name, "para and sent must be whole numbers", "copy them from the sentences table", line=line))
            continue
        key = (row["doc_id"], int(row["para"]), int(row["sent"]))
        if key in seen:
            problems.append(Problem(name, f"sentence {key} is labelled twice (also line {seen[key]})", "keep one row", line=line))
            continue
        seen[key] = line
        out.append({**row, "para": key[1], "sent": key[2], **{c: int(row[c]) for c in DETECTORS}})
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(out)


def precision_recall(gold, predicted) -> tuple[float, float]:
    """Precision and recall of binary predictions (NaN when undefined)."""
    tp = sum(1 for g, p in zip(gold, predicted) if g and p)
    fp = sum(1 for g, p in zip(gold, predicted) if not g and p)
    fn = sum(1 for g, p in zip(gold, predicted) if g and not p)
    prec = tp / (tp + fp) if tp + fp else float("nan")
    rec = tp / (tp + fn) if tp + fn else float("nan")
    return prec, rec


def cohen_kappa(a, b) -> float:
    """Cohen's kappa between two label sequences."""
    a, b = list(a), list(b)
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def evaluate_scores(scored: pd.DataFrame, labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """Compare scored sentences with hand labels; one row per measure.

    Columns: ``measure`` (hedge, booster, directive, sentiment_stock,
    sentiment_diplomatic), ``n``, ``precision``, ``recall`` (detectors),
    ``accuracy``, ``kappa`` (sentiment), and the counts ``tp, fp, fn``.
    """
    labels = load_labels() if labels is None else labels
    keys = ["doc_id", "para", "sent"]
    m = labels.merge(scored, on=keys, how="inner", suffixes=("_gold", ""))
    if len(m) < len(labels):
        raise ValueError(f"{len(labels) - len(m)} labelled sentence(s) are not in the scored frame: "
                         "were the labels made on another corpus?")
    rows = []
    for gold, col in DETECTORS.items():
        g, p = m[gold].astype(bool).tolist(), (m[col] > 0).tolist()
        prec, rec = precision_recall(g, p)
        rows.append({"measure": gold, "n": len(m), "precision": round(prec, 3), "recall": round(rec, 3),
                     "tp": sum(x and y for x, y in zip(g, p)), "fp": sum(y and not x for x, y in zip(g, p)),
                     "fn": sum(x and not y for x, y in zip(g, p))})
    for name, col in (("sentiment_stock", "label"), ("sentiment_diplomatic", "label_diplomatic")):
        acc = float((m["sentiment"] == m[col]).mean())
        rows.append({"measure": name, "n": len(m), "accuracy": round(acc, 3),
                     "kappa": round(cohen_kappa(m["sentiment"], m[col]), 3)})
    cols = ["measure", "n", "precision", "recall", "tp", "fp", "fn", "accuracy", "kappa"]
    return pd.DataFrame(rows).reindex(columns=cols).astype({"tp": "Int64", "fp": "Int64", "fn": "Int64"})
