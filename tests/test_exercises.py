"""Exercises: generation of student versions, the checks, and grading.

The checks are tested question by question (``RIGHT`` and ``WRONG`` below):
for every registered question, the right answer passes and at least one
wrong-but-plausible answer (the mistakes students make) fails without its
message revealing the expected value. The expected values are written out,
worked out by hand from the data or from a plain computation in this file (with
vaderSentiment itself or a regular expression, not the code under test); each
constant says how.

Executing a notebook costs a kernel start and a few seconds, so every solution
and every generated student version is executed once per test session (two at a
time) by the ``executed`` fixture, through the same grading code instructors
use; those tests are marked ``slow``.
"""
from __future__ import annotations

import ast
import csv
import hashlib
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

import analysis.teach.exercises as ex
from analysis import analyse, load_corpus, select_statements
from analysis.measure.lexicon import LEXICON_DIR
from analysis.teach.exercises import (EXERCISE_DIR, PHRASES, QUESTIONS, READOUT_FILE, SOLUTION_DIR, CheckResult,
                                      ExerciseFormatError, check, is_blank, labelling_sentences, questions_for,
                                      student_notebook, student_source)
from analysis.teach.notebooks import ROOT
from analysis.paths import default_corpus
from analysis.text.corpus import BUNDLED_CORPUS, write_checksums

SOLUTIONS = sorted(SOLUTION_DIR.glob("[0-9][0-9]_*.ipynb"))
#: A student hand-out (`make handout`) has no solutions: the tests of the instructor's side skip there.
needs_solutions = pytest.mark.skipif(not SOLUTIONS, reason="no exercise solutions in this copy (a student "
                                     "hand-out): the instructor's tests are skipped")
STUDENTS = [EXERCISE_DIR / p.name for p in SOLUTIONS]
TEACHING = ("01_corpus", "02_sentiment", "03_hedging", "04_distinctive_terms", "05_readouts_compared")
PACKAGE = Path(ex.__file__).parent
#: Size limits of the exercise package (modules, functions without their docstring).
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 400, 60


def exercise_of(path):
    return f"ex{int(path.name[:2])}"


# =========================================================================== expected values, worked out
# ex1. Stock labels from VADER's own lexicon (vader_lexicon.txt) and its ±0.05 thresholds:
# 1 no word VADER knows -> 0 -> neutral; 2 clear +1.6, responsible +1.3 -> positive; 3 none -> neutral;
# 4 agreed +1.1 -> positive; 5 stop -1.2 -> negative; 6 critical -1.3 -> negative; 7 clear +1.6 -> positive;
# 8 none -> neutral. (test_ex1_stock_labels_are_plain_vaders recomputes them with vaderSentiment itself.)
STOCK = ["neutral", "positive", "neutral", "positive", "negative", "negative", "positive", "neutral"]
# Diplomatic labels with the overlay (analysis/lexicons/diplomatic_valence.csv) replacing those valences:
# 1 frank and candid -1.5 -> negative; 2 clear 0, who is responsible -2.0, deterioration -1.2 -> negative;
# 3 constructive +1.5, substantive +0.8 -> positive; 4 agreed, stabilize +1.0, lines of communication +0.8
# -> positive; 5 stop, containment -1.5, suppression -1.8 -> negative; 6 critical juncture 0 -> neutral;
# 7 clear 0, red line -1.5 -> negative; 8 at odds -1.0 -> negative.
DIPLOMATIC = ["negative", "negative", "positive", "positive", "negative", "neutral", "negative", "negative"]
# The labels differ on phrases 1, 2, 3, 6, 7, 8; the overlay term behind each, read off the lines above.
CULPRITS = {1: "frank and candid", 2: "who is responsible", 3: "constructive", 6: "critical juncture",
            7: "red line", 8: "at odds"}
# With all-neutral predictions, stock VADER's misses are the phrases it does not call neutral.
ALL_NEUTRAL_MISSES = [2, 4, 5, 6, 7]

# ex2. The ten sentences' two label columns (test_ex2_items_are_the_ones_worked_with checks them).
ITEM_STOCK = ["negative", "positive", "positive", "positive", "positive",
              "positive", "negative", "positive", "neutral", "negative"]
ITEM_DIPLOMATIC = ["negative", "neutral", "negative", "positive", "negative",
                   "positive", "negative", "neutral", "positive", "negative"]
# With my_labels = ITEM_STOCK: stock accuracy 1 and kappa 1 (identical raters). Diplomatic: the labels
# agree on 5 of 10 items (the rule takes 5 where they differ: items 2, 3, 5, 8, 9), so accuracy 0.5;
# chance agreement p_e = (3 negative × 5 + 6 positive × 3 + 1 neutral × 2) / 100 = 0.35, so
# kappa = (0.5 - 0.35) / (1 - 0.35) = 0.15 / 0.65 = 0.23077.
AGREEMENT_WITH_STOCK = {"stock": {"accuracy": 1.0, "kappa": 1.0},
                        "diplomatic": {"accuracy": 0.5, "kappa": 0.15 / 0.65}}
DISAGREE_WITH_STOCK = [2, 3, 5, 8, 9]

# ex3. The 54 US statements hold 10 hedges in 1192 words (sums of the hedges and n_words columns of the
# statement table); "would" is in one of them (cnn-stability 2.2, "would not be in our interest"), so
# adding it as a hedge makes 11. The changed sentences are found with a regular expression below.
US_RATE_WOULD = {"before": 100 * 10 / 1192, "after": 100 * 11 / 1192}
BELIEVE_SENTENCE = ("cnn-stability", 4, 3)  # "... where I believe we can ...": inside the entry "I believe"

# ex4. Statements about each meeting where both sides speak (reported ones included), counted by reading
# the statement table: blinken-qin-call 2 US / 3 China, blinken-xi-meeting 1 / 4, sullivan-wang-vienna 1 / 1.
MEETING = "blinken-qin-call"
# Five most distinctive terms per side by zscore (distinctive_terms' table for the meeting; "manage" and
# "minister" share the fifth zscore, so either is right).
TOP = {"us": ["areas", "as", "statement", "department", "manage"],
       "china": ["had", "relations", "is", "and", "china"]}
