"""Exercise 3, ``03_extend_hedge_lexicon``: add a row to a copy of ``hedges.csv`` and trace what changes.

Every check counts with the student's copy through the scorers' own argument,
``lexicons={"hedges": hedges_copy}`` (the other three lists stay the bundled
ones); lexicon files are read once per content, so an edited copy counts at the
next check. Questions: q1 the row added (it must change a count); q2 the
sentences whose hedge count changes; q3 the US statements' hedges per 100
words before and after.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from analysis.teach.exercises.checks import RATE_TOLERANCE, _NotYet, _close, _dict, _number, _whole, question
from analysis.teach.exercises.data import COPIES_CACHED, bundled_analysis, inside_repository

#: The columns of a row of hedges.csv that new_entry must give (``condition`` is optional).
ENTRY_FIELDS = ("entry", "category", "kind", "source", "note")
KEYS = ["doc_id", "para", "sent"]


def hedge_counts(texts, hedges) -> list[int]:
    """Hedges (hedge + approximator matches) in each text, with ``hedges`` (a path or a Lexicon)
    in place of the bundled hedge list.

    The same numbers as the ``hedges`` column of
    ``score_sentences(frame, lexicons={"hedges": hedges})``, which is what it runs;
    kept for notebooks written before every scorer took ``lexicons=``.

    >>> from analysis.measure.lexicon import LEXICON_DIR
    >>> hedge_counts(["It may rain in May.", "We must act."], LEXICON_DIR / "hedges.csv")
    [1, 0]
    """
    import pandas as pd

    from analysis.measure.scoring import score_sentences

    frame = pd.DataFrame({"text": [str(t) for t in texts]})
    return score_sentences(frame, lexicons={"hedges": hedges})["hedges"].tolist()


def _hedge_copy(path: Any):
    """The student's copied hedge list, loaded as the scorers load it (raises :class:`_NotYet` when it cannot be)."""
    from analysis.errors import CorpusError
    from analysis.measure.lexicon import LEXICON_DIR
    from analysis.measure.stance import stance_lexicons

    if not isinstance(path, (str, Path)):
        raise _NotYet("hedges_copy should be the path of your copied hedges.csv")
    path = Path(path)
    if path.resolve() == (LEXICON_DIR / "hedges.csv").resolve() or inside_repository(path):
        raise _NotYet("work on a copy outside the repository (copy analysis/lexicons into a temporary folder)")
    if not path.is_file():
        raise _NotYet(f"{path} is not a file; copy the lexicons first")
    try:
        return stance_lexicons({"hedges": path})[0]
    except CorpusError as err:
        first = str(err.problems[0]).split(": ", 1)[-1] if err.problems else str(err)
        raise _NotYet(f"your copy does not load: {first}") from None


@lru_cache(maxsize=COPIES_CACHED)
def _hedges_with(hedges) -> list[int]:
    """The ``hedges`` column of the bundled corpus's sentences with ``hedges`` (a Lexicon: one per content)."""
    from analysis.pipeline import analyse

    return analyse(bundled_analysis().corpus, lexicons={"hedges": hedges}).sentences["hedges"].tolist()


def _entry_problem(new_entry: Any, lex) -> str | None:
    """What is wrong with the row the student says they added to ``lex`` (None when it is a new, valid hedge)."""
    from analysis.measure.matching import entry_key
    from analysis.measure.stance import HEDGE_CATEGORIES, stance_lexicons

    entry = _dict(new_entry, ENTRY_FIELDS, "new_entry")
    bundled = {lex.name: lex for lex in stance_lexicons()}
    old = {e.tokens: e for e in bundled["hedges"].entries}
    mine = {e.tokens: e for e in lex.entries}
    lost = [e.entry for k, e in old.items() if k not in mine or mine[k].category != e.category]
    if lost:
        return f"your copy changed or lost the existing entry {lost[0]!r}; only add a row"
    if not [k for k in mine if k not in old]:
        return "your copy has no new entry; append your row to the copied hedges.csv"
    key = entry_key(str(entry["entry"]))
    if key not in mine or key in old:
        return f"{entry['entry']!r} is not a new entry of your copy; new_entry should be the row you added"
    if str(entry["category"]) not in HEDGE_CATEGORIES:
        return f"category {entry['category']!r} is not one of {', '.join(HEDGE_CATEGORIES)}"
    for name, other in bundled.items():
        if name != "hedges" and key in other.by_tokens:
            return f"{entry['entry']!r} is already in {name}.csv; an entry may belong to one list only"
    return None


