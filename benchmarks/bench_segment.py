"""How fast is sentence splitting? Words per second, and the ratio to one stock VADER pass.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_segment.py [--words N]`).
The bundled corpus's paragraphs are repeated until they hold at least N words.
VADER is timed over the same sentences when vaderSentiment is installed.
"""
from __future__ import annotations

import argparse
import time

from analysis import load_corpus
from analysis.segment import split_sentences


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="size of the replicated corpus in words")
    args = parser.parse_args()

    corpus = load_corpus()
    paras = corpus.paragraphs["text"].tolist()
    words_per_copy = int(corpus.paragraphs["n_words"].sum())
    copies = -(-args.words // words_per_copy)
    texts = paras * copies
    n_words = words_per_copy * copies

    split_time = best_of(lambda: [split_sentences(t) for t in texts])
    print(f"{len(texts):,} paragraphs, {n_words:,} words")
    print(f"sentence splitting: {split_time:.3f} s, {n_words / split_time:,.0f} words/s")
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("vaderSentiment not installed: no VADER ratio")
        return
    sentences = [t[s:e] for t in texts for s, e in split_sentences(t)]
    analyzer = SentimentIntensityAnalyzer()
    vader_time = best_of(lambda: [analyzer.polarity_scores(s) for s in sentences])
    print(f"stock VADER:        {vader_time:.3f} s, {n_words / vader_time:,.0f} words/s")
    print(f"splitting / VADER:  {split_time / vader_time:.2f}")


if __name__ == "__main__":
    main()