# Counted by hand in the meeting's statements: US "areas", "as" ("as well as") and "statement" twice each;
# China "and" three times (difficulties and challenges, viewed and managed, coexistence and win-win).
MAX_COUNT = {"us": 2, "china": 3}
QIN_CALL_SENTENCE = ("visit-confirmed", 12, 1)  # "... areas of potential cooperation," the statement said.
OTHER_MEETING_SENTENCE = ("cnnbrasil-progress", 21, 3)  # "The statement said Xi told Blinken ...": Xi meeting

# ex5. The fictional readout has five lines after its title, one sentence each, all in the US voice.
NEW_STATEMENTS = {"us": 5, "china": 0}

# ex6. With vaderSentiment itself on the corpus text (test_ex6_values_are_plain_vaders recomputes them):
PARAGRAPH = ("visit-confirmed", 19)  # whole -0.7717 against a sentence mean of -0.2366: gap 0.535
PARAGRAPH_SCORES = [-0.6369, -0.1779, -0.5719, 0.4404]
SHARE_STRONGER = 43 / 43  # every one of the 43 paragraphs with two or more sentences
N_LABEL_CHANGES = 4  # cnn-stability 8, cbs-work-in-progress 7, cnnbrasil-progress 12 and 14
N_PARAGRAPHS = 118
EXPLANATION = ("VADER sums the valences of every word it knows and then normalises the sum, so a longer "
               "paragraph accumulates a larger total and saturates, while the mean of the sentence scores "
               "does not grow with length.")


# =========================================================================== independent computations
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def plain_vader(text: str) -> float:
    """vaderSentiment's compound with curly quotes made straight (as the project feeds VADER)."""
    return _vader().polarity_scores(text.translate(_QUOTES))["compound"]


def plain_label(compound: float) -> str:
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


@lru_cache(maxsize=None)
def sentences_with(word: str) -> frozenset:
    """(doc_id, para, sent) of the corpus sentences holding ``word`` as a whole word: a regex, not the matcher."""
    pattern = re.compile(rf"(?<![\w'’-]){word}(?![\w'’-])", re.IGNORECASE)
    s = load_corpus().sentences
    return frozenset((r.doc_id, int(r.para), int(r.sent)) for r in s.itertuples() if pattern.search(r.text))


def sentence_text(key) -> str:
    s = load_corpus().sentences
    return s[(s["doc_id"] == key[0]) & (s["para"] == key[1]) & (s["sent"] == key[2])]["text"].iloc[0]


def reveals(message: str, secret: Any) -> bool:
    """True when ``message`` shows ``secret`` (a string as a whole word, a number in the usual roundings)."""
    if isinstance(secret, str):
        return re.search(rf"(?<![\w-]){re.escape(secret.lower())}(?![\w-])", message.lower()) is not None
    forms = {f"{secret:.2f}", f"{secret:.3f}", f"{secret:.4f}", repr(secret)}
    return any(f in message for f in forms)


