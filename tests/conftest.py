import os
import shutil
import tempfile
from pathlib import Path

import pytest

from analysis import load_corpus
from analysis.paths import default_corpus
from analysis.text.corpus import BUNDLED_CORPUS


DATA = Path(__file__).parent / "data"


def pytest_configure(config):
    """Point the default corpus at the bundled five articles for the whole session.

    The tests state facts of those five articles. A FRAMING_LAB_CORPUS set in the
    shell, or an article an instructor added to corpus/, must not change what
    load_corpus(), the commands and the notebooks (which inherit the variable) load here.
    """
    from tests.helpers import seed_corpus

    folder = Path(tempfile.mkdtemp(prefix="framing-lab-seed-"))
    config._seed_folder = folder
    os.environ["FRAMING_LAB_CORPUS"] = str(seed_corpus(BUNDLED_CORPUS, folder / "corpus"))
    # The analysis cache of the tests lives and dies with the session, never in the user's ~/.cache.
    os.environ["FRAMING_LAB_CACHE"] = str(folder / "cache")


def pytest_unconfigure(config):
    folder = getattr(config, "_seed_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)



@pytest.fixture(scope="session")
def bundled():
    """The bundled corpus, loaded once for the whole test session."""
    return load_corpus()


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the bundled corpus (raw/, articles.csv, checksums)."""
    dest = tmp_path / "corpus"
    shutil.copytree(default_corpus(), dest)
    return dest


@pytest.fixture(scope="session")
def scored(bundled):
    """The bundled corpus's sentences, attributed and scored, computed once."""
    from analysis import attribute_sentences, score_sentences

    return score_sentences(attribute_sentences(bundled))
