"""Where things are: the package's own data, and the repository's folders.

The word lists and the figure style ship inside the package, so they are found
however it is installed. The corpus, figures, reports and notebooks belong to
the repository: in a checkout (``pyproject.toml`` and ``corpus/`` beside the
package) they are found there; after a non-editable install they are looked
for in the working directory, which is where a user runs the commands from.

>>> (LEXICON_DIR / "hedges.csv").is_file()
True
"""
from __future__ import annotations

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
