"""Helpers shared by the test modules (one copy of each)."""
from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass

import pytest


@dataclass
class CliResult:
    """What a command printed and returned, like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args, fresh_process: bool = False) -> CliResult:
    """Run ``python -m analysis ARGS``; in this process (fast) unless ``fresh_process``.

    A fresh process is for what only a new interpreter shows (import-time
    state, byte-identical output across processes).
    """
    argv = [str(a) for a in args]
    if fresh_process:
        r = subprocess.run([sys.executable, "-m", "analysis", *argv], capture_output=True, text=True)
        return CliResult(r.returncode, r.stdout, r.stderr)
    from analysis.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exit_:  # argparse usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return CliResult(code, out.getvalue(), err.getvalue())


#: The five bundled articles, by the SHA-256 of their raw files. The facts the
#: tests state (counts, labels, gold, figures, exercise answers) are theirs, so
#: the tests run on a copy of corpus/ that holds exactly these, whatever else an
#: instructor has added to corpus/ with `python -m analysis add`.
SEED_DIGESTS = frozenset({
    "86429a6fa2c49a61ca3737440047a6a427f76d1c7d646b009d1da4eaf5a51ed4",
    "17527c6071bf6c5f269d005960789c466dff6c70f9470d74e4f812f44394d4e9",
    "a596d1552da50ce7948d9339bdc0cca36f4b60eb6f6fb7dd8247c07854b9f3b6",
    "0249032a6c477f3467677e7856eb904d7f41bf3e330dec38a91e1832636e71f1",
    "faa269512d03210218e940e732580a71a21e10bcd9cf6514702559eb102441cd",
})


def seed_corpus(source, dest):
    """Copy the corpus folder ``source`` to ``dest`` keeping only the five bundled articles
    (found by checksum): their raw files, articles.csv rows and checksum lines; tables
    and annotations are copied as they are. Returns ``dest``."""
    import csv
    import hashlib
    import shutil
    from pathlib import Path

    source, dest = Path(source), Path(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("raw", "articles.csv", "checksums.sha256"))
    (dest / "raw").mkdir()
    keep = set()
    for f in sorted((source / "raw").iterdir()):
        if f.is_file() and hashlib.sha256(f.read_bytes()).hexdigest() in SEED_DIGESTS:
            shutil.copy2(f, dest / "raw" / f.name)
            keep.add(f.name)
    with open(source / "articles.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    column = rows[0].index("file")
    with open(dest / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([rows[0]] + [r for r in rows[1:] if r and r[column] in keep])
    lines = (source / "checksums.sha256").read_text(encoding="utf-8").splitlines()
    (dest / "checksums.sha256").write_text(
        "".join(ln + "\n" for ln in lines if ln.split()[-1].removeprefix("raw/") in keep), encoding="utf-8")
    return dest


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """Never the user's cache: an empty folder of the test's own (and the digest of the package anew).
    A test module makes it apply to every test with ``pytestmark = pytest.mark.usefixtures("own_cache")``."""
    from analysis import pipeline_cache

    folder = tmp_path / "cache"
    monkeypatch.setenv(pipeline_cache.CACHE_VARIABLE, str(folder))
    pipeline_cache._package_digest.cache_clear()
    return folder
