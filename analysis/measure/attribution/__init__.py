"""Who says it, about which meeting: quotations, speakers, sides and meetings.

Input is a loaded :class:`~analysis.text.corpus.Corpus` with the optional tables
``speakers`` (name, aliases, side, role), ``meetings`` (meeting_id, date, place,
participants, description), ``roles`` (offices held for a time) and ``voices``
(line ranges of a document in another voice). Everything here is a pure function
of the corpus: the same corpus always gives the same frames.

* :func:`extract_quotes` -- one row per quoted span per paragraph (``direct`` or
  ``partial``) and one row per reported sentence without quotation marks
  (``indirect``), each with its speaker, side, meeting and the cue that told us.
* :func:`quote_warnings` -- unbalanced quotation marks and transcript labels that
  name no speaker, with their place.
* :func:`attribute_sentences` -- the sentence frame plus ``speaker``, ``side``,
  ``meeting_id``, ``quote_id``, ``reported_speaker`` and ``meeting_evidence``; in a
  transcript, each turn's sentences are its labelled speaker's.
* :func:`load_gold` and :func:`evaluate_quotes` -- the hand annotation in
  ``corpus/annotations/quotes_gold.csv`` and precision/recall/accuracy against it.

The modules, by concern, in the order the work flows: :mod:`.quotations`
(quotation marks, the narration around them); :mod:`.speakers` (names, aliases,
titles, pronouns and document nouns), :mod:`.roles` (offices by date),
:mod:`.labels` and :mod:`.transcripts` (speaker labels and turns), :mod:`.voices`
(voices.csv ranges); :mod:`.verbs`, :mod:`.cues` and :mod:`.resolver` (reporting
verbs, their subjects, who a subject is); :mod:`.places` and :mod:`.meetings`
(which meeting a statement is about); :mod:`.model`, :mod:`.rows` and
:mod:`.documents` (one document's quotations and statements); :mod:`.sentences`
and :mod:`.sides` (the corpus pass, who speaks each sentence); :mod:`.report`
(per-document warnings for ``check`` and ``quotes``) and :mod:`.gold` (evaluation).

>>> from analysis import load_corpus
>>> corpus = load_corpus()
>>> quotes = extract_quotes(corpus)
>>> quotes.columns[:12].tolist()
['quote_id', 'doc_id', 'para', 'sent', 'start', 'end', 'text', 'kind', 'speaker', 'side', 'meeting_id', 'cue']
>>> row = quotes[quotes.text.str.startswith("It is clear who is responsible")].iloc[0]
>>> row.speaker, row.side, row.meeting_id
('Qin Gang', 'china', 'blinken-qin-call')
"""
from __future__ import annotations

from analysis.measure.attribution.cues import REPORTING_VERBS, Cue, Resolver
from analysis.measure.attribution.documents import QUOTE_COLUMNS
from analysis.measure.attribution.gold import GOLD_COLUMNS, GOLD_FILE, evaluate_quotes, load_gold, match_quotes
from analysis.measure.attribution.meetings import EVENT_WORDS, WEEKDAYS, Meetings
from analysis.measure.attribution.quotations import Quotation, Segment, find_quotations
from analysis.measure.attribution.sentences import (WARNING_COLUMNS, attribute, attribute_sentences, extract_quotes,
                                                    quote_warnings)
from analysis.measure.attribution.speakers import Mention, Speakers

__all__ = [
    "attribute", "attribute_sentences", "extract_quotes", "quote_warnings",
    "load_gold", "match_quotes", "evaluate_quotes",
    "find_quotations", "Quotation", "Segment", "Speakers", "Mention", "Meetings", "Cue", "Resolver",
    "QUOTE_COLUMNS", "WARNING_COLUMNS", "GOLD_COLUMNS", "GOLD_FILE", "REPORTING_VERBS", "EVENT_WORDS", "WEEKDAYS",
]
