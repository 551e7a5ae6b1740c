"""Speed and scale: every stage of the pipeline as a ratio to one stock VADER pass, at 100k and 1M words.

Run with ``.venv/bin/python benchmarks/bench_scale.py [--sizes 100000 1000000] [--huge] [--repeat R]
[--label after]``. For each size the bundled corpus is replicated into a temporary corpus folder
until it holds at least that many words; every copy is made unique (each long line of copy ``k``
ends with the sentence "Copy k.") so no stage can be served by a per-text memo. In one process, for
each size, every stage is timed R times, each run right after one plain stock VADER
``polarity_scores`` pass over the same sentences; the ratio of each run to its VADER pass is taken
and the medians are reported (so a machine that others are using slows both sides of a ratio
alike). The commands, in subprocesses, are divided by the median VADER pass of the run:

* ``load + clean + split``: ``load_corpus`` (read, validate, clean, split sentences);
* ``attribution``: ``attribute(corpus)``;
* ``scoring``: ``score_sentences`` (both VADER variants, every lexicon);
* ``analyse jobs=1`` / ``analyse jobs=2``: the whole ``analyse()`` in worker processes (when it has ``jobs=``);
* ``compare (in process)``: ``compare_sides`` + ``compare_differences`` on the scored sentences;
* ``scores command`` / ``compare command``: ``python -m analysis scores|compare`` in a subprocess,
  wall time (``--jobs 1`` when the command has it; a fresh empty cache each run);
* ``scores command, all cores``: the same with the default ``--jobs``;
* ``scores command, cached rerun``: a second run on the unchanged corpus (also as a share of the first).

Peak memory: the maximum resident set size of this process after each size (it only grows, so
read it in order of size), and for each command the peak of the sum over its process tree
(psutil, sampled every 50 ms). Results go to ``benchmarks/scale_<label>.csv``, ``benchmarks/scale.md``
(before and after side by side when both exist) and ``benchmarks/scale.png``.
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # this checkout's package, whichever one is installed
SIZES = (100_000, 1_000_000)
HUGE = 10_000_000
#: Targets of the issue, as a ratio to one stock VADER pass.
TARGETS = {"load + clean + split": 0.3, "attribution": 0.3, "scoring": 1.3, "scores command": 2.0,
           "compare command": 2.5}
#: Lines of more words than a subheading (12) get the copy's number, so cleaning decides as on the original.
UNIQUE_MIN_WORDS = 13
#: How often the memory of a command's process tree is sampled, in seconds.
SAMPLE_EVERY = 0.05
#: Tries of a command that fails, and the seconds between them.
COMMAND_TRIES, RETRY_AFTER = 3, 10
FIELDS = ("label", "words", "stage", "seconds", "ratio", "target", "peak_mb", "runs")


def unique_copy(text: str, k: int) -> str:
    """Copy ``k`` of an article: every long line ends with its own sentence "Copy k."."""
    lines = text.split("\n")
    return "\n".join(f"{ln.rstrip()} Copy {k}." if len(ln.split()) >= UNIQUE_MIN_WORDS else ln for ln in lines)


def make_corpus(dest: Path, words: int) -> None:
    """A corpus folder in ``dest`` holding copies of the bundled articles up to at least ``words`` words."""
    from analysis import load_corpus
    from analysis.paths import BUNDLED_CORPUS

    per_copy = int(load_corpus(BUNDLED_CORPUS).documents["n_words"].sum())
    copies = -(-words // per_copy)
    (dest / "raw").mkdir(parents=True)
    for name in ("speakers.csv", "meetings.csv"):
        shutil.copy(BUNDLED_CORPUS / name, dest / name)
    with open(BUNDLED_CORPUS / "articles.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    out = []
    for k in range(copies):
        for row in rows:
            text = (BUNDLED_CORPUS / "raw" / row["file"]).read_text(encoding="utf-8")
            name = f"{k:05d}_{row['file']}"
            (dest / "raw" / name).write_text(unique_copy(text, k), encoding="utf-8")
            out.append({**row, "doc_id": f"{row['doc_id']}-{k}", "file": name})
    with open(dest / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(out)


def timed(fn, repeat: int):
    """(median seconds, every run's seconds, the last result) of ``repeat`` calls."""
    runs, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), runs, result


