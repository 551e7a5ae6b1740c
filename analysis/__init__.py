"""framing-lab: comparative framing analysis of news text.

>>> from analysis import load_corpus
>>> corpus = load_corpus()          # the bundled corpus/
>>> corpus.sentences.head()         # one row per sentence  # doctest: +SKIP

The package follows the data flow: :mod:`analysis.text` (corpus, cleaning,
sentences, tokens) → :mod:`analysis.measure` (lexicons, sentiment, stance,
attribution, scoring) → :mod:`analysis.compare` (statements, sides, keyness,
kwic, vectors, statistics) → :mod:`analysis.present` (figures, highlighting) →
:mod:`analysis.teach` (notebooks, exercises). Heavy libraries are imported
inside the modules that need them, so ``import analysis`` stays fast.
"""
from analysis.compare.keyness import distinctive_terms
from analysis.compare.kwic import kwic
from analysis.compare.sides import add_meeting_columns, compare_differences, compare_sides, select_statements
from analysis.compare.vectorize import similarity, tfidf_terms
from analysis.errors import CorpusError, Problem
from analysis.measure.attribution import attribute_sentences, extract_quotes
from analysis.measure.scoring import explain, score_corpus, score_paragraphs, score_sentences
from analysis.text.corpus import Corpus, check_corpus, load_corpus

__all__ = [
    "Corpus", "CorpusError", "Problem", "check_corpus", "load_corpus",
    "attribute_sentences", "extract_quotes",
    "score_sentences", "score_paragraphs", "score_corpus", "explain",
    "distinctive_terms", "kwic", "tfidf_terms", "similarity",
    "select_statements", "compare_sides", "compare_differences", "add_meeting_columns",
]
__version__ = "0.1.0"
