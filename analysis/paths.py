"""Where things are: the package's own data, and the repository's folders.

``FRAMING_LAB_CORPUS=DIR`` makes DIR the default corpus of ``load_corpus()``,
``analyse()``, every command and the notebooks (:func:`default_corpus`).

The word lists and the figure style ship inside the package, so they are found
however it is installed. The corpus, figures, reports and notebooks belong to
the repository: in a checkout (``pyproject.toml`` and ``corpus/`` beside the
package) they are found there; after a non-editable install they are looked
for in the working directory, which is where a user runs the commands from.

>>> (LEXICON_DIR / "hedges.csv").is_file()
True
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
LEXICON_DIR = PACKAGE_DIR / "lexicons"
STYLE_FILE = PACKAGE_DIR / "present" / "style" / "framing.mplstyle"


def _repository_root() -> Path:
    candidate = PACKAGE_DIR.parent
    if (candidate / "pyproject.toml").is_file() and (candidate / "corpus").is_dir():
        return candidate
    return Path.cwd()


ROOT = _repository_root()
BUNDLED_CORPUS = ROOT / "corpus"
FIGURE_DIR = ROOT / "figures"
REPORT_DIR = ROOT / "reports"
NOTEBOOK_DIR = ROOT / "notebooks"

#: The environment variable that names the default corpus folder.
CORPUS_VARIABLE = "FRAMING_LAB_CORPUS"


def default_corpus() -> Path:
    """The corpus used when none is named: ``$FRAMING_LAB_CORPUS`` if set, else the bundled ``corpus/``.

    Read at each call, so setting the variable in a running kernel takes effect.
    """
    chosen = os.environ.get(CORPUS_VARIABLE, "").strip()
    return Path(chosen).expanduser() if chosen else BUNDLED_CORPUS


def entries_by_kind(file_name: str, kinds: tuple[str, ...], normalise=str.strip) -> dict[str, tuple[str, ...]]:
    """The ``entry`` column of a package word list (``lexicons/<file_name>``, columns ``entry, kind, ...``)
    grouped by ``kind``, in file order, each entry passed through ``normalise``.

    A row with another kind or an empty entry is a bug in the package's own data, so it raises
    ``ValueError`` naming the file and line.

    >>> entries_by_kind("abbreviations.csv", ("title", "before_number", "time", "zone", "initialism"))["title"][:2]
    ('Mr.', 'Mrs.')
    """
    import csv

    path = LEXICON_DIR / file_name
    by_kind: dict[str, list[str]] = {k: [] for k in kinds}
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            kind, entry = (row.get("kind") or "").strip(), normalise(row.get("entry") or "")
            if kind not in by_kind or not entry:
                raise ValueError(f"{path}:{n}: kind {kind!r} is not one of {kinds} or the entry is empty")
            by_kind[kind].append(entry)
    return {k: tuple(v) for k, v in by_kind.items()}
