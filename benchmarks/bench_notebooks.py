"""Time what students wait for: `import analysis`, each teaching notebook, all figures.

Run with `make bench` (or `.venv/bin/python benchmarks/bench_notebooks.py`). Not a
test: timings depend on the machine. Targets (2 cores): import <= 1 s, each
notebook <= 10 s, all notebooks <= 45 s.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

from analysis.teach.notebooks import execute_notebook, teaching_notebooks


def timed(fn, repeat=1):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    imp = timed(lambda: subprocess.run([sys.executable, "-c", "import analysis"], check=True), repeat=5)
    bare = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat=5)
    print(f"import analysis: {imp:.2f} s in a fresh process ({imp - bare:.2f} s over a bare interpreter)")
    total = 0.0
    for path in teaching_notebooks():
        t = timed(lambda: execute_notebook(path))
        total += t
        print(f"{path.name}: {t:.1f} s (fresh kernel, top to bottom)")
    print(f"all notebooks: {total:.1f} s")
    with tempfile.TemporaryDirectory() as out:
        t = timed(lambda: subprocess.run([sys.executable, "-m", "analysis", "figures", "--out", out],
                                         check=True, capture_output=True))
    print(f"python -m analysis figures: {t:.1f} s")


if __name__ == "__main__":
    main()
