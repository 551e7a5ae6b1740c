#!/usr/bin/env python3
"""Check the hand labels of tests/data/pages against its raw files (standard library only).

    python tests/data/pages/validate_labels.py [FOLDER]

Checks that:
  * every article in articles.csv has its raw file, and every raw file an article;
  * every non-blank raw line has exactly one row in annotations/lines.csv, and no row
    points at a blank or missing line; labels are article / headline / chrome, every
    row has a kind; a "glued date stamp: X" kind names text that starts its line;
  * every quotes_gold text is a verbatim substring of its raw file, unique there, on
    one line, of an article line; para and sent are empty; kind is direct / partial /
    indirect; the speaker is in speakers.csv and the side is that speaker's side (or,
    with no speaker, one of the four sides); every meeting_id is in meetings.csv and
    not dated after the page's published date;
  * every transcript_lines row is a non-blank article line, its speaker (if any) is
    in speakers.csv with that side;
  * voices.csv ranges lie inside their file, start and end on non-blank lines, do not
    overlap, and name known voices and meetings;
  * documents.csv has one row per article, lang en / zh / mixed, mostly_english yes / no;
  * speakers.csv aliases point to one speaker only; meetings.csv participants are speakers;
  * articles.csv notes start "Written for the tests (not a real text): ".

Exits 1 with one message per problem, 0 when all is well.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

SIDES = {"us", "china", "third-party", "press"}
LABELS = {"article", "headline", "chrome"}
KINDS = {"direct", "partial", "indirect"}
NOTE_PREFIX = "Written for the tests (not a real text): "


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def main(folder: Path) -> int:
    problems: list[str] = []

    def bad(where: str, msg: str) -> None:
        problems.append(f"{where}: {msg}")

    articles = read(folder / "articles.csv")
    speakers = read(folder / "speakers.csv")
    meetings = read(folder / "meetings.csv")
    voices = read(folder / "voices.csv")
    lines = read(folder / "annotations" / "lines.csv")
    gold = read(folder / "annotations" / "quotes_gold.csv")
    turns = read(folder / "annotations" / "transcript_lines.csv")
    documents = read(folder / "annotations" / "documents.csv")

    # ------------------------------------------------------------ tables
    side_of = {}
    alias_owner: dict[str, str] = {}
    for i, s in enumerate(speakers, 2):
        if s["side"] not in SIDES:
            bad(f"speakers.csv:{i}", f"unknown side {s['side']!r}")
        if s["name"] in side_of:
            bad(f"speakers.csv:{i}", f"speaker {s['name']!r} listed twice")
        side_of[s["name"]] = s["side"]
        for a in [s["name"], *s["aliases"].split(";")]:
            a = a.strip().replace("’", "'").lower()
            if a and alias_owner.setdefault(a, s["name"]) != s["name"]:
                bad(f"speakers.csv:{i}", f"alias {a!r} also belongs to {alias_owner[a]!r}")
    meeting_date = {}
    for i, m in enumerate(meetings, 2):
        meeting_date[m["meeting_id"]] = m["date"]
        for p in filter(None, (x.strip() for x in m["participants"].split(";"))):
            if p not in side_of:
                bad(f"meetings.csv:{i}", f"participant {p!r} is not in speakers.csv")

    docs = {}
    for i, a in enumerate(articles, 2):
        if a["doc_id"] in docs:
            bad(f"articles.csv:{i}", f"doc_id {a['doc_id']!r} twice")
        docs[a["doc_id"]] = a
        if a["voice"] not in SIDES:
            bad(f"articles.csv:{i}", f"unknown voice {a['voice']!r}")
        if a["meeting_id"] and a["meeting_id"] not in meeting_date:
            bad(f"articles.csv:{i}", f"meeting_id {a['meeting_id']!r} not in meetings.csv")
        if not a["notes"].startswith(NOTE_PREFIX):
            bad(f"articles.csv:{i}", f"notes must start {NOTE_PREFIX!r}")

    raw: dict[str, list[str]] = {}
    text: dict[str, str] = {}
    for doc_id, a in docs.items():
        path = folder / "raw" / a["file"]
        if not path.is_file():
            bad("articles.csv", f"{doc_id}: raw file {a['file']} not found")
            continue
        text[doc_id] = path.read_text(encoding="utf-8")
        raw[doc_id] = text[doc_id].split("\n")
    listed = {a["file"] for a in docs.values()}
    for f in sorted((folder / "raw").iterdir()):
        if f.is_file() and f.name not in listed:
            bad(f"raw/{f.name}", "file has no articles.csv row")

    def nonblank(doc_id: str, n: int) -> bool:
        return 1 <= n <= len(raw[doc_id]) and raw[doc_id][n - 1].strip() != ""

    # ------------------------------------------------------------ lines.csv
    label_at: dict[tuple[str, int], str] = {}
    seen = Counter()
    for i, r in enumerate(lines, 2):
        where = f"annotations/lines.csv:{i}"
        if r["doc_id"] not in raw:
            bad(where, f"unknown doc_id {r['doc_id']!r}")
            continue
        n = int(r["line"])
        seen[(r["doc_id"], n)] += 1
        if not nonblank(r["doc_id"], n):
            bad(where, f"{r['doc_id']} line {n} is blank or missing")
        if r["label"] not in LABELS:
            bad(where, f"label {r['label']!r} is not one of {sorted(LABELS)}")
        if not r["kind"].strip():
            bad(where, "empty kind")
        if r["kind"].startswith("glued date stamp: "):
            stamp = r["kind"][len("glued date stamp: "):]
            if r["label"] != "article" or not raw[r["doc_id"]][n - 1].startswith(stamp):
                bad(where, f"glued stamp {stamp!r} does not start article line {n}")
        label_at[(r["doc_id"], n)] = r["label"]
    for key, c in seen.items():
        if c > 1:
            bad("annotations/lines.csv", f"{key[0]} line {key[1]} has {c} rows")
    for doc_id, ls in raw.items():
        for n, t in enumerate(ls, 1):
            if t.strip() and (doc_id, n) not in seen:
                bad("annotations/lines.csv", f"{doc_id} line {n} has no row: {t[:60]!r}")

    # ------------------------------------------------------------ quotes_gold.csv
    per_doc_texts = defaultdict(set)
    for i, g in enumerate(gold, 2):
        where = f"annotations/quotes_gold.csv:{i}"
        d = g["doc_id"]
        if d not in raw:
            bad(where, f"unknown doc_id {d!r}")
            continue
        t = g["text"]
        if g["para"] or g["sent"]:
            bad(where, "para and sent must be empty")
        if len(t.split()) < 4 and not any("\u4e00" <= ch <= "\u9fff" for ch in t):
            bad(where, f"text {t!r} has fewer than 4 words")
        count = text[d].count(t)
        if count != 1:
            bad(where, f"text {t!r} occurs {count} times in {docs[d]['file']}")
        elif "\n" in t:
            bad(where, f"text {t!r} spans a line break")
        else:
            n = text[d][: text[d].index(t)].count("\n") + 1
            if label_at.get((d, n)) != "article":
                bad(where, f"text {t!r} is on line {n}, which is not an article line")
        if t in per_doc_texts[d]:
            bad(where, f"text {t!r} has two rows")
        per_doc_texts[d].add(t)
        if g["kind"] not in KINDS:
            bad(where, f"kind {g['kind']!r} is not one of {sorted(KINDS)}")
        if g["speaker"]:
            if g["speaker"] not in side_of:
                bad(where, f"speaker {g['speaker']!r} not in speakers.csv")
            elif g["side"] != side_of[g["speaker"]]:
                bad(where, f"side {g['side']!r} is not {g['speaker']}'s side {side_of[g['speaker']]!r}")
        elif g["side"] not in SIDES:
            bad(where, f"side {g['side']!r} is not one of {sorted(SIDES)}")
        if g["meeting_id"]:
            if g["meeting_id"] not in meeting_date:
                bad(where, f"meeting_id {g['meeting_id']!r} not in meetings.csv")
            elif docs[d]["published"] and meeting_date[g["meeting_id"]] > docs[d]["published"]:
                bad(where, f"meeting {g['meeting_id']} is dated after the page ({docs[d]['published']})")

    # ------------------------------------------------------------ transcript_lines.csv
    for i, r in enumerate(turns, 2):
        where = f"annotations/transcript_lines.csv:{i}"
        d = r["doc_id"]
        if d not in raw:
            bad(where, f"unknown doc_id {d!r}")
            continue
        n = int(r["line"])
        if not nonblank(d, n):
            bad(where, f"{d} line {n} is blank or missing")
        elif label_at.get((d, n)) != "article":
            bad(where, f"{d} line {n} is not an article line")
        if r["side"] not in SIDES:
            bad(where, f"side {r['side']!r} is not one of {sorted(SIDES)}")
        if r["speaker"] and side_of.get(r["speaker"]) != r["side"]:
            bad(where, f"speaker {r['speaker']!r} not in speakers.csv with side {r['side']!r}")

    # ------------------------------------------------------------ voices.csv
    spans = defaultdict(list)
    for i, v in enumerate(voices, 2):
        where = f"voices.csv:{i}"
        d = v["doc_id"]
        if d not in raw:
            bad(where, f"unknown doc_id {d!r}")
            continue
        a, b = int(v["first_line"]), int(v["last_line"])
        if not (a <= b and nonblank(d, a) and nonblank(d, b)):
            bad(where, f"range {a}-{b} must start and end on non-blank lines of {d}")
        if v["voice"] not in SIDES:
            bad(where, f"unknown voice {v['voice']!r}")
        if v["meeting_id"] and v["meeting_id"] not in meeting_date:
            bad(where, f"meeting_id {v['meeting_id']!r} not in meetings.csv")
        for a2, b2 in spans[d]:
            if a <= b2 and a2 <= b:
                bad(where, f"range {a}-{b} overlaps {a2}-{b2}")
        spans[d].append((a, b))

    # ------------------------------------------------------------ documents.csv
    doc_rows = Counter(r["doc_id"] for r in documents)
    for d in docs:
        if doc_rows[d] != 1:
            bad("annotations/documents.csv", f"{d} has {doc_rows[d]} rows")
    for i, r in enumerate(documents, 2):
        if r["doc_id"] not in docs:
            bad(f"annotations/documents.csv:{i}", f"unknown doc_id {r['doc_id']!r}")
        if r["lang"] not in {"en", "zh", "mixed"}:
            bad(f"annotations/documents.csv:{i}", f"lang {r['lang']!r}")
        if r["mostly_english"] not in {"yes", "no"}:
            bad(f"annotations/documents.csv:{i}", f"mostly_english {r['mostly_english']!r}")

    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s)")
        return 1
    n_lines = len(lines)
    print(f"ok: {len(docs)} pages, {n_lines} labelled lines, {len(gold)} quotations, "
          f"{len(turns)} transcript lines, {len(voices)} voice ranges")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent))
