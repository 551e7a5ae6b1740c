"""Loading a corpus kept as one file per article (raw/) against the same corpus in one texts.jsonl.

Run with ``.venv/bin/python benchmarks/bench_table.py [--sizes 10000 100000] [--repeat 3] [--large-repeat 1]``.
For each size, short documents (about 100 words in two lines, every text unique, words drawn
at random, with a seeded generator, from the word stream of the bundled articles, so the texts read
as English to the language rules and every run writes the same corpora) are written to a
temporary folder twice: as ``raw/<doc_id>.txt`` files and as one ``texts.jsonl``, with the same
articles.csv (but its ``file`` column) and a recorded ``checksums.sha256``. Then, each in a fresh
process (so each peak RSS is its own), ``read_valid`` (read and validate: what the format
changes) and ``load_corpus`` (read, validate, clean, split) are timed ``--repeat`` times; the
medians are reported. ``load_corpus`` of :data:`LARGE` documents or more runs ``--large-repeat``
times (one run: about three minutes a format at 100,000 documents, and the cleaning it times is
the same for both formats). The files were just written, so they are in the page cache: this measures
the work of the loader, not of the disk.

Prints a markdown table and writes it to ``benchmarks/table.md``.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # this checkout's package, whichever one is installed
SIZES = (10_000, 100_000)
SEED = 15
#: From this many documents ``load_corpus`` is run ``--large-repeat`` times.
LARGE = 50_000
HEADER = ["doc_id", "file", "title", "outlet", "published", "voice", "meeting_id", "notes"]


def _tokens() -> list[str]:
    """Every word of the bundled articles, in order and with repeats (so a draw from it gives "the" and
    "said" as often as English does, and the language rules read the texts as English)."""
    from analysis import load_corpus
    from analysis.text.tokens import tokenize

    return [w for t in load_corpus().sentences["text"] for w in tokenize(t, lower=False) if w.isalpha()]


def documents(n: int, seed: int = SEED) -> list[str]:
    """``n`` unique texts of about 100 words: two lines of a few sentences each."""
    rng = random.Random(seed)
    vocab = _tokens()
    texts, seen = [], set()
    while len(texts) < n:
        lines = []
        for _ in range(2):
            sentences = [" ".join(rng.choice(vocab) for _ in range(rng.randint(10, 15))) for _ in range(4)]
            lines.append(" ".join(s[0].upper() + s[1:] + "." for s in sentences))
        text = "\n".join(lines) + "\n"
        if text not in seen:  # with some 30,000 words to draw from a repeat is all but impossible; make sure
            seen.add(text)
            texts.append(text)
    return texts


def write_corpora(texts: list[str], root: Path) -> tuple[Path, Path]:
    """The same corpus twice under ``root``: ``files/`` (raw/) and ``table/`` (texts.jsonl)."""
    from analysis.text.corpus import write_checksums

    ids = [f"doc-{i:06d}" for i in range(len(texts))]
    files, table = root / "files", root / "table"
    (files / "raw").mkdir(parents=True)
    table.mkdir()
    for doc_id, text in zip(ids, texts):
        (files / "raw" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    with open(table / "texts.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"doc_id": d, "text": t}, ensure_ascii=False) + "\n" for d, t in zip(ids, texts))
    for folder, file_of in ((files, lambda d: f"{d}.txt"), (table, lambda d: "texts.jsonl")):
        with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(HEADER)
            w.writerows([d, file_of(d), "unknown", "unknown", "", "press", "", ""] for d in ids)
        write_checksums(folder)
    return files, table


def child(stage: str, path: str) -> None:
    """In a fresh process: run one stage once; print its seconds and this process's peak RSS (MB)."""
    from analysis.text.corpus import load_corpus, read_valid

    start = time.perf_counter()
    result = read_valid(Path(path)) if stage == "read_valid" else load_corpus(path)
    seconds = time.perf_counter() - start
    n = len(result.articles) if stage == "read_valid" else len(result.documents)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "n": n}))


def measure(stage: str, path: Path, repeat: int, expected: int) -> tuple[float, float]:
    """Median seconds and the largest peak RSS of ``repeat`` fresh-process runs."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--child", stage, str(path)], capture_output=True,
                             text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        assert runs[-1]["n"] == expected, runs[-1]
    return statistics.median(r["seconds"] for r in runs), max(r["peak_mb"] for r in runs)


def disk(folder: Path) -> tuple[int, int]:
    """(files, bytes) of a corpus's texts: raw/ or texts.jsonl."""
    found = [f for f in folder.rglob("*") if f.is_file() and (f.parent.name == "raw" or f.name == "texts.jsonl")]
    return len(found), sum(f.stat().st_size for f in found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--large-repeat", type=int, default=1)
    ap.add_argument("--child", nargs=2, metavar=("STAGE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    rows = []
    for n in args.sizes:
        texts = documents(n)
        words = sum(len(t.split()) for t in texts)
        with tempfile.TemporaryDirectory(prefix="bench-table-") as tmp:
            start = time.perf_counter()
            corpora = write_corpora(texts, Path(tmp))
            print(f"{n:,} documents ({words:,} words) written in {time.perf_counter() - start:.1f} s",
                  file=sys.stderr)
            for kind, folder in zip(("raw/ files", "texts.jsonl"), corpora):
                count, size = disk(folder)
                for stage in ("read_valid", "load_corpus"):
                    runs = args.large_repeat if stage == "load_corpus" and n >= LARGE else args.repeat
                    seconds, peak = measure(stage, folder, runs, n)
                    rows.append((n, words, kind, count, size, stage, runs, seconds, peak))
                    print(f"  {kind:12} {stage:12} {seconds:7.2f} s  peak {peak:6.0f} MB", file=sys.stderr)
            shutil.rmtree(tmp, ignore_errors=True)
    table = markdown(rows)
    print(table)
    (HERE / "table.md").write_text(table, encoding="utf-8")


def markdown(rows: list[tuple]) -> str:
    lines = ["Seconds: the median of `runs` fresh-process runs (files in the page cache); peak RSS of the "
             "process, imports included. Made by `benchmarks/bench_table.py`.", "",
             "| documents | words | texts as | files | MB on disk | stage | runs | seconds | docs/s | peak RSS MB |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for n, words, kind, count, size, stage, runs, seconds, peak in rows:
        lines.append(f"| {n:,} | {words:,} | {kind} | {count:,} | {size / 1e6:.1f} | `{stage}` | {runs} | "
                     f"{seconds:.2f} | {n / seconds:,.0f} | {peak:.0f} |")
    by = {(r[0], r[2], r[5]): r[7] for r in rows}
    lines.append("")
    for n in dict.fromkeys(r[0] for r in rows):
        parts = [f"`{s}` {by[(n, 'texts.jsonl', s)] / by[(n, 'raw/ files', s)]:.2f}×"
                 for s in ("read_valid", "load_corpus") if (n, "raw/ files", s) in by and (n, "texts.jsonl", s) in by]
        lines.append(f"{n:,} documents, texts.jsonl time as a share of raw/ files: {', '.join(parts)}.")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
