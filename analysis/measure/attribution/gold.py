"""The hand annotation of quotations, and extraction measured against it."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError, Problem, display_path
from analysis.measure.attribution.sentences import extract_quotes
from analysis.paths import BUNDLED_CORPUS
from analysis.text.corpus import load_corpus
from analysis.text.csvfile import read_csv_rows
from analysis.text.tables import SIDES

GOLD_COLUMNS = ("doc_id", "para", "sent", "text", "kind", "speaker", "side", "meeting_id")
GOLD_FILE = Path("annotations") / "quotes_gold.csv"
KINDS = ("direct", "partial", "indirect")
#: The found_* columns of match_quotes: gold row field -> extracted column.
_FOUND = {"found_id": "quote_id", "found_kind": "kind", "found_speaker": "speaker", "found_side": "side",
          "found_meeting_id": "meeting_id"}


def _locate(row: dict, paras: dict, name: str, line: int) -> tuple[dict | None, list[Problem]]:
    """A gold row with ``para``, ``start`` and ``end`` in its paragraph, or None, and its problems."""
    try:
        key = (row["doc_id"], int(row["para"]))
    except ValueError:
        return None, [Problem(name, f"para {row['para']!r} is not a number", "give the paragraph number", line=line)]
    text = paras.get(key)
    if text is None:
        return None, [Problem(name, f"no paragraph {key[1]} in {key[0]!r}", "check doc_id and para", line=line)]
    # The text may keep its quotation marks (to tell “no” from "not"); the span excludes them.
    target = row["text"]
    start = text.find(target)
    if start >= 0 and target[:1] in "\u201c\"" and target[-1:] in "\u201d\"" and len(target) > 2:
        start, row = start + 1, {**row, "text": target[1:-1]}
    if start < 0 or not target:
        return None, [Problem(name, f"text {row['text'][:40]!r} not found in {key[0]} paragraph {key[1]}",
                              "copy the quoted words exactly as the paragraph has them", line=line)]
    problems = []
    if row["kind"] not in KINDS:
        problems.append(Problem(name, f"unknown kind {row['kind']!r}", "use direct, partial or indirect", line=line))
    if row["side"] not in SIDES:
        problems.append(Problem(name, f"unknown side {row['side']!r}", f"use one of {', '.join(SIDES)}", line=line))
    return {**row, "para": key[1], "start": start, "end": start + len(row["text"]), "gold_line": line}, problems


def load_gold(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """Read the hand annotation and locate each quote in its paragraph (adds ``start``/``end``).

    ``path`` defaults to ``<corpus>/annotations/quotes_gold.csv``. A row whose
    text is not found in its paragraph, or with an unknown kind or side, raises
    :class:`~analysis.errors.CorpusError` naming the file and line.

    >>> from analysis import load_corpus
    >>> gold = load_gold(corpus=load_corpus())
    >>> set(gold.kind) == {"direct", "partial", "indirect"}
    True
    """
    if corpus is None:
        corpus = load_corpus()
    path = Path(path) if path is not None else Path(corpus.path if corpus.path else BUNDLED_CORPUS) / GOLD_FILE
    rows, problems = read_csv_rows(path, GOLD_COLUMNS)
    name = display_path(path)
    paras = {(d, p): t for d, p, t in zip(*(corpus.paragraphs[c].tolist() for c in ("doc_id", "para", "text")))}
    out = []
    for line, row in rows:
        located, found = _locate(row, paras, name, line)
        problems += found
        if located is not None:
            out.append(located)
    if problems:
        raise CorpusError(problems)
    return pd.DataFrame(out, columns=[*GOLD_COLUMNS, "start", "end", "gold_line"])


def match_quotes(quotes: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair gold quotes with extracted ones: same doc and paragraph, overlapping spans.

    Each gold row takes the extracted row that overlaps it most and is not taken
    yet (a one-to-one matching, in gold order). Returns the gold rows with
    ``found_*`` columns (empty when no match).
    """
    candidates: dict[tuple, list[tuple[int, int, int, dict]]] = {}  # (doc, para) -> (row, start, end, found_*)
    columns = [quotes[c].tolist() for c in ("doc_id", "para", "start", "end", *_FOUND.values())]
    for i, (doc, para, start, end, *found) in enumerate(zip(*columns)):
        candidates.setdefault((doc, para), []).append((i, start, end, dict(zip(_FOUND, found))))
    taken: set[int] = set()
    out = []
    for g in gold.itertuples(index=False):
        best = None
        for i, start, end, found in candidates.get((g.doc_id, g.para), ()):
            ov = min(end, g.end) - max(start, g.start)
            if ov > 0 and i not in taken and (best is None or ov > best[0]):
                best = (ov, i, found)
        row = g._asdict()
        if best:
            taken.add(best[1])
        row.update(best[2] if best else dict.fromkeys(_FOUND, ""))
        out.append(row)
    return pd.DataFrame(out)


def evaluate_quotes(corpus, gold: pd.DataFrame | None = None) -> pd.DataFrame:
    """Precision and recall of extraction, accuracy of speaker, side, meeting and kind on matched quotes.

    Matching rule: a gold quote and an extracted row match when they are in the
    same document and paragraph and their character spans overlap (one to one).
    Precision = matched extracted rows / extracted rows; recall = matched gold
    rows / gold rows; the accuracies are over matched pairs. ``gold`` defaults
    to the corpus's ``annotations/quotes_gold.csv``.

    One row per measure, ``measure, n, value`` (``n``: what the value is a share
    of), as :func:`analysis.measure.evaluate.evaluate_scores` gives one row per measure.

    >>> from analysis import load_corpus
    >>> r = evaluate_quotes(load_corpus())
    >>> r["measure"].tolist()
    ['precision', 'recall', 'speaker_accuracy', 'side_accuracy', 'meeting_accuracy', 'kind_accuracy']
    >>> int(r.set_index("measure").at["recall", "n"])   # the gold quotations
    110
    """
    if gold is None:
        gold = load_gold(corpus=corpus)
    quotes = extract_quotes(corpus)
    m = match_quotes(quotes, gold)
    hit = m[m.found_id != ""] if len(m) else m
    n = len(hit)

    def share(k: int, of: int) -> float:
        return round(k / of, 3) if of else 0.0

    rows = [("precision", len(quotes), share(n, len(quotes))), ("recall", len(gold), share(n, len(gold)))]
    rows += [(f"{what}_accuracy", n, share(int((hit[what] == hit[f"found_{what}"]).sum()), n) if n else 0.0)
             for what in ("speaker", "side", "meeting_id", "kind")]
    frame = pd.DataFrame(rows, columns=["measure", "n", "value"])
    frame["measure"] = frame["measure"].replace({"meeting_id_accuracy": "meeting_accuracy"})
    return frame
