"""Exercise 2, ``02_label_and_agree``: label ten corpus sentences, then measure agreement with VADER.

Questions: q1 the student's labels; q2 accuracy and Cohen's kappa against
stock and diplomacy-aware VADER, checked against the student's own labels; q3
the items where the student's label differs from the diplomacy-aware one.
"""
from __future__ import annotations

from functools import lru_cache

from analysis.teach.exercises.checks import (RATE_TOLERANCE, _close, _dict, _labels_list, _number, _numbers,
                                             _set_problem, question)
from analysis.teach.exercises.data import bundled_analysis

#: Sentences to label: enough for a kappa, few enough to label in a lesson.
N_ITEMS = 10
#: Words a sentence to label must have: long enough to carry a stance, short enough to read in a minute.
MIN_WORDS, MAX_WORDS = 8, 40
#: Largest number that reads as a percentage rather than a share (a share is at most 1).
PERCENT_MAX = 100


def _spread(frame, k: int) -> list:
    """``k`` index labels of ``frame`` evenly spread from its first row to its last."""
    if k <= 0:
        return []
    if k == 1:
        return [frame.index[0]]
    return [frame.index[round(i * (len(frame) - 1) / (k - 1))] for i in range(k)]


def labelling_sentences(corpus=None, n: int = N_ITEMS):
    """Exercise 2's sentences: ``n`` corpus sentences (8-40 words), half where stock and
    diplomacy-aware VADER disagree on the label and half where they agree, evenly
    spread in corpus order. Deterministic; works on any corpus in the documented format.

    ``corpus`` is a corpus folder or a loaded :class:`~analysis.text.corpus.Corpus`
    (None: the bundled one). Columns: ``item`` (1..n), ``doc_id, para, sent, text``,
    ``label`` (stock VADER) and ``label_diplomatic``.

    >>> labelling_sentences()["item"].tolist() == list(range(1, 11))
    True
    """
    from analysis.pipeline import analyse

    scored = bundled_analysis().sentences if corpus is None else analyse(corpus).sentences
    pool = scored[(scored["n_words"] >= MIN_WORDS) & (scored["n_words"] <= MAX_WORDS)].reset_index(drop=True)
    differ = pool[pool["label"] != pool["label_diplomatic"]]
    agree = pool[pool["label"] == pool["label_diplomatic"]]
    k_differ = min(len(differ), n // 2)
    k_agree = min(len(agree), n - k_differ)
    k_differ = min(len(differ), n - k_agree)
    picked = sorted(_spread(differ, k_differ) + _spread(agree, k_agree))
    out = pool.loc[picked, ["doc_id", "para", "sent", "text", "label", "label_diplomatic"]].reset_index(drop=True)
    out.insert(0, "item", range(1, len(out) + 1))
    return out


@lru_cache(maxsize=1)
def _labelling_items():
    return labelling_sentences()


@question("ex2.q1", "a list of 10 labels (negative, neutral, positive), one per sentence, in item order")
def _ex2_q1(my_labels):
    _labels_list(my_labels, len(_labelling_items()))


def _agreement_problem(part: dict, kind: str, col: str, mine: list[str], vader: list[str]) -> str | None:
    """What is wrong with one ``{"accuracy": ..., "kappa": ...}`` of q2, against the student's labels."""
    from analysis.measure.evaluate import cohen_kappa

    acc = _number(part["accuracy"], f"the {kind} accuracy")
    if 1 < acc <= PERCENT_MAX:
        return f"give the {kind} accuracy as a share between 0 and 1, not a percentage"
    if not _close(acc, sum(a == b for a, b in zip(mine, vader)) / len(mine), RATE_TOLERANCE):
        return (f"the {kind} accuracy does not match your labels: count the sentences where your label "
                f"equals the {col!r} column, divided by {len(mine)}")
    kappa = _number(part["kappa"], f"the {kind} kappa")
    if not -1 <= kappa <= 1:
        return f"the {kind} kappa should be between -1 and 1"
    if not _close(kappa, cohen_kappa(mine, vader), RATE_TOLERANCE):
        return (f"the {kind} kappa does not match your labels: use cohen_kappa(my_labels, "
                f"sentences[{col!r}]) from analysis.measure.evaluate")
    return None


@question("ex2.q2", "a dict {'stock': {'accuracy': ..., 'kappa': ...}, 'diplomatic': {...}}", needs=("my_labels",))
def _ex2_q2(agreement, my_labels):
    items = _labelling_items()
    mine = _labels_list(my_labels, len(items))
    _dict(agreement, ("stock", "diplomatic"), "agreement")
    for kind, col in (("stock", "label"), ("diplomatic", "label_diplomatic")):
        part = _dict(agreement[kind], ("accuracy", "kappa"), f"agreement[{kind!r}]")
        problem = _agreement_problem(part, kind, col, mine, items[col].tolist())
        if problem:
            return problem
    return None


@question("ex2.q3", "a list of the item numbers where your label differs from diplomacy-aware VADER's",
          needs=("my_labels",))
def _ex2_q3(disagreements, my_labels):
    items = _labelling_items()
    mine = _labels_list(my_labels, len(items))
    given = _numbers(disagreements, "disagreements", len(items))
    expected = {i for i, (a, b) in enumerate(zip(mine, items["label_diplomatic"]), 1) if a != b}
    return _set_problem(given, expected, "item", "your label and the diplomacy-aware label are the same",
                        "your label and the diplomacy-aware label differ")
