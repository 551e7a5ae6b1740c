"""One call for the whole analysis: load, attribute, score.

:func:`analyse` runs every stage once and returns an :class:`Analysis`, an
object of tidy frames that every command, figure, exercise and notebook uses.
Each stage stays callable on its own (``load_corpus``, ``attribute_sentences``,
``score_sentences`` ...) for a student who wants to stop and look in between.

>>> result = analyse()                      # the bundled corpus
>>> result  # doctest: +ELLIPSIS
Analysis('...corpus': 5 documents, 178 sentences, 63 statements, 112 quotations)
>>> sorted({"speaker", "side", "meeting_id", "compound_diplomatic"} - set(result.sentences.columns))
[]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from analysis.errors import display_path
from analysis.text.corpus import Corpus, load_corpus


@dataclass
class Analysis:
    """Every frame of one run over a corpus (one row per unit in each).

    * ``corpus``: the loaded :class:`~analysis.text.corpus.Corpus` (documents,
      paragraphs, sentences before attribution, removed lines, tables, warnings);
    * ``sentences``: one row per sentence, attributed (``speaker``, ``side``,
      ``meeting_id`` ...) and scored (both VADER variants, stance counts, framing);
    * ``quotes``: one row per quotation or reported statement;
    * ``quote_warnings``: unbalanced quotation marks, with their place;
    * ``paragraphs``: one row per paragraph, scored (sentence means and sums);
    * ``matches``: one row per matched lexicon span, so every count can be checked;
    * ``statements``: the sentences spoken for the US or China.

    ``paragraphs``, ``matches`` and ``statements`` are computed on first use and
    then kept, so a command that needs only sentences does not pay for them.
    """

    corpus: Corpus
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    quote_warnings: pd.DataFrame
    lexicons: object = None
    overlay: object = None

    @cached_property
    def paragraphs(self) -> pd.DataFrame:
        from analysis.measure.scoring import score_paragraphs

        return score_paragraphs(self.corpus.paragraphs, self.sentences, self.lexicons, self.overlay)

    @cached_property
    def matches(self) -> pd.DataFrame:
        from analysis.measure.scoring import find_matches

        return find_matches(self.corpus.sentences, self.lexicons, self.overlay)

    @cached_property
    def statements(self) -> pd.DataFrame:
        """Sentences whose side is ``us`` or ``china`` (see :func:`analysis.select_statements`)."""
        from analysis.compare.sides import select_statements

        return select_statements(self.sentences)

    @property
    def documents(self) -> pd.DataFrame:
        return self.corpus.documents

    @property
    def removed(self) -> pd.DataFrame:
        return self.corpus.removed

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return self.corpus.tables

    @property
    def warnings(self) -> list:
        return self.corpus.warnings

    def __repr__(self) -> str:
        return (f"Analysis({display_path(self.corpus.path)!r}: {len(self.documents)} documents, "
                f"{len(self.sentences)} sentences, {len(self.statements)} statements, "
                f"{len(self.quotes)} quotations)")


def analyse(corpus: Corpus | str | Path | None = None, *, lexicons=None, overlay=None) -> Analysis:
    """Load (unless given a loaded corpus), attribute and score a corpus.

    ``corpus`` is a corpus folder, a :class:`~analysis.text.corpus.Corpus`, or
    None for the bundled one. ``lexicons`` and ``overlay`` choose the word lists
    as in :func:`analysis.score_sentences` (None: the bundled lists).

    >>> analyse().sentences.groupby("side").size().to_dict()
    {'china': 9, 'press': 109, 'third-party': 6, 'us': 54}
    """
    from analysis.measure.attribution import attribute
    from analysis.measure.scoring import score_sentences
    from analysis.measure.sentiment import overlay_lexicon
    from analysis.measure.stance import stance_lexicons

    if not isinstance(corpus, Corpus):
        corpus = load_corpus(corpus)
    # Resolve the word lists once, so every frame of this Analysis uses the same ones.
    lexicons, overlay = stance_lexicons(lexicons), overlay_lexicon(overlay)
    sentences, quotes, warnings = attribute(corpus)
    scored = score_sentences(sentences, lexicons=lexicons, overlay=overlay)
    return Analysis(corpus, scored, quotes, warnings, lexicons, overlay)
