"""The hand annotation of quotations, and extraction measured against it."""
from __future__ import annotations

import re
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


def _find_in_document(target: str, doc_paras: list[tuple[int, str]]) -> tuple[int, int, int] | None:
    """``(para, start, end)`` of the first paragraph holding ``target``; white space may differ (joined lines)."""
    for para, text in doc_paras:
        start = text.find(target)
        if start >= 0:
            return para, start, start + len(target)
    words = target.split()
    if not words:
        return None
    loose = re.compile(r"\s+".join(map(re.escape, words)))
    for para, text in doc_paras:
        m = loose.search(text)
        if m:
            return para, m.start(), m.end()
    return None


def _place(row: dict, paras: dict, by_doc: dict, name: str, line: int) -> tuple[int, int, int] | Problem:
    """Where a gold row's text is: ``(para, start, end)``, or the problem that says why not.

    An empty ``para`` means "the first paragraph of the document that holds the text": gold made
    on raw pages, whose paragraph numbers depend on the cleaning."""
    target = row["text"]
    if not target:
        return Problem(name, "empty text", "copy the quoted words exactly as the paragraph has them", line=line)
    if not row["para"].strip():
        found = _find_in_document(target, by_doc.get(row["doc_id"], []))
        if found is None:
            return Problem(name, f"text {target[:40]!r} not found in {row['doc_id']!r}",
                           "copy the quoted words exactly as the document has them", line=line)
        return found
    try:
        key = (row["doc_id"], int(row["para"]))
    except ValueError:
        return Problem(name, f"para {row['para']!r} is not a number", "give the paragraph number", line=line)
    text = paras.get(key)
    if text is None:
        return Problem(name, f"no paragraph {key[1]} in {key[0]!r}", "check doc_id and para", line=line)
    start = text.find(target)
    if start < 0:
        return Problem(name, f"text {target[:40]!r} not found in {key[0]} paragraph {key[1]}",
                       "copy the quoted words exactly as the paragraph has them", line=line)
    return key[1], start, start + len(target)


def _locate(row: dict, paras: dict, by_doc: dict, name: str, line: int,
            missing: str = "raise") -> tuple[dict | None, list[Problem]]:
    """A gold row with ``para``, ``start`` and ``end`` in its paragraph, or None, and its problems.

    With ``missing="keep"``, a row whose text is not in the corpus is kept with ``para`` 0 (it then
    matches nothing, so it counts against recall): on raw pages, cleaning may have removed it."""
    # The text may keep its quotation marks (to tell “no” from "not"); the span excludes them.
    target = row["text"]
    if target[:1] in "\u201c\"" and target[-1:] in "\u201d\"" and len(target) > 2:
        row = {**row, "text": target[1:-1]}
    placed = _place(row, paras, by_doc, name, line)
    problems = []
    if isinstance(placed, Problem):
        if missing != "keep" or "not found" not in placed.message:
            return None, [placed]
        placed = (0, 0, 0)
    if row["kind"] not in KINDS:
        problems.append(Problem(name, f"unknown kind {row['kind']!r}", "use direct, partial or indirect", line=line))
    if row["side"] not in SIDES:
        problems.append(Problem(name, f"unknown side {row['side']!r}", f"use one of {', '.join(SIDES)}", line=line))
    para, start, end = placed
    return {**row, "para": para, "start": start, "end": end, "gold_line": line}, problems


def load_gold(path: str | Path | None = None, corpus=None, missing: str = "raise") -> pd.DataFrame:
    """Read the hand annotation and locate each quote in its paragraph (adds ``start``/``end``).

    ``path`` defaults to ``<corpus>/annotations/quotes_gold.csv``. A row whose
    text is not found in its paragraph, or with an unknown kind or side, raises
    :class:`~analysis.errors.CorpusError` naming the file and line. A row may
    leave ``para`` and ``sent`` empty: its text is then looked for in the whole
    document (gold made by reading raw pages, before cleaning numbers their
    paragraphs); with ``missing="keep"`` such a row whose text is not found is
    kept with ``para`` 0, so it counts as a quotation the corpus lost.

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
    if missing not in ("raise", "keep"):
        raise ValueError(f"missing must be 'raise' or 'keep', not {missing!r}")
    paras = {(d, p): t for d, p, t in zip(*(corpus.paragraphs[c].tolist() for c in ("doc_id", "para", "text")))}
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for (doc, para), text in paras.items():
        by_doc.setdefault(doc, []).append((para, text))
    out = []
    for line, row in rows:
        located, found = _locate(row, paras, by_doc, name, line, missing)
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