@question("ex3.q1", "the row you added, as a dict with entry, category, kind, source, note", needs=("hedges_copy",))
def _ex3_q1(new_entry, hedges_copy):
    lex = _hedge_copy(hedges_copy)
    problem = _entry_problem(new_entry, lex)
    if problem:
        return problem
    if _hedges_with(lex) == bundled_analysis().sentences["hedges"].tolist():
        return ("your new entry changes no hedge count in the corpus; pick a word or phrase that occurs "
                "(kwic finds it) and is not already inside a longer entry")
    return None


def _sentence_keys(answer: Any, what: str) -> set[tuple[str, int, int]]:
    """A set of (doc_id, para, sent) from a list of tuples or a DataFrame with those columns."""
    if hasattr(answer, "columns"):
        if not set(KEYS) <= set(answer.columns):
            raise _NotYet(f"{what} as a DataFrame needs the columns doc_id, para, sent")
        rows = answer[KEYS].itertuples(index=False)
    elif isinstance(answer, (list, tuple, set)):
        rows = answer
    else:
        raise _NotYet(f"{what} should be a list of (doc_id, para, sent) tuples")
    out = set()
    for r in rows:
        if not isinstance(r, (tuple, list)) or len(r) != 3:
            raise _NotYet(f"{what} should hold (doc_id, para, sent) tuples, e.g. ('cnn-stability', 4, 1)")
        out.add((str(r[0]), _whole(r[1], "para"), _whole(r[2], "sent")))
    return out


@question("ex3.q2", "a list of (doc_id, para, sent) of the sentences whose hedge count changes",
          needs=("hedges_copy",))
def _ex3_q2(changed, hedges_copy):
    lex = _hedge_copy(hedges_copy)
    given = _sentence_keys(changed, "changed")
    scored = bundled_analysis().sentences
    keys = list(zip(scored["doc_id"], scored["para"].astype(int), scored["sent"].astype(int)))
    expected = {k for k, b, a in zip(keys, scored["hedges"], _hedges_with(lex)) if a != b}
    unknown = [k for k in given if k not in set(keys)]
    if unknown:
        return f"{unknown[0]} is not a sentence of the corpus"
    extra = sorted(given - expected)
    if extra:
        return f"the hedge count of {extra[0]} does not change with your copy"
    if expected - given:
        return f"{len(expected - given)} sentence(s) whose hedge count changes are missing"
    return None


@question("ex3.q3", "a dict {'before': ..., 'after': ...}: US hedges per 100 words in US statements",
          needs=("hedges_copy",))
def _ex3_q3(us_rate, hedges_copy):
    from analysis import select_statements

    lex = _hedge_copy(hedges_copy)
    _dict(us_rate, ("before", "after"), "us_rate")
    scored = bundled_analysis().sentences.assign(hedges_after=_hedges_with(lex))
    us = select_statements(scored)
    us = us[us["side"] == "us"]
    words = us["n_words"].sum()
    for key, col in (("before", "hedges"), ("after", "hedges_after")):
        value = _number(us_rate[key], f"us_rate[{key!r}]")
        if not _close(value, 100 * us[col].sum() / words, RATE_TOLERANCE):
            return (f"us_rate[{key!r}] is not the US statements' hedges per 100 words "
                    f"(all their hedges ÷ all their words × 100, statements from select_statements)")
    return None
