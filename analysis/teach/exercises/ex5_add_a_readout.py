"""Exercise 5, ``05_add_a_readout``: add a fictional readout to a copy of the corpus and rerun the comparison.

Every question takes ``corpus_dir``, the student's copy; it must be a valid
corpus outside the repository holding the bundled articles unchanged plus one
new article, and adding it must not move a bundled sentence to another meeting.
Questions: q1 the new doc_id (and its row); q2 the statements it adds per side;
q3 the change of each side's pooled ``compound_diplomatic``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from analysis.teach.exercises.checks import (SCORE_TOLERANCE, _NotYet, _close, _dict, _norm_space, _number,
                                             _short, _words, question)
from analysis.teach.exercises.data import EXERCISE_DATA, analysis_of_copy, bundled_analysis, inside_repository

#: The readout for exercise 5: fictional, written for the exercise (not from the corpus or any real readout).
READOUT_FILE = EXERCISE_DATA / "fictional_readout.txt"
SIDES = ("us", "china")
#: Sentences at least this long that the new article shares with the bundled corpus count as copied
#: (shorter ones, such as "Thank you.", are common to many texts).
MIN_COPIED_WORDS = 8
KEYS = ["doc_id", "para", "sent"]


def _valid_copy(corpus_dir: Any) -> Path:
    """``corpus_dir`` as a Path, after checking it is a valid corpus outside the repository with checksums."""
    from analysis import check_corpus

    if not isinstance(corpus_dir, (str, Path)):
        raise _NotYet("corpus_dir should be the path of your corpus copy")
    corpus_dir = Path(corpus_dir)
    if inside_repository(corpus_dir):
        raise _NotYet("work in a copy outside the repository (shutil.copytree into a temporary folder)")
    if not (corpus_dir / "articles.csv").is_file():
        raise _NotYet(f"{corpus_dir} has no articles.csv; copy the bundled corpus there first")
    problems = check_corpus(corpus_dir)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise _NotYet(f"the copy has {len(errors)} problem(s); the first: {errors[0]}")
    missing_digest = [p for p in problems if "digest" in p.message or "checksum" in p.message]
    if missing_digest:
        raise _NotYet(f"{missing_digest[0]} (record it with write_checksums(corpus_dir))")
    return corpus_dir


def _added_document(documents, bundled_documents) -> str:
    """The doc_id of the one new article, after checking that no bundled article was removed or changed."""
    docs, old = documents.set_index("doc_id"), bundled_documents.set_index("doc_id")
    gone = [d for d in old.index if d not in docs.index]
    if gone:
        raise _NotYet(f"the bundled article {gone[0]!r} is missing from the copy; only add, never remove")
    changed = [d for d in old.index if docs.at[d, "sha256"] != old.at[d, "sha256"]]
    if changed:
        raise _NotYet(f"the raw file of {changed[0]!r} was changed; raw files are never edited")
    new = [d for d in docs.index if d not in old.index]
    if len(new) != 1:
        raise _NotYet(f"the copy should have exactly one new article; it has {len(new)}")
    return new[0]


def _check_no_sentence_moved(after, before) -> None:
    """Raise when a bundled sentence is attributed to another meeting in the copy than in the bundled corpus."""
    both = after.merge(before, on=KEYS, suffixes=("", "_bundled"))
    moved = both[both["meeting_id"] != both["meeting_id_bundled"]]
    if len(moved):
        first = moved.iloc[0]
        raise _NotYet(f"adding the article changed the meeting of {len(moved)} sentence(s) of the bundled "
                      f"articles, e.g. ({first['doc_id']!r}, {first['para']}, {first['sent']}), now "
                      f"{first['meeting_id']!r} ({first['meeting_evidence']}): the attribution matched your "
                      "meetings.csv row in them; give the new meeting participants that those sentences "
                      "do not name")


def _new_article(corpus_dir: Any):
    """(the copy's Analysis, the new doc_id), after checking the copy (see the module docstring)."""
    corpus_dir = _valid_copy(corpus_dir)
    result, bundled = analysis_of_copy(corpus_dir), bundled_analysis()
    doc = _added_document(result.documents, bundled.documents)
    _check_no_sentence_moved(result.sentences, bundled.sentences)
    return result, doc


@question("ex5.q1", "the doc_id of the article you added", needs=("corpus_dir",))
def _ex5_q1(new_doc_id, corpus_dir):
    result, doc = _new_article(corpus_dir)
    if str(new_doc_id) != doc:
        return f"{new_doc_id!r} is not the doc_id of the article you added"
    row = result.documents.set_index("doc_id").loc[doc]
    if row["voice"] not in SIDES:
        return f"an official readout speaks in its government's voice: voice should be us or china, not {row['voice']!r}"
    if not row["meeting_id"]:
        return "a readout is about one meeting: give its meeting_id (and add the meeting to meetings.csv)"
    if "exercise" not in f"{row['title']} {row['notes']}".lower():
        return "say in the title or notes that the text was written for the exercise (it is not a real readout)"
    old = {_norm_space(t) for t in bundled_analysis().sentences["text"] if _words(t) >= MIN_COPIED_WORDS}
    mine = result.sentences
    copied = [t for t in mine[mine["doc_id"] == doc]["text"] if _norm_space(t) in old]
    if copied:
        return f"the new article repeats a sentence of the bundled corpus ({_short(copied[0])}); add a new text"
    return None


@question("ex5.q2", "a dict {'us': n, 'china': n}: statements the new article adds, per side", needs=("corpus_dir",))
def _ex5_q2(new_statements, corpus_dir):
    from analysis import select_statements

    result, doc = _new_article(corpus_dir)
    _dict(new_statements, SIDES, "new_statements")
    stm = select_statements(result.sentences)
    stm = stm[stm["doc_id"] == doc]
    for side in SIDES:
        value = _number(new_statements[side], f"new_statements[{side!r}]")
        if value != (stm["side"] == side).sum():
            return (f"new_statements[{side!r}] is not the number of {side!r} statements from the new article "
                    "(select_statements on the new scored frame, rows of its doc_id)")
    return None


def _pooled_diplomatic(sentences):
    """Each side's pooled compound_diplomatic: compare_sides with by=None, no terms and one bootstrap
    draw (only the mean is used)."""
    from analysis import compare_sides

    return compare_sides(sentences, by=None, n=0, n_boot=1).set_index("side")["compound_diplomatic"]


@question("ex5.q3", "a dict {'us': ..., 'china': ...}: change of the pooled compound_diplomatic, new minus bundled",
          needs=("corpus_dir",))
def _ex5_q3(pooled_change, corpus_dir):
    result, _doc = _new_article(corpus_dir)
    _dict(pooled_change, SIDES, "pooled_change")
    new = _pooled_diplomatic(result.sentences)
    old = _pooled_diplomatic(bundled_analysis().sentences)
    for side in SIDES:
        value = _number(pooled_change[side], f"pooled_change[{side!r}]")
        if not _close(value, float(new[side] - old[side]), SCORE_TOLERANCE):
            return (f"pooled_change[{side!r}] is not the new pooled compound_diplomatic minus the bundled one "
                    "(compare_sides(..., by=None) on both corpora)")
    return None
