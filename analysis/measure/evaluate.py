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


# --------------------------------------------------------------------------- sentences in the register of readouts

READOUT_COLUMNS = ("id", "set", "side", "text", "directive", "addressee", "hedge", "booster", "sentiment", "topics")
READOUT_SETS = ("tune", "heldout")
READOUT_SIDES = ("us", "china")
ADDRESSEES = ("us", "china", "both", "self", "other")
#: scored count column -> the addressee it stands for (``self_obligations`` is the speaker's own side)
ADDRESSEE_COLUMNS = {"directives_us": "us", "directives_china": "china", "directives_both": "both",
                     "directives_other": "other", "self_obligations": "self"}
#: a gold directive is any obligation or request, the speaker's own included (``addressee`` may be ``self``):
#: a sentence counts as found when any of these columns is above 0
DIRECTIVE_FOUND = ("directives", "self_obligations")


def _split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _readout_problems(name: str, line: int, row: dict) -> list[Problem]:
    """What is wrong with one row of the readout sentences (empty when nothing)."""
    out = []
    flags = [c for c in ("directive", "hedge", "booster") if row[c] not in ("0", "1")]
    if flags:
        out.append(Problem(name, f"{', '.join(flags)} must be 0 or 1", "write 1 when present, 0 when not", line=line))
    if row["set"] not in READOUT_SETS:
        out.append(Problem(name, f"set {row['set']!r} is unknown", f"use one of {', '.join(READOUT_SETS)}", line=line))
    if row["side"] not in READOUT_SIDES:
        out.append(Problem(name, f"side {row['side']!r} is unknown", f"use one of {', '.join(READOUT_SIDES)}", line=line))
    if row["sentiment"] not in SENTIMENTS:
        out.append(Problem(name, f"sentiment {row['sentiment']!r} is unknown", f"use one of {', '.join(SENTIMENTS)}", line=line))
    bad = [a for a in _split_list(row["addressee"]) if a not in ADDRESSEES]
    if bad:
        out.append(Problem(name, f"addressee {', '.join(bad)} unknown", f"use one or more of {', '.join(ADDRESSEES)}, "
                           "joined by ;", line=line))
    if row["directive"] == "1" and not _split_list(row["addressee"]):
        out.append(Problem(name, "a directive without an addressee", "name who must act, or write directive 0", line=line))
    return out


def load_readout_sentences(path: str | Path, which: str | None = "tune") -> pd.DataFrame:
    """Read the labelled readout-style sentences strictly; keep the rows of set ``which`` (None: all).

    Only the rows of ``which`` are checked and returned (the ids of all rows must be unique).
    Columns as in the file; ``directive, hedge, booster`` as ints, ``addressee`` and ``topics``
    as sorted tuples (an addressee list is compared as a set).
    """
    path = Path(path)
    rows, problems = read_csv_rows(path, READOUT_COLUMNS)
    name = display_path(path)
    out, seen = [], {}
    for line, row in rows:
        if row["id"] in seen:
            problems.append(Problem(name, f"id {row['id']!r} is used twice (also line {seen[row['id']]})",
                                    "give each sentence its own id", line=line))
        seen.setdefault(row["id"], line)
        if which is not None and row["set"] in READOUT_SETS and row["set"] != which:
            continue  # another set's rows are not read (the held-out rows stay unseen while tuning)
        found = _readout_problems(name, line, row)
        problems += found
        if found:
            continue
        out.append({**row, **{c: int(row[c]) for c in ("directive", "hedge", "booster")},
                    "addressee": tuple(sorted(set(_split_list(row["addressee"])))),
                    "topics": tuple(sorted(set(_split_list(row["topics"]))))})
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(out, columns=list(READOUT_COLUMNS))


def readout_frame(labels: pd.DataFrame) -> pd.DataFrame:
    """The sentence frame the scorer takes: ``doc_id`` (the id), ``para``, ``sent``, ``text``, ``side``.

    >>> readout_frame(pd.DataFrame({"id": ["r1"], "side": ["us"], "text": ["We must act."]})).values.tolist()
    [['r1', 1, 1, 'We must act.', 'us']]
    """
    return pd.DataFrame({"doc_id": labels["id"].astype(str).tolist(), "para": 1, "sent": 1,
                         "text": labels["text"].tolist(), "side": labels["side"].tolist()})