# =========================================================================== corpus and lexicon copies
class Copies:
    """Copies outside the repository that ex3 and ex5 answers point at, made on first use."""

    def __init__(self, root: Path):
        self.root = root

    def hedges(self, entry: str, category: str = "hedge") -> Path:
        """A copy of analysis/lexicons/ whose hedges.csv has one more row."""
        folder = self.root / f"lexicons-{entry}-{category}"
        if not folder.exists():
            shutil.copytree(LEXICON_DIR, folder)
            with open(folder / "hedges.csv", "a", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerow([entry, category, "word", "test", "test", ""])
        return folder / "hedges.csv"

    def readout(self, participants: str = "State Department", checksums: bool = True) -> Path:
        """A copy of the corpus plus the fictional readout as doc_id ``exercise-readout``."""
        dest = self.root / f"corpus-{hashlib.sha1(participants.encode()).hexdigest()[:8]}-{checksums}"
        if dest.exists():
            return dest
        shutil.copytree(default_corpus(), dest)
        text = READOUT_FILE.read_text(encoding="utf-8")
        (dest / "raw" / "exercise_readout.txt").write_text(text, encoding="utf-8")
        rows = (("articles.csv", {"doc_id": "exercise-readout", "file": "exercise_readout.txt",
                                  "title": text.splitlines()[0], "outlet": "test", "published": "", "voice": "us",
                                  "meeting_id": "test-call", "notes": "written for the exercise"}),
                ("meetings.csv", {"meeting_id": "test-call", "date": "", "place": "",
                                  "participants": participants, "description": "test"}))
        for name, row in rows:
            with open(dest / name, encoding="utf-8") as fh:
                columns = next(csv.reader(fh))
            with open(dest / name, "a", encoding="utf-8", newline="") as fh:
                csv.DictWriter(fh, fieldnames=columns, lineterminator="\n").writerow(row)
        if checksums:
            write_checksums(dest)
        return dest


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    return Copies(tmp_path_factory.mktemp("exercise-copies"))


def hedge_row(entry: str, category: str = "hedge") -> dict:
    return {"entry": entry, "category": category, "kind": "word", "source": "test", "note": "test"}


def _us_statement_mean(sentences, column: str) -> float:
    us = select_statements(sentences)
    return float(us[us["side"] == "us"][column].mean())


@lru_cache(maxsize=None)
def analysed(folder: Path | None = None):
    """analyse() of a corpus folder (None: the bundled corpus), once per test session."""
    return analyse(folder)


def pooled_change(c: Copies, column: str = "compound_diplomatic") -> dict:
    """The change of the US and China means over statements, with plain pandas means (not compare_sides).
    No China statement is added, so China's change is 0 (by hand)."""
    new, old = analysed(c.readout()).sentences, analysed().sentences
    return {"us": _us_statement_mean(new, column) - _us_statement_mean(old, column), "china": 0.0}


# =========================================================================== the cases
@dataclass
class Case:
    """One answer to one question; ``answer``/``earlier`` may be functions of the :class:`Copies`."""

    qid: str
    name: str
    answer: Any
    earlier: tuple = ()
    secrets: tuple = ()  # what the failure message must not show (the expected value)
    says: str = ""  # a fragment the failure message must contain (what is wrong)

    def values(self, c: Copies):
        get = (lambda x: x(c) if callable(x) else x)
        return get(self.answer), [get(e) for e in self.earlier]


def _with(base: list, i: int, value) -> list:
    out = list(base)
    out[i] = value
    return out


WOULD = (lambda c: c.hedges("would"),)
READOUT = (lambda c: c.readout(),)
NEUTRAL8 = ["neutral"] * 8
T, TM = (TOP,), (TOP, MEETING)
READING = {"term": "statement", "sentence": lambda: sentence_text(QIN_CALL_SENTENCE),
           "comment": "The term comes from the narration around the quotation, not from the speaker's own framing."}


def _reading(**change) -> Any:
    return lambda c: {k: (v() if callable(v) else v) for k, v in {**READING, **change}.items()}


RIGHT = [
    Case("ex1.q1", "solution predictions", DIPLOMATIC),
    Case("ex1.q1", "any case and spaces", [f" {x.upper()} " for x in STOCK]),
    Case("ex1.q2", "stock labels", STOCK),
    Case("ex1.q2", "numpy array", np.array(STOCK)),
    Case("ex1.q3", "diplomatic labels", DIPLOMATIC),
    Case("ex1.q4", "misses in any order", ALL_NEUTRAL_MISSES[::-1], (NEUTRAL8,)),
    Case("ex1.q5", "one term each", CULPRITS),
    Case("ex1.q5", "other overlay terms, as lists", {**CULPRITS, 2: ["deterioration", "clear"], 7: ["clear"]}),
    Case("ex2.q1", "stock labels as mine", ITEM_STOCK),
    Case("ex2.q2", "agreement with own labels", AGREEMENT_WITH_STOCK, (ITEM_STOCK,)),
    # All-neutral labels: stock agrees on item 9 (0.1), diplomatic on items 2 and 8 (0.2); a constant
    # rater's kappa is 0 (p_o = p_e).
    Case("ex2.q2", "all neutral", {"stock": {"accuracy": 0.1, "kappa": 0.0},
                                   "diplomatic": {"accuracy": 0.2, "kappa": 0.0}}, (["neutral"] * 10,)),
    Case("ex2.q3", "disagreements", DISAGREE_WITH_STOCK, (ITEM_STOCK,)),
    Case("ex3.q1", "would", hedge_row("would"), WOULD),
    Case("ex3.q1", "potential", hedge_row("potential"), (lambda c: c.hedges("potential"),)),
    Case("ex3.q2", "the sentences with would", lambda c: sorted(sentences_with("would")), WOULD),
    Case("ex3.q3", "US rate before and after", US_RATE_WOULD, WOULD),
    Case("ex4.q1", "the qin call", MEETING),
    Case("ex4.q2", "top five each", TOP, (MEETING,)),
    Case("ex4.q2", "the tie at fifth, any order and case",
         {"us": ["MINISTER", "department", "statement", "as", "areas"], "china": TOP["china"][::-1]}, (MEETING,)),
    Case("ex4.q3", "largest counts", MAX_COUNT, TM),
    Case("ex4.q4", "a reading", _reading(), TM),
    Case("ex5.q1", "doc_id", "exercise-readout", READOUT),
    Case("ex5.q2", "statements added", NEW_STATEMENTS, READOUT),
    Case("ex5.q3", "pooled change", lambda c: pooled_change(c), READOUT),
    Case("ex6.q1", "largest gap", PARAGRAPH),
    Case("ex6.q1", "as a list", list(PARAGRAPH)),
    Case("ex6.q2", "sentence scores", PARAGRAPH_SCORES, (PARAGRAPH,)),
    Case("ex6.q2", "as a Series", pd.Series(PARAGRAPH_SCORES), (PARAGRAPH,)),
    Case("ex6.q3", "share", SHARE_STRONGER),
    Case("ex6.q4", "label changes", N_LABEL_CHANGES),
    Case("ex6.q4", "as a float", float(N_LABEL_CHANGES)),
    Case("ex6.q5", "explanation", EXPLANATION),
]

WRONG = [
    Case("ex1.q1", "one phrase forgotten", DIPLOMATIC[:7], says="7 labels"),
    Case("ex1.q1", "abbreviated labels", ["pos", "neg", "pos", "pos", "neg", "neu", "neg", "neg"],
         says="not one of"),
    Case("ex1.q2", "diplomatic instead of stock", DIPLOMATIC, secrets=("neutral", "positive", "negative")),
    Case("ex1.q2", "critical juncture read as neutral", _with(STOCK, 5, "neutral"),
         secrets=("neutral", "positive", "negative"), says="phrase 6"),
    Case("ex1.q3", "stock instead of diplomatic", STOCK, secrets=("neutral", "positive", "negative")),
    Case("ex1.q3", "the overlay's constructive overlooked", _with(DIPLOMATIC, 2, "neutral"),
         secrets=("neutral", "positive", "negative"), says="phrase 3"),
    Case("ex1.q4", "against the diplomatic labels", [1, 2, 3, 4, 5, 7, 8], (NEUTRAL8,), secrets=("2, 4, 5, 6, 7",)),
    Case("ex1.q4", "numbered from 0", [n - 1 for n in ALL_NEUTRAL_MISSES], (NEUTRAL8,), secrets=("2, 4, 5, 6, 7",)),
    Case("ex1.q4", "one miss left out", ALL_NEUTRAL_MISSES[:-1], (NEUTRAL8,), says="missing"),
    Case("ex1.q5", "stock VADER's word, not the overlay's", {**CULPRITS, 2: "responsible"},
         secrets=("who is responsible", "deterioration"), says="phrase 2"),
    Case("ex1.q5", "a phrase whose label does not change", {**CULPRITS, 4: "stabilize"}, says="phrase 4"),
    Case("ex1.q5", "a phrase left out", {n: t for n, t in CULPRITS.items() if n != 8}, says="missing"),
    Case("ex2.q1", "one sentence forgotten", ITEM_STOCK[:9], says="9 labels"),
    Case("ex2.q1", "abbreviated labels", ["neg"] * 10, says="not one of"),
    Case("ex2.q2", "stock and diplomatic swapped",
         {"stock": AGREEMENT_WITH_STOCK["diplomatic"], "diplomatic": AGREEMENT_WITH_STOCK["stock"]}, (ITEM_STOCK,),
         secrets=(1.0, 0.5, 0.15 / 0.65), says="stock accuracy"),
    Case("ex2.q2", "percentages", {"stock": {"accuracy": 100, "kappa": 1.0},
                                   "diplomatic": {"accuracy": 50, "kappa": 0.15 / 0.65}}, (ITEM_STOCK,),
         says="not a percentage"),
    Case("ex2.q2", "accuracy copied as kappa",
         {**AGREEMENT_WITH_STOCK, "diplomatic": {"accuracy": 0.5, "kappa": 0.5}}, (ITEM_STOCK,),
         secrets=(0.15 / 0.65,), says="diplomatic kappa"),
    Case("ex2.q3", "against the stock column", [], (ITEM_STOCK,), secrets=("2, 3, 5, 8, 9",), says="missing"),
    Case("ex2.q3", "numbered from 0", [n - 1 for n in DISAGREE_WITH_STOCK], (ITEM_STOCK,),
         secrets=("2, 3, 5, 8, 9",)),
    Case("ex3.q1", "inside a longer entry (I believe)", hedge_row("believe"),
         (lambda c: c.hedges("believe"),), says="changes no hedge count"),
    Case("ex3.q1", "already a booster", hedge_row("really"), (lambda c: c.hedges("really"),),
         says="already in boosters"),
    Case("ex3.q1", "category misspelt", hedge_row("would", "hedges"), (lambda c: c.hedges("would", "hedges"),),
         says="does not load"),
    Case("ex3.q1", "the bundled file edited", hedge_row("would"), (LEXICON_DIR / "hedges.csv",),
         says="outside the repository"),
    Case("ex3.q2", "one sentence left out", lambda c: sorted(sentences_with("would"))[1:], WOULD,
         says="1 sentence(s)"),
    Case("ex3.q2", "only the US statement", [("cnn-stability", 2, 2)], WOULD, says="missing"),
    Case("ex3.q2", "a sentence whose count does not change",
         lambda c: sorted(sentences_with("would")) + [BELIEVE_SENTENCE], WOULD, says="does not change"),
    Case("ex3.q2", "paragraphs numbered from 0", lambda c: [(d, p - 1, s) for d, p, s in sentences_with("would")],
         WOULD),
    Case("ex3.q3", "counts instead of rates", {"before": 10, "after": 11}, WOULD,
         secrets=tuple(US_RATE_WOULD.values())),
    Case("ex3.q3", "per word instead of per 100 words", {k: v / 100 for k, v in US_RATE_WOULD.items()}, WOULD,
         secrets=tuple(US_RATE_WOULD.values())),
    Case("ex3.q3", "before and after swapped", {"before": US_RATE_WOULD["after"], "after": US_RATE_WOULD["before"]},
         WOULD, secrets=tuple(US_RATE_WOULD.values())),
    # The mean of the per-sentence rates, not the pooled rate: 0.698 before, far from 0.839.
    Case("ex3.q3", "mean of the sentence rates",
         lambda c: {"before": _us_statement_mean(analysed().sentences, "hedges_per_100w"),
                    "after": US_RATE_WOULD["after"]}, WOULD, secrets=tuple(US_RATE_WOULD.values())),
    Case("ex4.q1", "most statements, one side", "blinken-beijing-press-conference", secrets=(MEETING,),
         says="only one side"),
    Case("ex4.q1", "most China statements", "blinken-xi-meeting", secrets=(MEETING,), says="another meeting"),
    Case("ex4.q2", "by count, not zscore", {"us": ["the", "of", "to", "blinken", "areas"],
                                            "china": ["the", "and", "of", "is", "relations"]}, (MEETING,),
         secrets=("statement", "department", "manage", "minister"), says="'the'"),
    Case("ex4.q2", "the sixth for the fifth", {**TOP, "us": TOP["us"][:4] + ["continue"]}, (MEETING,),
         secrets=("manage", "minister"), says="'continue'"),
    Case("ex4.q2", "sides swapped", {"us": TOP["china"], "china": TOP["us"]}, (MEETING,),
         secrets=tuple(TOP["us"])),
    Case("ex4.q3", "sum instead of largest", {"us": 8, "china": 11}, TM, secrets=("2", "3")),
    Case("ex4.q3", "largest of all the side's terms", {"us": 4, "china": 6}, TM, secrets=("2", "3")),
    Case("ex4.q4", "a sentence about another meeting",
         _reading(sentence=lambda: sentence_text(OTHER_MEETING_SENTENCE)), TM, says="not (part of) a statement about this meeting"),
    Case("ex4.q4", "a fragment without the term",
         _reading(sentence="made it clear that the US will continue to use diplomatic engagement"), TM,
         says="does not contain"),
    Case("ex4.q4", "a term not in the top five", _reading(term="communication"), TM, says="not one of your top"),
    Case("ex4.q4", "a comment of three words", _reading(comment="press narration, mostly"), TM, says="too short"),
    Case("ex5.q1", "the file name", "exercise_readout.txt", READOUT, secrets=("exercise-readout",)),
    Case("ex5.q1", "a bundled article", "cnn-stability", READOUT, secrets=("exercise-readout",)),
    Case("ex5.q1", "checksums not written", "exercise-readout", (lambda c: c.readout(checksums=False),),
         says="write_checksums"),
    Case("ex5.q1", "participants that pull other statements", "exercise-readout",
         (lambda c: c.readout("State Department;Chinese Foreign Ministry"),), says="changed the meeting"),
    Case("ex5.q1", "the corpus itself", "exercise-readout", (BUNDLED_CORPUS,), says="outside the repository"),
    Case("ex5.q2", "the title counted", {"us": 6, "china": 0}, READOUT, says="'us'"),
    Case("ex5.q2", "sides swapped", {"us": 0, "china": 5}, READOUT),
    Case("ex5.q2", "all statements of the copy", {"us": 59, "china": 9}, READOUT),
    Case("ex5.q3", "stock compound", lambda c: pooled_change(c, "compound"), READOUT,
         secrets=(lambda c: pooled_change(c)["us"],)),
    Case("ex5.q3", "bundled minus new", lambda c: {s: -v for s, v in pooled_change(c).items()}, READOUT,
         secrets=(lambda c: pooled_change(c)["us"],)),
    Case("ex5.q3", "the new pooled value, not the change",
         lambda c: {"us": _us_statement_mean(analysed(c.readout()).sentences, "compound_diplomatic"),
                    "china": 0.0},
         READOUT, secrets=(lambda c: pooled_change(c)["us"],)),
    Case("ex6.q1", "signed gap, not its size", ("cnnbrasil-progress", 28), secrets=("visit-confirmed",)),
    Case("ex6.q1", "strongest whole score", ("cnnbrasil-progress", 21), secrets=("visit-confirmed",)),
    Case("ex6.q1", "paragraph numbered from 0", (PARAGRAPH[0], PARAGRAPH[1] - 1)),
    Case("ex6.q2", "reversed", PARAGRAPH_SCORES[::-1], (PARAGRAPH,), secrets=tuple(PARAGRAPH_SCORES)),
    # The diplomatic compounds of the paragraph's sentences (explain() shows them): -0.7717, -0.4939, ...
    Case("ex6.q2", "diplomatic instead of stock", [-0.7717, -0.4939, -0.7717, 0.4404], (PARAGRAPH,),
         secrets=tuple(PARAGRAPH_SCORES)),
    Case("ex6.q2", "last sentence left out", PARAGRAPH_SCORES[:3], (PARAGRAPH,), secrets=tuple(PARAGRAPH_SCORES)),
    Case("ex6.q3", "over all paragraphs", 43 / N_PARAGRAPHS, secrets=(SHARE_STRONGER,)),
    Case("ex6.q3", "count instead of share", 43, says="between 0 and 1"),
    Case("ex6.q3", "the other way round", 1 - SHARE_STRONGER, secrets=(SHARE_STRONGER,)),
    Case("ex6.q4", "one too many", N_LABEL_CHANGES + 1, secrets=(str(N_LABEL_CHANGES),)),
    Case("ex6.q4", "diplomatic labels (three change)", 3, secrets=(str(N_LABEL_CHANGES),)),
    Case("ex6.q4", "share instead of count", N_LABEL_CHANGES / N_PARAGRAPHS, secrets=(str(N_LABEL_CHANGES),)),
    Case("ex6.q5", "mechanism only", "VADER sums the valences of the words, so a longer paragraph saturates "
                                     "towards one and the score is then very strong.", says="mean"),
    Case("ex6.q5", "vague", "I think the two numbers are different because they are computed in two different "
                            "ways here.", says="what VADER does"),
]


def _case_id(case: Case) -> str:
    return f"{case.qid}-{case.name}"


def test_every_question_has_a_right_and_a_wrong_case():
    right, wrong = {c.qid for c in RIGHT}, {c.qid for c in WRONG}
    assert set(QUESTIONS) <= right, sorted(set(QUESTIONS) - right)
    assert set(QUESTIONS) <= wrong, sorted(set(QUESTIONS) - wrong)


@pytest.mark.parametrize("case", RIGHT, ids=_case_id)
def test_right_answer_passes(case, copies):
    answer, earlier = case.values(copies)
    result = check(case.qid, answer, *earlier)
    assert result.passed, result.message


@pytest.mark.parametrize("case", WRONG, ids=_case_id)
def test_plausible_wrong_answer_fails_without_revealing_the_answer(case, copies):
    answer, earlier = case.values(copies)
    result = check(case.qid, answer, *earlier)
    assert not result.passed
    assert result.message.startswith(f"{case.qid}: not yet: ") and "no answer yet" not in result.message
    assert "could not be read" not in result.message, result.message  # a message, not a caught exception
    assert case.says in result.message, result.message
    for secret in case.secrets:
        secret = secret(copies) if callable(secret) else secret
        assert not reveals(result.message, secret), (secret, result.message)


# --------------------------------------------------------------------------- the hand values still hold
def test_ex1_stock_labels_are_plain_vaders():
    assert [plain_label(plain_vader(p)) for p in PHRASES] == STOCK


def test_ex2_items_are_the_ones_worked_with():
    items = labelling_sentences()
    assert items["item"].tolist() == list(range(1, 11))
    assert items["label"].tolist() == ITEM_STOCK and items["label_diplomatic"].tolist() == ITEM_DIPLOMATIC
    assert items["text"].map(lambda t: 8 <= len(t.split()) <= 40).all()


def test_ex3_would_sentences_are_those_the_regex_finds():
    keys = sentences_with("would")
    assert len(keys) == 9 and ("cnn-stability", 2, 2) in keys and BELIEVE_SENTENCE not in keys


def test_ex6_values_are_plain_vaders():
    corpus = load_corpus()
    sentences = corpus.sentences.assign(c=[plain_vader(t) for t in corpus.sentences["text"]])
    means = sentences.groupby(["doc_id", "para"])["c"].agg(["mean", "size"])
    whole = corpus.paragraphs.set_index(["doc_id", "para"])["text"].map(plain_vader)
    table = means.join(whole.rename("whole"))
    gap = (table["whole"] - table["mean"]).abs()
    assert len(table) == N_PARAGRAPHS and gap.idxmax() == PARAGRAPH
    rows = sentences[(sentences["doc_id"] == PARAGRAPH[0]) & (sentences["para"] == PARAGRAPH[1])]
    assert rows.sort_values("sent")["c"].tolist() == PARAGRAPH_SCORES
    multi = table[table["size"] >= 2]
    assert (multi["whole"].abs() > multi["mean"].abs()).mean() == SHARE_STRONGER and len(multi) == 43
    assert (table["whole"].map(plain_label) != table["mean"].map(plain_label)).sum() == N_LABEL_CHANGES


# --------------------------------------------------------------------------- check, progress, blanks
@pytest.mark.parametrize("blank", [..., None, "  ", [..., ...], {"a": ..., "b": None}])
def test_a_blank_answer_says_no_answer_yet(blank):
    result = check("ex2.q2", blank, ITEM_STOCK)
    assert not result.passed
    assert result.message == "ex2.q2: not yet: no answer yet (replace the ... with your answer)."


def test_every_question_fails_on_the_placeholder_without_running_its_check(monkeypatch):
    def boom(*args):
        raise AssertionError("a check function ran on a blank answer")

    for qid, q in QUESTIONS.items():
        monkeypatch.setitem(QUESTIONS, qid, ex.Question(q.qid, q.what, q.usage, boom, q.needs))
        result = check(qid, ..., *(["x"] * len(q.needs)))
        assert result.message == f"{qid}: not yet: no answer yet (replace the ... with your answer)."


def test_check_prints_and_returns_a_result(capsys):
    result = check("ex6.q3", 2.5)
    assert isinstance(result, CheckResult) and not result and result.question == "ex6.q3"
    assert capsys.readouterr().out == result.message + "\n"
    assert "between 0 and 1" in result.message


def test_unknown_question_and_missing_earlier_answer_fail():
    assert "no question" in check("ex9.q9", 1).message
    assert 'check("ex2.q2", answer, my_labels)' in check("ex2.q2", {"stock": 1}).message
    assert "no answer yet for my_labels" in check("ex2.q2", {"stock": 1}, ...).message


def test_progress_lists_right_not_yet_and_unchecked(capsys, monkeypatch):
    from analysis.teach.exercises import checks

    monkeypatch.setattr(checks, "_RESULTS", [])
    check("ex6.q3", SHARE_STRONGER)
    check("ex6.q4", N_LABEL_CHANGES + 1)
    capsys.readouterr()
    ex.progress("ex6")
    assert capsys.readouterr().out == ("ex6: 1 of 5 right; not yet: ex6.q4; "
                                       "not checked: ex6.q1, ex6.q2, ex6.q5.\n")


def test_is_blank():
    assert is_blank("...") and is_blank([None]) and is_blank({"us": [...], "china": [...]})
    assert not is_blank([]) and not is_blank(0) and not is_blank(False) and not is_blank({"a": 1, "b": ...})


def test_numbers_are_checked_with_their_tolerance():
    assert check("ex6.q3", SHARE_STRONGER - 0.009).passed  # within RATE_TOLERANCE (0.01)
    assert not check("ex6.q3", SHARE_STRONGER - 0.011).passed
    assert check("ex6.q2", [v + 0.0009 for v in PARAGRAPH_SCORES], PARAGRAPH).passed  # SCORE_TOLERANCE (0.001)
    assert not check("ex6.q2", [PARAGRAPH_SCORES[0] + 0.0011, *PARAGRAPH_SCORES[1:]], PARAGRAPH).passed
    assert not check("ex6.q4", N_LABEL_CHANGES + 0.4).passed  # whole numbers are exact


def test_list_checks_accept_numpy_pandas_and_sets_where_order_does_not_matter():
    for convert in (np.array, pd.Series, tuple):
        assert check("ex1.q2", convert(STOCK)).passed and check("ex1.q3", convert(DIPLOMATIC)).passed
    for answer in ([np.int64(i) for i in ALL_NEUTRAL_MISSES], np.array(ALL_NEUTRAL_MISSES),
                   pd.Series(ALL_NEUTRAL_MISSES), set(ALL_NEUTRAL_MISSES), [float(i) for i in ALL_NEUTRAL_MISSES]):
        assert check("ex1.q4", answer, np.array(NEUTRAL8)).passed, answer
    assert "whole numbers" in check("ex1.q4", ALL_NEUTRAL_MISSES[:-1] + [7.5], NEUTRAL8).message
    assert "whole numbers" in check("ex1.q4", [True], NEUTRAL8).message
    assert "should be a list" in check("ex1.q4", np.array([ALL_NEUTRAL_MISSES]), NEUTRAL8).message
    assert "a set has no order" in check("ex1.q2", set(STOCK)).message
    assert check("ex1.q5", {np.int64(n): t for n, t in CULPRITS.items()}).passed
    wrong_type = check("ex1.q5", {**CULPRITS, 1: 3}).message
    assert "phrase 1, give the term as a string" in wrong_type and "no term given yet" not in wrong_type
    assert check("ex2.q1", pd.Series(ITEM_STOCK)).passed and check("ex2.q1", np.array(ITEM_STOCK)).passed
    assert check("ex2.q3", np.array(DISAGREE_WITH_STOCK), pd.Series(ITEM_STOCK)).passed


def test_paragraph_checks_take_numpy_numbers_and_reject_fractional_ones():
    assert check("ex6.q1", (PARAGRAPH[0], np.int64(PARAGRAPH[1]))).passed
    assert check("ex6.q2", np.array(PARAGRAPH_SCORES), (PARAGRAPH[0], float(PARAGRAPH[1]))).passed
    for para in (PARAGRAPH[1] + 0.7, True):
        result = check("ex6.q1", (PARAGRAPH[0], para))
        assert not result.passed and "whole number" in result.message


def test_q2_before_q1_says_get_q1_right_first():
    assert "get q1 right first" in check("ex4.q2", TOP, "biden-xi-bali").message
    assert "get q1 right first" in check("ex6.q2", PARAGRAPH_SCORES, ("cnnbrasil-progress", 28)).message
    assert "get q2 right first" in check("ex4.q3", MAX_COUNT, {**TOP, "us": TOP["china"]}, MEETING).message


@pytest.mark.parametrize("answer", [
    "I do not know what this means, sorry, I could not work out why the two numbers differ at all.",
    "sum " * 15,
    "sum mean " * 8,
    "In addition, the summary is meaningful: totally different averages seem normal here, as everyone knows.",
    "VADER sums valences.",
])
def test_explanation_check_rejects_vague_short_repeated_and_substring_answers(answer):
    assert not check("ex6.q5", answer).passed


# --------------------------------------------------------------------------- exercise 3: the lexicon copy
def test_an_edited_copy_counts_at_the_next_check(tmp_path):
    """The copy is read by content: rewriting it (same path, no restart) changes what the checks count."""
    shutil.copytree(LEXICON_DIR, tmp_path / "lexicons")
    path = tmp_path / "lexicons" / "hedges.csv"
    bundled = (LEXICON_DIR / "hedges.csv").read_text(encoding="utf-8")
    for entry in ("would", "potential"):
        path.write_text(bundled + f"{entry},hedge,word,test,test,\n", encoding="utf-8")
        assert check("ex3.q1", hedge_row(entry), path).passed
        assert check("ex3.q2", sorted(sentences_with(entry)), path).passed
    assert not check("ex3.q2", sorted(sentences_with("would")), path).passed


def test_exercise3_append_cell_rebuilds_the_copy_on_every_run(tmp_path):
    """Rerunning the cell that appends new_entry, even after editing the entry, leaves one new row."""
    nb = nbformat.read(EXERCISE_DIR / "03_extend_hedge_lexicon.ipynb", as_version=4)
    cell = next(c.source for c in nb.cells if c.cell_type == "code" and "shutil.copyfile" in c.source)
    shutil.copytree(LEXICON_DIR, tmp_path / "lexicons")
    hedges_copy = tmp_path / "lexicons" / "hedges.csv"
    bundled = (LEXICON_DIR / "hedges.csv").read_text(encoding="utf-8")
    namespace = {"csv": csv, "shutil": shutil, "pd": pd, "LEXICON_DIR": LEXICON_DIR, "hedges_copy": hedges_copy}
    for entry in ("would", "would", "potential"):
        namespace["new_entry"] = hedge_row(entry)
        exec(cell, namespace)
        text = hedges_copy.read_text(encoding="utf-8")
        assert text.startswith(bundled) and text[len(bundled):].count("\n") == 1
        assert text[len(bundled):].startswith(entry + ",")
    assert check("ex3.q1", namespace["new_entry"], hedges_copy).passed
    namespace["new_entry"] = {**hedge_row("x"), "entry": ..., "note": ...}
    exec(cell, namespace)
    assert hedges_copy.read_text(encoding="utf-8") == bundled


def test_hedge_counts_counts_with_the_given_list(tmp_path):
    texts = ["It would help.", "We believe it may rain in May.", "We must act."]
    # Bundled: "would" is no hedge; "We believe" is one entry, "may" the modal one more; May the month none.
    assert ex.hedge_counts(texts, LEXICON_DIR / "hedges.csv") == [0, 2, 0]
    shutil.copytree(LEXICON_DIR, tmp_path / "lexicons")
    path = tmp_path / "lexicons" / "hedges.csv"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("would,hedge,word,test,test,\n")
    assert ex.hedge_counts(texts, path) == [1, 2, 0]


# --------------------------------------------------------------------------- the notebooks (slow)
def _snapshot():
    """SHA-256 of every file the notebooks must never write: corpus/, figures/, analysis/lexicons/."""
    folders = (BUNDLED_CORPUS, ROOT / "figures", LEXICON_DIR)
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest()
            for folder in folders for f in sorted(folder.rglob("*")) if f.is_file()}


