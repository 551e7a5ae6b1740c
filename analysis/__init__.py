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
from analysis.compare.sides import compare_differences, compare_sides
from analysis.compare.statements import (add_meeting_columns, select_statements, side_by_side,
                                         statement_sources)
from analysis.compare.topics import compare_topics
from analysis.compare.vectorize import similarity, tfidf_terms
from analysis.errors import CorpusError, Problem
from analysis.measure.attribution import attribute, attribute_sentences, extract_quotes
from analysis.measure.lexicon import load_lexicon
from analysis.measure.scoring import explain, find_matches, score_corpus, score_paragraphs, score_sentences
from analysis.measure.topics import evaluate_topics, load_topics, sentence_topics, topic_matches
from analysis.pipeline import Analysis, analyse
from analysis.text.corpus import Corpus, check_corpus, load_corpus

__all__ = [
    # text
    "Corpus", "CorpusError", "Problem", "check_corpus", "load_corpus",
    # measure
    "attribute", "attribute_sentences", "extract_quotes", "load_lexicon",
    "score_sentences", "score_paragraphs", "score_corpus", "find_matches", "explain",
    "sentence_topics", "topic_matches", "load_topics", "evaluate_topics",
    # the whole pipeline
    "Analysis", "analyse",
    # compare
    "select_statements", "add_meeting_columns", "side_by_side", "statement_sources",
    "compare_sides", "compare_differences", "distinctive_terms", "kwic", "tfidf_terms", "similarity",
    "compare_topics",
]
__version__ = "0.1.0"
