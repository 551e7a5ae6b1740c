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