def predicted_addressees(row) -> tuple[str, ...]:
    """The addressees of a scored sentence: those whose count column is above 0 (sorted).

    >>> predicted_addressees({"directives_us": 2, "directives_china": 0, "self_obligations": 1})
    ('self', 'us')
    """
    return tuple(sorted(a for c, a in ADDRESSEE_COLUMNS.items() if (row.get(c) or 0) > 0))


def _kappa(a, b) -> float:
    """Cohen's kappa: scikit-learn's ``cohen_kappa_score`` when installed, else :func:`cohen_kappa`."""
    try:
        from sklearn.metrics import cohen_kappa_score
    except ImportError:  # pragma: no cover - scikit-learn is a dependency
        return cohen_kappa(a, b)
    a, b = list(a), list(b)
    return 1.0 if len(set(a) | set(b)) == 1 else float(cohen_kappa_score(a, b))


def _detector_row(measure: str, gold, predicted) -> dict:
    g, p = [bool(x) for x in gold], [bool(x) for x in predicted]
    prec, rec = precision_recall(g, p)
    return {"measure": measure, "n": len(g), "precision": round(prec, 3), "recall": round(rec, 3),
            "tp": sum(x and y for x, y in zip(g, p)), "fp": sum(y and not x for x, y in zip(g, p)),
            "fn": sum(x and not y for x, y in zip(g, p))}


def _set_row(measure: str, gold: list[tuple], predicted: list[tuple]) -> dict:
    """Micro precision and recall over (sentence, item) pairs."""
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, predicted))
    fp = sum(len(set(p) - set(g)) for g, p in zip(gold, predicted))
    fn = sum(len(set(g) - set(p)) for g, p in zip(gold, predicted))
    return {"measure": measure, "n": len(gold), "precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
            "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"), "tp": tp, "fp": fp, "fn": fn}


def evaluate_readouts(scored: pd.DataFrame, labels: pd.DataFrame, topics: pd.DataFrame | None = None) -> pd.DataFrame:
    """Scored readout sentences against their labels; one row per measure (as :func:`evaluate_scores`).

    ``scored`` is :func:`~analysis.measure.scoring.score_sentences` of :func:`readout_frame` (same
    order as ``labels``). Measures: ``directive`` (found = any of :data:`DIRECTIVE_FOUND` above 0),
    ``hedge``, ``booster``; ``addressee``: on the gold directives that were found, the share whose set
    of predicted addressees (:func:`predicted_addressees`) equals the gold set exactly (``n`` = those
    sentences; NaN when the scorer gives no addressee columns); ``sentiment_stock`` and
    ``sentiment_diplomatic``: accuracy and Cohen's kappa of the labels at ±0.05; ``topics`` (when
    ``topics`` is given: a frame with a semicolon-joined ``topics`` column in the same order): micro
    precision and recall over (sentence, topic) pairs.
    """
    if len(scored) != len(labels):
        raise ValueError(f"{len(scored)} scored sentences for {len(labels)} labels: score readout_frame(labels)")
    recs = scored.to_dict("records")
    found = [any((r.get(c) or 0) > 0 for c in DIRECTIVE_FOUND) for r in recs]
    rows = [_detector_row("directive", labels["directive"], found),
            _detector_row("hedge", labels["hedge"], scored["hedges"] > 0),
            _detector_row("booster", labels["booster"], scored["boosters"] > 0)]
    both = [(g, predicted_addressees(r)) for g, r, d, f in
            zip(labels["addressee"], recs, labels["directive"], found) if d and f]
    has_columns = all(c in scored.columns for c in ADDRESSEE_COLUMNS)
    right = sum(tuple(sorted(g)) == p for g, p in both)
    rows.append({"measure": "addressee", "n": len(both),
                 "accuracy": round(right / len(both), 3) if both and has_columns else float("nan")})
    for name, col in (("sentiment_stock", "label"), ("sentiment_diplomatic", "label_diplomatic")):
        rows.append({"measure": name, "n": len(labels),
                     "accuracy": round(float((labels["sentiment"].to_numpy() == scored[col].to_numpy()).mean()), 3),
                     "kappa": round(_kappa(labels["sentiment"], scored[col]), 3)})
    if topics is not None:
        got = [tuple(_split_list(str(t) if isinstance(t, str) else "")) for t in topics["topics"]]
        rows.append(_set_row("topics", list(labels["topics"]), got))
    cols = ["measure", "n", "precision", "recall", "tp", "fp", "fn", "accuracy", "kappa"]
    return pd.DataFrame(rows).reindex(columns=cols).astype({"tp": "Int64", "fp": "Int64", "fn": "Int64"})