def run_tree(cmd: list[str], env: dict) -> tuple[float, float]:
    """(wall seconds, peak MB of the summed RSS of the process tree) of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    top, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        try:
            tree = [top, *top.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_EVERY)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err[-2000:]}")
    return seconds, peak / 2**20


def run_tree_again(cmd: list[str], env: dict, tries: int = COMMAND_TRIES) -> tuple[float, float]:
    """:func:`run_tree`, tried again when the command fails (a checkout being edited can fail for a moment)."""
    for i in range(tries):
        try:
            return run_tree(cmd, env)
        except RuntimeError as err:
            if i + 1 == tries:
                raise
            print(f"retrying after: {str(err)[:300]}", file=sys.stderr)
            time.sleep(RETRY_AFTER)
    raise AssertionError("unreachable")


def command_options(command: str) -> str:
    """The help text of one command (to see whether it has --jobs, --quiet)."""
    return subprocess.run([sys.executable, "-m", "analysis", command, "--help"], capture_output=True,
                          text=True, cwd=ROOT).stdout


def time_command(command: str, corpus: Path, extra: list[str], repeat: int, cache: Path | None):
    """Median wall seconds and peak MB of ``python -m analysis COMMAND`` (a fresh cache dir each run)."""
    runs, peaks = [], []
    for _ in range(repeat):
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        if cache is None:
            fresh = Path(tempfile.mkdtemp(prefix="bench-cache-"))
            env["FRAMING_LAB_CACHE"] = str(fresh)
        else:
            env["FRAMING_LAB_CACHE"] = str(cache)
        out = corpus.parent / f"{command}.csv"
        sec, mb = run_tree_again([sys.executable, "-m", "analysis", command, "--corpus", str(corpus), "-o", str(out),
                            *extra], env)
        runs.append(sec)
        peaks.append(mb)
        if cache is None:
            shutil.rmtree(fresh, ignore_errors=True)
    return statistics.median(runs), runs, max(peaks)


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def paired(fn, vader, repeat: int):
    """(median seconds, median ratio, runs, last result): each run of ``fn`` right after a VADER pass,
    its ratio to that pass, so a busy machine slows both sides of each ratio alike."""
    runs, ratios, result = [], [], None
    for _ in range(repeat):
        ref, _, _ = timed(vader, 1)
        t0 = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - t0)
        ratios.append(runs[-1] / ref)
    return statistics.median(runs), statistics.median(ratios), runs, result


def in_process(corpus_dir: Path, repeat: int, add) -> dict:
    """The stages timed inside this process, each paired with a stock VADER pass."""
    import inspect

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis import analyse, attribute, load_corpus, score_sentences
    from analysis.compare.sides import compare_differences, compare_sides

    corpus = load_corpus(corpus_dir)  # warm: imports, lexicons, the page cache
    texts = corpus.sentences["text"].tolist()
    analyzer = SentimentIntensityAnalyzer()

    def vader():
        return [analyzer.polarity_scores(s) for s in texts]

    t, vruns, _ = timed(vader, repeat)
    add("stock VADER", t, vruns, ratio=1.0)
    t, ratio, runs, corpus = paired(lambda: load_corpus(corpus_dir), vader, repeat)
    add("load + clean + split", t, runs, ratio=ratio)
    t, ratio, runs, (sentences, _, _) = paired(lambda: attribute(corpus), vader, repeat)
    add("attribution", t, runs, ratio=ratio)
    t, ratio, runs, scored = paired(lambda: score_sentences(sentences), vader, repeat)
    add("scoring", t, runs, ratio=ratio)
    if "jobs" in inspect.signature(analyse).parameters:
        for jobs in (1, 2):
            t, ratio, runs, _ = paired(lambda: analyse(corpus_dir, jobs=jobs, cache=False), vader, repeat)
            add(f"analyse jobs={jobs}", t, runs, ratio=ratio)
    t, ratio, runs, _ = paired(lambda: (compare_sides(scored), compare_differences(scored)), vader, repeat)
    add("compare (in process)", t, runs, ratio=ratio)
    return {"sentences": len(texts)}


def in_process_light(corpus_dir: Path, repeat: int, add) -> dict:
    """At the huge size: only loading (paired with VADER) and the VADER pass the commands are divided by."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis import load_corpus

    t0 = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    load_seconds = time.perf_counter() - t0
    texts = corpus.sentences["text"].tolist()
    analyzer = SentimentIntensityAnalyzer()
    t, vruns, _ = timed(lambda: [analyzer.polarity_scores(s) for s in texts], repeat)
    add("stock VADER", t, vruns, ratio=1.0)
    add("load + clean + split", load_seconds, [load_seconds], ratio=load_seconds / t)
    return {"sentences": len(texts), "words": int(corpus.documents["n_words"].sum())}