@pytest.fixture(scope="module")
def executed():
    """Every solution and student notebook executed once: (one row per notebook × question, files before, after)."""
    names = [f"solutions/{p.name}" for p in SOLUTIONS] + [p.name for p in STUDENTS]
    before = _snapshot()
    table = ex.grade_notebooks(SOLUTIONS + STUDENTS, timeout=120, jobs=2, names=names)
    return table, before, _snapshot()


@needs_solutions
def test_at_least_six_exercises_each_with_its_questions():
    assert len(SOLUTIONS) >= 6
    for path in SOLUTIONS:
        assert questions_for(exercise_of(path)), path.name
    assert {q.split(".")[0] for q in QUESTIONS} == {exercise_of(p) for p in SOLUTIONS}


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_executes_and_passes_every_check(executed, path):
    graded = executed[0]
    rows = graded[graded["notebook"] == f"solutions/{path.name}"]
    assert (rows["error"] == "").all(), rows["error"].iloc[0]
    assert rows["question"].tolist() == questions_for(exercise_of(path))
    failed = rows[~rows["passed"]]
    assert failed.empty, failed["message"].tolist()


@pytest.mark.slow
@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_blank_student_version_reaches_and_fails_every_check(executed, path):
    graded = executed[0]
    rows = graded[graded["notebook"] == path.name]
    assert (rows["error"] == "").all(), f"the blank notebook crashed: {rows['error'].iloc[0]}"
    assert rows["question"].tolist() == questions_for(exercise_of(path))
    assert not rows["passed"].any(), rows[rows["passed"]]["question"].tolist()
    for message in rows["message"]:
        assert "not yet: no answer yet" in message, message


