"""Phrases both sides used, and phrases only one side used.

:func:`shared_phrases` counts the word n-grams (two and three words by
default) in two sets of statements and sorts them into those both sides said
and those only one side said. N-grams never cross a sentence: each statement
is counted on its own. Words are the project's (:func:`analysis.text.tokens.tokenize`),
so "U.S.-China" and "win-win" are one word here as everywhere else.

N-grams that begin or end with a function word ("of the", "china and", "the
us", "going to") are dropped unless ``function_words=True``: with a few
statements they would fill the list, and "lines of communication" or
"stable and constructive" are kept, since only their ends are tested. A
phrase inside a longer listed phrase of the same group with the same counts
is dropped too, since it says nothing the longer one does not ("core
interests" and "interests matter" when every use is in "core interests
matter").

>>> us = ["We want stable and constructive ties.", "Stable and constructive ties matter."]
>>> china = ["China wants stable and constructive ties.", "The US must stop its containment."]
>>> table = shared_phrases(us, china)
>>> table[table["used_by"] == "both"]["phrase"].tolist()
['stable and constructive', 'constructive ties']
>>> table.loc[table["used_by"] == "both", ["count_us", "count_china"]].values.tolist()
[[2, 1], [2, 1]]
>>> table[table["used_by"] == "china"]["phrase"].tolist()
['china wants stable', 'stop its containment', 'us must stop']
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import pandas as pd

from analysis.text.tokens import ascii_apostrophes, tokenize

#: Lengths of the n-grams compared: two and three words, long enough to be a
#: phrase ("core interests", "candid and constructive"), short enough to recur
#: in a handful of statements.
PHRASE_SIZES = (2, 3)
#: Phrases listed per group (both / each side only) by default: a report shows
#: the strongest, the full table has them all with ``n=None``.
TOP_PHRASES = 10
#: The groups in the order rows come: shared first, then each side's own.
BOTH = "both"
#: Words that carry grammar rather than content: articles and determiners,
#: pronouns, prepositions, conjunctions, auxiliaries and modals, and a few
#: adverbs and particles, written out here (importing scikit-learn's list would
#: add seconds to every report, and that list also holds content words such as
#: "call", "fire" and "system"). "us" is not one: in this corpus it is mostly
#: the US lower-cased ("the US must ...").
FUNCTION_WORDS = frozenset("""
    a an the this that these those some any each every either neither no all both few many much more most
    other another such own same
    i me my mine myself we our ours ourselves you your yours yourself yourselves he him his himself she her
    hers herself it its itself they them their theirs themselves who whom whose which what whatever one
    about above across after against along among around as at before behind below beside besides between
    beyond by down during except for from in inside into like near of off on onto out over past since
    through throughout till to toward towards under until up upon via with within without
    and but or nor so yet if because although though while whereas unless whether than then
    am is are was were be been being have has had having do does did doing will would shall should can
    could may might must
    it's we're i'm you're they're he's she's that's there's don't doesn't didn't isn't aren't wasn't
    weren't won't wouldn't can't couldn't shouldn't we've i've they've we'll i'll they'll let's
    not also very too just only even there here where when how why now again ever still already quite
    rather