def profile_work(corpus_dir: Path, path: Path, words: int) -> None:
    """Where one process's time goes in ``analyse(jobs=1)``: the per-document stages, then the functions
    that take the most time of their own (cProfile; its overhead inflates many small calls)."""
    import cProfile
    import io
    import pstats

    from analysis import analyse

    prof = cProfile.Profile()
    prof.enable()
    analyse(corpus_dir, jobs=1, cache=False)
    prof.disable()
    stats = pstats.Stats(prof)
    total = max(stats.total_tt, 1e-9)
    stages = {"build_document": "load: clean + split + language", "attribute": "attribution",
              "score_sentences": "scoring", "sentence_topics": "topics"}
    lines = ["# Profile of analyse(jobs=1) (`benchmarks/bench_scale.py --profile`)", "",
             f"Corpus: the bundled articles copied to {words:,} words; total {total:.1f} s under cProfile.", "", "| stage | seconds | share |",
             "|---|---|---|"]
    for (file, _, name), row in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]):
        if name in stages and "analysis" in file:
            lines.append(f"| {stages.pop(name)} | {row[3]:.2f} | {row[3] / total:.0%} |")
    buffer = io.StringIO()
    pstats.Stats(prof, stream=buffer).sort_stats("tottime").print_stats(25)
    root = str(ROOT) + os.sep
    lines += ["", "Functions by time of their own:", "", "```", buffer.getvalue().replace(root, "").strip(), "```", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def commands(corpus_dir: Path, repeat: int, add, huge: bool = False) -> None:
    """The whole commands in subprocesses: one core, all cores, and a cached rerun (at the huge size the
    compare command is left out: it would add a quarter of an hour and says nothing scores does not)."""
    help_text = command_options("scores")
    one = ["--jobs", "1"] if "--jobs" in help_text else []
    quiet = ["--quiet"] if "--quiet" in help_text else []
    for command in ("scores",) if huge else ("scores", "compare"):
        t, runs, mb = time_command(command, corpus_dir, one + quiet, repeat, None)
        add(f"{command} command", t, runs, mb)
    if one:
        t, runs, mb = time_command("scores", corpus_dir, quiet, repeat, None)
        add("scores command, all cores", t, runs, mb)
    if "--no-cache" in help_text:
        cache = Path(tempfile.mkdtemp(prefix="bench-cache-"))
        first, _, _ = time_command("scores", corpus_dir, one + quiet, 1, cache)
        t, runs, mb = time_command("scores", corpus_dir, one + quiet, repeat, cache)
        add("scores command, cached rerun", t, runs, mb, note=t / first)
        shutil.rmtree(cache, ignore_errors=True)


def measure(words: int, repeat: int, label: str, profile: bool = False) -> list[dict]:
    """Every row of one size (at :data:`HUGE` words the light set: loading, VADER and the scores command)."""
    huge = words >= HUGE
    repeat = 1 if huge else repeat
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        corpus_dir = Path(tmp) / "corpus"
        make_corpus(corpus_dir, words)
        from analysis import load_corpus

        n_words = int(load_corpus(corpus_dir).documents["n_words"].sum()) if not huge else 0
        ref = {}

        def add(stage, seconds, runs, mb=None, note=None, ratio=None):
            if stage == "stock VADER":
                ref["vader"] = seconds
            ratio = seconds / ref["vader"] if ratio is None else ratio
            rows.append({"label": label, "words": n_words, "stage": stage, "seconds": round(seconds, 3),
                         "ratio": round(ratio, 3), "target": TARGETS.get(stage, ""),
                         "peak_mb": "" if mb is None else round(mb), "runs": " ".join(f"{r:.2f}" for r in runs)})
            if note is not None:
                rows[-1]["target"] = f"rerun/first {note:.3f} (target 0.10)"
            print(f"{n_words:>10,} {stage:<30} {seconds:8.2f} s  ratio {rows[-1]['ratio']:6.2f}  "
                  f"{rows[-1]['peak_mb']} {rows[-1]['runs']}", flush=True)

        info = (in_process_light if huge else in_process)(corpus_dir, repeat, add)
        n_words = info.get("words", n_words)
        for r in rows:
            r["words"] = n_words
        rows.append({"label": label, "words": n_words, "stage": "bench process peak RSS", "seconds": "",
                     "ratio": "", "target": "", "peak_mb": round(peak_mb()), "runs": f"{info['sentences']} sentences"})
        commands(corpus_dir, repeat, add, huge)
        if profile:
            profile_work(corpus_dir, HERE / "scale_profile.md", n_words)
    return rows


def write_csv(rows: list[dict], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_markdown(path: Path) -> None:
    """One table per size: every stage's seconds and ratio, before and after when both were measured."""
    labels = [p.stem.removeprefix("scale_") for p in sorted(HERE.glob("scale_*.csv"))]
    labels.sort(key=lambda x: (x != "before", x))
    rows = {lab: read_csv(HERE / f"scale_{lab}.csv") for lab in labels}
    lines = ["# Scale benchmark (`benchmarks/bench_scale.py`)", "",
             "Ratios are to one plain stock VADER pass over the same sentences in the same run; seconds are "
             "medians (every run in `scale_<label>.csv`). 2 cores, shared with other test runs while these were "
             "measured, so single runs vary by up to 2x. MB: the peak of the summed resident memory of a command's "
             "process tree; the bench process's own peak only grows and holds every stage run before it.", ""]
    for size in sorted({int(r["words"]) for rs in rows.values() for r in rs}):
        lines += [f"## {size:,} words", "",
                  "| stage | " + " | ".join(f"{lab} s | {lab} ratio | {lab} MB" for lab in labels) + " | target |",
                  "|---|" + "---|---|---|" * len(labels) + "---|"]
        stages = list(dict.fromkeys(r["stage"] for rs in rows.values() for r in rs if int(r["words"]) == size))
        for stage in stages:
            cells, target = [], ""
            for lab in labels:
                hit = [r for r in rows[lab] if int(r["words"]) == size and r["stage"] == stage]
                cells += [hit[0]["seconds"], hit[0]["ratio"], hit[0]["peak_mb"]] if hit else ["", "", ""]
                target = (hit[0]["target"] if hit else "") or target
            lines.append(f"| {stage} | " + " | ".join(cells) + f" | {target} |")
        lines.append("")
    lines += linearity(rows[labels[-1]], labels[-1]) if labels else []
    path.write_text("\n".join(lines), encoding="utf-8")


def linearity(rows: list[dict], label: str) -> list[str]:
    """Seconds per million words of each stage at each size, and each as a share of the smallest size's:
    1.00 everywhere is linear (the issue allows 15% either way)."""
    sizes = sorted({int(r["words"]) for r in rows})
    lines = [f"## Time per word ({label})", "", "Seconds per million words; in brackets, relative to the smallest "
             "size (1.00 = linear).", "", "| stage | " + " | ".join(f"{w:,}" for w in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    for stage in dict.fromkeys(r["stage"] for r in rows if r["seconds"] != ""):
        per = {int(r["words"]): float(r["seconds"]) / int(r["words"]) * 1e6 for r in rows
               if r["stage"] == stage and r["seconds"] != ""}
        first = per[min(per)]
        cells = [f"{per[w]:.2f} ({per[w] / first:.2f})" if w in per else "" for w in sizes]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    return lines + [""]


def plot(rows: list[dict], path: Path, before: list[dict]) -> None:
    """Seconds per stage and peak MB against words (log-log); the ``before`` run dashed, for comparison."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.5))
    stages = list(dict.fromkeys(r["stage"] for r in rows + before))
    colours = dict(zip(stages, plt.get_cmap("tab20").colors))
    for data, style, tag in ((before, "--", " (before)"), (rows, "-", "")):
        for ax, column in ((left, "seconds"), (right, "peak_mb")):
            for stage in stages:
                pts = sorted((int(r["words"]), float(r[column])) for r in data if r["stage"] == stage and r[column] != "")
                if pts:
                    ax.plot(*zip(*pts), style, marker="o", color=colours[stage], alpha=0.45 if tag else 1.0,
                            label=stage + tag)
    for ax, ylabel in ((left, "seconds (median)"), (right, "peak memory (MB)")):
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("words in the corpus")
        ax.set_ylabel(ylabel)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=6, ncol=2)
    fig.suptitle(f"framing-lab pipeline at scale: {rows[0]['label']} (solid) and before (dashed); 2 cores")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="corpus sizes in words")
    parser.add_argument("--huge", action="store_true", help=f"also {HUGE:,} words (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage (the median is reported)")
    parser.add_argument("--label", default="after", help="results go to benchmarks/scale_<label>.csv")
    parser.add_argument("--profile", action="store_true",
                        help="also profile analyse(jobs=1) at the first size: benchmarks/scale_profile.md")
    parser.add_argument("--plot-only", action="store_true", help="redraw scale.md and scale.png from the CSVs")
    args = parser.parse_args()
    if args.plot_only:
        write_markdown(HERE / "scale.md")
        plot(read_csv(HERE / f"scale_{args.label}.csv"), HERE / "scale.png", read_csv(HERE / "scale_before.csv"))
        return
    sizes = args.sizes + ([HUGE] if args.huge else [])
    out = HERE / f"scale_{args.label}.csv"
    rows = []
    for i, words in enumerate(sorted(sizes)):
        rows += measure(words, args.repeat, args.label, args.profile and i == 0)
        measured = {r["words"] for r in rows}
        kept = [r for r in read_csv(out) if int(r["words"]) not in measured]  # other sizes of an earlier run
        write_csv(sorted(kept + rows, key=lambda r: int(r["words"])), out)
    rows = read_csv(out)
    write_markdown(HERE / "scale.md")
    plot(rows, HERE / "scale.png", [] if args.label == "before" else read_csv(HERE / "scale_before.csv"))
    print(f"wrote {HERE / f'scale_{args.label}.csv'}, scale.md, scale.png")


if __name__ == "__main__":
    main()
