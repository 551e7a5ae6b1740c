"""framing-lab: comparative framing analysis of news text.

>>> from analysis import load_corpus
>>> corpus = load_corpus()          # the bundled corpus/
>>> corpus.sentences.head()         # one row per sentence  # doctest: +SKIP

Heavy libraries are imported inside the modules that need them, so
``import analysis`` stays fast.
"""
from .attribution import attribute_sentences, extract_quotes
from .compare import add_meeting_columns, compare_differences, compare_sides, select_statements
from .corpus import Corpus, check_corpus, load_corpus
from .errors import CorpusError, Problem
from .keyness import distinctive_terms
from .kwic import kwic
from .scoring import explain, score_corpus, score_paragraphs, score_sentences
from .vectorize import similarity, tfidf_terms

__all__ = [
    "Corpus", "CorpusError", "Problem", "check_corpus", "load_corpus",
    "attribute_sentences", "extract_quotes",
    "score_sentences", "score_paragraphs", "score_corpus", "explain",
    "distinctive_terms", "kwic", "tfidf_terms", "similarity",
    "select_statements", "compare_sides", "compare_differences", "add_meeting_columns",
]
__version__ = "0.1.0"