@pytest.mark.slow
def test_notebooks_never_write_in_the_corpus_figures_or_lexicons(executed):
    _, before, after = executed
    changed = sorted(f for f in set(before) | set(after) if before.get(f) != after.get(f))
    assert not changed, changed


@needs_solutions
def test_student_versions_are_up_to_date():
    assert ex.verify() == []


@pytest.mark.parametrize("path", STUDENTS, ids=lambda p: p.stem)
def test_student_version_states_goal_prerequisites_time_and_hides_solutions(path):
    nb = nbformat.read(path, as_version=4)
    header = nb.cells[0].source
    for field in ("Learning goal", "Prerequisites", "Estimated time"):
        assert f"**{field}:**" in header
    assert any(name in header for name in TEACHING)
    text = path.read_text(encoding="utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "PLACEHOLDER", '"solution"', '"hidden"'):
        assert marker not in text, marker
    assert not any(c.get("outputs") or c.get("execution_count") for c in nb.cells if c.cell_type == "code")
    solution = nbformat.read(SOLUTION_DIR / path.name, as_version=4)
    for cell in solution.cells:
        tags = cell.metadata.get("tags", [])
        if cell.cell_type == "markdown" and "solution" in tags:
            assert cell.source not in text
        if "hidden" in tags:
            assert cell.id not in {c.id for c in nb.cells}


# --------------------------------------------------------------------------- generation
def test_student_source_keeps_placeholders_with_their_indentation():
    src = ("def f():\n    # BEGIN SOLUTION\n    # PLACEHOLDER: return ...\n    return 42\n    # END SOLUTION\n"
           "print(f())")
    assert student_source(src) == "def f():\n    return ...\nprint(f())"
    assert student_source("# BEGIN SOLUTION\nsecret = 1\n# END SOLUTION") == ex.CODE_PLACEHOLDER
    two = ("a = 1\n# BEGIN SOLUTION\nb = 2\n# END SOLUTION\nc = 3\n"
           "# BEGIN SOLUTION\n# PLACEHOLDER: d = ...\nd = 4\n# END SOLUTION")
    assert student_source(two) == "a = 1\nc = 3\nd = ..."


@pytest.mark.parametrize("src, words", [
    ("# BEGIN SOLUTION\nx = 1", "line 1: '# BEGIN SOLUTION' is never closed"),
    ("x = 1\n# END SOLUTION", "line 2: '# END SOLUTION' without a"),
    ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "line 2: '# BEGIN SOLUTION' inside another"),
    ("# PLACEHOLDER: x = ...", "line 1: '# PLACEHOLDER:' outside a solution block"),
    ("#BEGIN SOLUTION\nx = 1\n# END SOLUTION", "line 1: '#BEGIN SOLUTION' looks like a marker"),
    ("x = 1", "has no"),
])
def test_student_source_rejects_broken_markers(src, words):
    with pytest.raises(ExerciseFormatError, match=re.escape(words)):
        student_source(src, "nb, cell 2")


