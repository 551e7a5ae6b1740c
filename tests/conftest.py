import os
import shutil
from pathlib import Path

import pytest

# The tests state facts of the bundled corpus: a FRAMING_LAB_CORPUS set in the
# shell (for the user's own corpus) must not change what load_corpus() loads here.
os.environ.pop("FRAMING_LAB_CORPUS", None)

from analysis import load_corpus
from analysis.text.corpus import BUNDLED_CORPUS

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def bundled():
    """The bundled corpus, loaded once for the whole test session."""
    return load_corpus()


@pytest.fixture
def corpus_copy(tmp_path):
    """A writable copy of the bundled corpus (raw/, articles.csv, checksums)."""
    dest = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS, dest)
    return dest


@pytest.fixture(scope="session")
def scored(bundled):
    """The bundled corpus's sentences, attributed and scored, computed once."""
    from analysis import attribute_sentences, score_sentences

    return score_sentences(attribute_sentences(bundled))
