"""How fast is scoring? Words per second per stage, each as a ratio to one stock VADER pass.

Run with `.venv/bin/python benchmarks/bench_scoring.py [--words N] [--repeat R]`.
The bundled corpus's paragraphs are repeated until they hold at least N words
(default 1,000,000). Stages, each timed best-of-R over the same text:

* sentence splitting: analysis.segment.split_sentences on every paragraph;
* stock VADER: polarity_scores on every sentence (the reference, ratio 1.00);
* diplomatic VADER: phrase rewriting + polarity_scores with the overlay lexicon;
* lexicon matching: hedges, boosters, directives and framing on every sentence
  (one tokenisation per sentence, all four lexicons).

Peak memory is the process's maximum resident set size (resource.getrusage).
Targets: matching <= 0.25, splitting <= 0.25, diplomatic <= 1.1.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time

from analysis import load_corpus
from analysis.text.segment import split_sentences
from analysis.measure.sentiment import diplomatic_scores, stock_scores
from analysis.measure.stance import find_stance


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="size of the replicated corpus in words")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs per stage")
    args = parser.parse_args()

    corpus = load_corpus()
    paras = corpus.paragraphs["text"].tolist()
    words_per_copy = int(corpus.paragraphs["n_words"].sum())
    copies = -(-args.words // words_per_copy)
    texts = paras * copies
    n_words = words_per_copy * copies
    sentences = [t[s:e] for t in texts for s, e in split_sentences(t)]
    stock_scores("warm up"), diplomatic_scores("warm up"), find_stance("warm up")  # load lexicons once
    print(f"{len(texts):,} paragraphs, {len(sentences):,} sentences, {n_words:,} words")

    stages = {
        "stock VADER": lambda: [stock_scores(s) for s in sentences],
        "sentence splitting": lambda: [split_sentences(t) for t in texts],
        "diplomatic VADER": lambda: [diplomatic_scores(s) for s in sentences],
        "lexicon matching": lambda: [find_stance(s) for s in sentences],
    }
    times = {name: best_of(fn, args.repeat) for name, fn in stages.items()}
    ref = times["stock VADER"]
    print(f"{'stage':<20} {'seconds':>8} {'words/s':>12} {'ratio to VADER':>15}")
    for name, t in times.items():
        print(f"{name:<20} {t:8.2f} {n_words / t:12,.0f} {t / ref:15.2f}")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