""".split())


def phrase_counts(texts: Iterable[str], sizes: Iterable[int] = PHRASE_SIZES,
                  function_words: bool = False) -> Counter:
    """How often each n-gram of ``sizes`` words occurs in ``texts`` (within each text).

    >>> sorted(phrase_counts(["Core interests matter to us.", "core interests"], sizes=(2,)).items())
    [('core interests', 2), ('interests matter', 1)]
    """
    sizes = _check_sizes(sizes)
    counts: Counter = Counter()
    for text in texts:
        words = [ascii_apostrophes(w) for w in tokenize("" if text is None else str(text))]
        for size in sizes:
            for i in range(len(words) - size + 1):
                gram = words[i:i + size]
                if function_words or (gram[0] not in FUNCTION_WORDS and gram[-1] not in FUNCTION_WORDS):
                    counts[" ".join(gram)] += 1
    return counts


def shared_phrases(
    statements_a,
    statements_b,
    sizes: Iterable[int] = PHRASE_SIZES,
    n: int | None = TOP_PHRASES,
    labels: tuple[str, str] = ("us", "china"),
    function_words: bool = False,
    text: str = "text",
) -> pd.DataFrame:
    """Phrases both sets of statements used, beside those only one used.

    ``statements_a`` and ``statements_b`` are frames with a ``text`` column (e.g.
    one side's rows of :func:`analysis.compare.statements.side_by_side`) or
    iterables of strings. ``sizes`` are the n-gram lengths in words; ``n`` is
    how many phrases each group keeps (None: all). ``labels`` name the two sets.

    One row per phrase: ``phrase, words, count_<a>, count_<b>, used_by`` where
    ``used_by`` is ``both`` or the label of the one set that used it. Rows come
    grouped (both, then a, then b), each group by total count (most first),
    then longer phrases first, then alphabetically, so the order is the same on
    every run.
    """
    a, b = labels
    if a == b or BOTH in labels:
        raise ValueError(f"labels must be two different names other than {BOTH!r}, got {labels!r}")
    if n is not None and n < 0:
        raise ValueError(f"n must be 0 or more (or None for all), got {n!r}")
    ca = phrase_counts(_texts(statements_a, text), sizes, function_words)
    cb = phrase_counts(_texts(statements_b, text), sizes, function_words)
    rows = [{"phrase": p, "words": p.count(" ") + 1, f"count_{a}": ca.get(p, 0), f"count_{b}": cb.get(p, 0),
             "used_by": BOTH if p in ca and p in cb else (a if p in ca else b)} for p in set(ca) | set(cb)]
    columns = ["phrase", "words", f"count_{a}", f"count_{b}", "used_by"]
    table = pd.DataFrame(rows, columns=columns)
    if table.empty:
        return table.astype({"words": int, f"count_{a}": int, f"count_{b}": int})
    table = _drop_contained(table, a, b)
    order = {BOTH: 0, a: 1, b: 2}
    table = table.assign(_g=table["used_by"].map(order), _t=-(table[f"count_{a}"] + table[f"count_{b}"]),
                         _w=-table["words"])
    table = table.sort_values(["_g", "_t", "_w", "phrase"], kind="stable").drop(columns=["_g", "_t", "_w"])
    if n is not None:
        table = table.groupby("used_by", sort=False).head(n)
    return table.reset_index(drop=True)


def _texts(statements, text: str) -> list[str]:
    if isinstance(statements, pd.DataFrame):
        if text not in statements.columns:
            raise ValueError(f"the statements frame has no column {text!r}; pass statements with their text")
        return statements[text].fillna("").astype(str).tolist()
    if isinstance(statements, str):
        return [statements]
    return [str(s) for s in statements]


def _check_sizes(sizes: Iterable[int]) -> tuple[int, ...]:
    sizes = tuple(sorted(set(int(s) for s in sizes)))
    if not sizes or sizes[0] < 1:
        raise ValueError(f"sizes must be n-gram lengths of 1 word or more, got {sizes!r}")
    return sizes


def _drop_contained(table: pd.DataFrame, a: str, b: str) -> pd.DataFrame:
    """Drop a phrase that sits inside a longer phrase of the same group with the same counts.

    Each phrase's shorter pieces are looked up (a dictionary, so linear in the
    number of phrases), never every pair of phrases compared.
    """
    key = dict(zip(table["phrase"], zip(table["used_by"], table[f"count_{a}"], table[f"count_{b}"])))
    covered = set()
    for phrase, k in key.items():
        words = phrase.split(" ")
        for size in range(1, len(words)):
            for i in range(len(words) - size + 1):
                piece = " ".join(words[i:i + size])
                if key.get(piece) == k:
                    covered.add(piece)
    return table[~table["phrase"].isin(covered)]