def _tiny_solution():
    cells = [
        new_markdown_cell("# T\n\n**Learning goal:** g\n\n**Prerequisites:** 02_sentiment\n\n**Estimated time:** 5 minutes."),
        new_code_cell("# BEGIN SOLUTION\n# PLACEHOLDER: share = ...\nshare = 0.5\n# END SOLUTION", metadata={"tags": ["solution"]}),
        new_markdown_cell("My explanation.", metadata={"tags": ["solution"]}),
        new_code_cell("assert share == 0.5", metadata={"tags": ["hidden"]}),
        new_code_cell('check("ex6.q3", share)'),
    ]
    cells[1].outputs = [nbformat.v4.new_output("stream", text="0.5\n")]
    cells[1].execution_count = 3
    return new_notebook(cells=cells)


def test_student_notebook_replaces_removes_and_strips():
    sol = _tiny_solution()
    nb = student_notebook(sol, "06_x.ipynb")
    assert [c.source for c in nb.cells] == [sol.cells[0].source, "share = ...", ex.MARKDOWN_PLACEHOLDER,
                                            'check("ex6.q3", share)']
    assert nb.cells[1].metadata["tags"] == ["answer"] and nb.cells[1].outputs == []
    assert nb.cells[1].execution_count is None
    assert [c.id for c in nb.cells] == [sol.cells[i].id for i in (0, 1, 2, 4)]
    assert sol.cells[1].source.startswith("# BEGIN")  # the solution itself is untouched


