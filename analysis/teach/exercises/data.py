"""The exercises' folders and the analyses their checks share, each computed once per process.

Every check computes its expected value from :func:`analysis.pipeline.analyse`:
the bundled corpus once (:func:`bundled_analysis`), a student's corpus copy once
per content (:func:`analysis_of_copy`, keyed by a fingerprint of every file).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from analysis.paths import NOTEBOOK_DIR, ROOT

EXERCISE_DIR = NOTEBOOK_DIR / "exercises"
SOLUTION_DIR = EXERCISE_DIR / "solutions"
#: Data files the exercises read (e.g. the fictional readout of exercise 5).
EXERCISE_DATA = EXERCISE_DIR / "data"
#: Analyses of corpus copies kept at once: a notebook checks one copy, a grader a few in turn.
COPIES_CACHED = 4


@lru_cache(maxsize=1)
def bundled_analysis():
    """``analyse()`` of the bundled corpus: sentences attributed and scored, paragraphs scored."""
    from analysis.pipeline import analyse

    return analyse()


def folder_fingerprint(folder: str | Path) -> str:
    """SHA-256 over the relative path and content of every file in ``folder``: changes with any edit."""
    folder = Path(folder)
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(folder)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


@lru_cache(maxsize=COPIES_CACHED)
def _analysis_of(folder: str, fingerprint: str):
    from analysis.pipeline import analyse

    return analyse(folder)


def analysis_of_copy(folder: str | Path):
    """``analyse(folder)``, computed again only when a file of ``folder`` has changed."""
    folder = Path(folder).resolve()
    return _analysis_of(str(folder), folder_fingerprint(folder))


def inside_repository(path: str | Path) -> bool:
    """True when ``path`` is in this repository (where the exercises must not write)."""
    try:
        Path(path).resolve().relative_to(ROOT.resolve())
        return True
    except ValueError:
        return False
