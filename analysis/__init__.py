"""framing-lab: comparative framing analysis of news text.

>>> from analysis import load_corpus
>>> corpus = load_corpus()          # the bundled corpus/
>>> corpus.sentences.head()         # one row per sentence  # doctest: +SKIP

Heavy libraries are imported inside the modules that need them, so
``import analysis`` stays fast.
"""
from .corpus import Corpus, check_corpus, load_corpus
from .errors import CorpusError, Problem

__all__ = ["Corpus", "CorpusError", "Problem", "check_corpus", "load_corpus"]
__version__ = "0.1.0"
