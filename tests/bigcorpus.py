"""A big synthetic corpus for the figure tests: 73 documents about 15 meetings, built from the bundled five.

Every document is a variant of one bundled article (``corpus/raw``): document
``k`` takes article ``k % 5`` and keeps its short lines (headline, subheadings,
boilerplate) but only some of its long paragraphs, chosen by ``k``; each kept
paragraph ends with its own sentence ("Variant k."), and some variants swap a
few words for their opposites so the sentiment varies. Nothing random: the
same call writes the same files.

The tables: ``speakers.csv`` is the bundled one plus one speaker;
``meetings.csv`` lists the bundled 14 meetings plus one, in an order that is
not their date order, with full, partial (``2023-05``, ``2023``) and empty
dates. Most documents are given a meeting (``articles.csv`` ``meeting_id``); the
first five (whole copies) are left for attribution to place.

Only the five seed articles are used (found by checksum, as in
``tests/helpers.py``), whatever else has been added to ``corpus/``.

``python -m tests.bigcorpus DEST`` writes one to look at.
"""
from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

from analysis.paths import BUNDLED_CORPUS
from tests.helpers import SEED_DIGESTS

#: As many documents and meetings as the corpus the figures must stay legible for.
N_DOCS, N_MEETINGS = 73, 15
#: A line of more words than this is a paragraph that may be dropped (shorter ones are headlines, boilerplate).
PARAGRAPH_MIN_WORDS = 13
#: A variant keeps paragraph ``i`` (after the first) when ``(i + k) % KEEP_CYCLE`` is in KEPT:
#: 2 in 5, so analysing stays fast.
KEEP_CYCLE, KEPT = 5, (3, 4)
#: Word swaps applied to variants ``k`` with ``(k // 5) % 3`` = 1 or 2 (whole words, case kept for the first letter).
SWAPS = {
    1: {"constructive": "hostile", "candid": "tense", "progress": "setbacks", "stability": "turmoil",
        "positive": "negative", "cooperation": "confrontation"},
    2: {"tensions": "ties", "risk": "hope", "concerns": "hopes", "difficult": "productive",
        "competition": "partnership", "not": "surely"},
}

#: The extra meeting and its participant (added to the bundled tables).
EXTRA_MEETING = {"meeting_id": "kerry-xie-climate", "place": "Beijing",
                 "participants": "John Kerry;Xie Zhenhua",
                 "description": "Climate talks between the two envoys (synthetic, for the figure tests)"}
EXTRA_SPEAKER = {"name": "Xie Zhenhua", "aliases": "Xie", "side": "china", "role": "Chinese climate envoy"}
#: Each meeting's date in the big corpus, listed in the order meetings.csv gets (not date order).
DATES = {
    "blinken-xi-meeting": "2023-06-19", "kerry-xie-climate": "2023-07-17", "trip-announcement": "",
    "biden-xi-bali": "2022-11-14", "sullivan-wang-vienna": "2023-05", "cnn-zakaria-interview": "",
    "blinken-qin-talks": "2023-06-18", "state-dept-briefing-call": "2023-06-14", "wang-wenbin-briefing": "2023",
    "blinken-wang-munich": "2023-02-18", "blinken-qin-call": "2023-06-13", "blinken-departure-remarks": "",
    "blinken-wang-talks": "2023-06-19", "blinken-beijing-press-conference": "2023-06-19",
    "cbs-face-the-nation-interview": "2023-06-18",
}
#: Documents left without a meeting_id, so attribution places their statements.
UNPLACED_DOCS = 5


def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, fields: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _swap(line: str, swaps: dict[str, str]) -> str:
    def repl(m: re.Match) -> str:
        new = swaps[m.group(0).lower()]
        return new[0].upper() + new[1:] if m.group(0)[0].isupper() else new

    return re.sub(r"\b(" + "|".join(swaps) + r")\b", repl, line, flags=re.IGNORECASE) if swaps else line


def variant(text: str, k: int) -> str:
    """Variant ``k`` of an article's text: some long paragraphs dropped, each kept one tagged, words swapped."""
    swaps = SWAPS.get((k // 5) % 3, {})
    out, para = [], 0
    for line in text.split("\n"):
        if len(line.split()) < PARAGRAPH_MIN_WORDS:
            out.append(line)
            continue
        para += 1
        if k >= UNPLACED_DOCS and para > 1 and (para + k) % KEEP_CYCLE not in KEPT:
            continue
        out.append(f"{_swap(line.rstrip(), swaps)} Variant {k}.")
    return "\n".join(out)


def _meetings(dest: Path) -> list[str]:
    """Write meetings.csv (bundled rows re-dated, plus the extra one, in :data:`DATES` order); its ids."""
    fields, rows = _read_csv(BUNDLED_CORPUS / "meetings.csv")
    by_id = {r["meeting_id"]: r for r in rows}
    by_id[EXTRA_MEETING["meeting_id"]] = {f: EXTRA_MEETING.get(f, "") for f in fields}
    out = [{**by_id[m], "date": d} for m, d in DATES.items()]
    _write_csv(dest / "meetings.csv", fields, out)
    fields, speakers = _read_csv(BUNDLED_CORPUS / "speakers.csv")
    _write_csv(dest / "speakers.csv", fields, [*speakers, {f: EXTRA_SPEAKER.get(f, "") for f in fields}])
    return list(DATES)


def write_big_corpus(dest: str | Path, n_docs: int = N_DOCS) -> Path:
    """Write the corpus folder ``dest`` (raw/, articles.csv, speakers.csv, meetings.csv); returns it."""
    dest = Path(dest)
    (dest / "raw").mkdir(parents=True, exist_ok=True)
    meetings = _meetings(dest)
    fields, rows = _read_csv(BUNDLED_CORPUS / "articles.csv")
    rows = [r for r in rows if _digest(BUNDLED_CORPUS / "raw" / r["file"]) in SEED_DIGESTS]
    fields = [*fields, *(f for f in ("meeting_id",) if f not in fields)]
    out = []
    for k in range(n_docs):
        row = rows[k % len(rows)]
        name = f"{k:03d}_{row['file']}"
        text = (BUNDLED_CORPUS / "raw" / row["file"]).read_text(encoding="utf-8")
        (dest / "raw" / name).write_text(variant(text, k), encoding="utf-8")
        # (k + k // 5) rather than k: every article (k % 5) is about every meeting in turn.
        meeting = "" if k < UNPLACED_DOCS else meetings[(k + k // 5) % len(meetings)]
        out.append({**row, "doc_id": f"{row['doc_id']}-{k:02d}", "file": name, "meeting_id": meeting,
                    "notes": f"synthetic variant {k} of {row['doc_id']} (tests/bigcorpus.py)"})
    _write_csv(dest / "articles.csv", fields, out)
    return dest


if __name__ == "__main__":
    print(write_big_corpus(sys.argv[1] if len(sys.argv) > 1 else "big-corpus"))