def test_marker_in_an_untagged_cell_is_an_error():
    sol = _tiny_solution()
    sol.cells[1].metadata["tags"] = []
    with pytest.raises(ExerciseFormatError, match="not tagged"):
        student_notebook(sol, "06_x.ipynb")


@needs_solutions
def test_build_is_deterministic_and_verify_finds_stale_missing_and_orphan(tmp_path):
    sols, out = tmp_path / "solutions", tmp_path / "out"
    shutil.copytree(SOLUTION_DIR, sols)
    first = ex.build(sols, out)
    assert len(first) == len(SOLUTIONS)
    snapshot = {p.name: p.read_bytes() for p in out.glob("*.ipynb")}
    assert ex.build(sols, out) == []  # nothing changed
    assert {p.name: p.read_bytes() for p in out.glob("*.ipynb")} == snapshot
    assert {n: (EXERCISE_DIR / n).read_bytes() for n in snapshot} == snapshot
    assert ex.verify(sols, out) == []
    victim = out / SOLUTIONS[0].name
    victim.write_text(victim.read_text(encoding="utf-8").replace("Learning goal", "Goal"), encoding="utf-8")
    (out / SOLUTIONS[1].name).unlink()
    shutil.copy(SOLUTIONS[2], out / "99_orphan.ipynb")
    problems = "\n".join(ex.verify(sols, out))
    assert "stale" in problems and "missing" in problems and "no solution notebook" in problems
    assert ex.main(["verify"]) == 0


def test_lint_requires_header_and_every_question():
    sol = _tiny_solution()
    sol.cells[0].source = "# T"
    sol.cells[4].source += '\ncheck("ex6.q9", 1)'
    problems = "\n".join(ex.lint_solution(sol, "06_x.ipynb"))
    assert "Learning goal" in problems and "ex6.q1 is never checked" in problems and "has outputs" in problems
    assert "'ex6.q9', ...) is not a known question" in problems and "ex3.q1" not in problems


@needs_solutions
@pytest.mark.slow
@pytest.mark.parametrize("module", ["analysis.teach.exercises", "analysis.exercises"])
def test_both_module_names_run_the_command_line(module):
    r = subprocess.run([sys.executable, "-m", module, "verify"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "up to date" in r.stderr, r.stderr


def test_the_alias_module_exports_what_the_notebooks_import():
    import analysis.exercises as alias

    for name in ("check", "progress", "PHRASES", "READOUT_FILE", "labelling_sentences", "hedge_counts", "main"):
        assert getattr(alias, name) is getattr(ex, name), name


def _function_lengths(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            start = body[0].lineno if body else node.lineno
            yield node.name, node.end_lineno - start + 1


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_exercise_modules_stay_small(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    long = [(n, k) for n, k in _function_lengths(ast.parse(text)) if k > MAX_FUNCTION_LINES]
    assert not long, long


# --------------------------------------------------------------------------- grading
@needs_solutions
@pytest.mark.slow
def test_grade_a_folder_from_the_command_line(tmp_path, capsys):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(SOLUTION_DIR / "06_sentence_vs_paragraph.ipynb", folder / "alice_06.ipynb")
    shutil.copy(EXERCISE_DIR / "01_predict_sentiment.ipynb", folder / "bob_01.ipynb")
    broken = new_notebook(cells=[
        new_code_cell("from analysis.teach.exercises import check"),
        new_code_cell('check("ex6.q3", 0.25)\ncheck("ex6.q3", 2)'),
        new_code_cell('raise RuntimeError("boom")'),
        new_code_cell('check("ex6.q4", 3)'),
    ])
    nbformat.write(broken, folder / "carol_06.ipynb")
    (folder / "dave.ipynb").write_text("not a notebook", encoding="utf-8")
    out = tmp_path / "grades.csv"
    assert ex.main(["grade", str(folder), "-o", str(out), "--jobs", "2", "--timeout", "60"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ex.GRADE_COLUMNS
    by = {}
    for r in rows:
        by.setdefault(r["notebook"], []).append(r)
    assert [r["passed"] for r in by["alice_06.ipynb"]] == ["True"] * len(questions_for("ex6"))
    assert {r["exercise"] for r in by["bob_01.ipynb"]} == {"ex1"}
    assert [r["passed"] for r in by["bob_01.ipynb"]] == ["False"] * len(questions_for("ex1"))
    carol = {r["question"]: r for r in by["carol_06.ipynb"]}
    assert set(carol) == set(questions_for("ex6"))
    assert all("RuntimeError: boom" in r["error"] for r in carol.values())
    assert "between 0 and 1" in carol["ex6.q3"]["message"]  # the last result of a question counts
    assert "not checked: the notebook stopped" in carol["ex6.q4"]["message"]
    assert "not a readable Jupyter notebook" in by["dave.ipynb"][0]["error"]
    assert "graded 4 notebook(s)" in capsys.readouterr().err
    assert ex.main(["grade", str(tmp_path / "nowhere")]) == 2
