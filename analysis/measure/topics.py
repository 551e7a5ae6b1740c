"""Topics: which issues a sentence raises (Taiwan, trade, fentanyl ...), found with a word list.

The list is ``analysis/lexicons/topics.csv``: ``entry, topic, kind, source,
note, condition``, one row per word or phrase, each with where the topic comes
from and a gloss. Entries are found by the one matcher
(:func:`analysis.measure.matching.find_spans`: whole words, case-insensitive,
the longest entry wins). Two ways to keep a word from counting where it means
something else:

* a *blocking* entry, topic ``none``: a longer phrase holding a topic word in
  another sense ("political climate", "potato chips"). It is matched, so the
  word inside it is not, and then dropped;
* a ``condition`` on the match's words (:data:`TOPIC_CONDITIONS`), e.g.
  ``upper_case``: "AI" counts, the surname "Ai" does not;
* a ``condition`` on its clause (:data:`CLAUSE_CONDITIONS`): ``general`` words
  ("dialogue", "the relationship") count only when their clause raises no other
  topic, ``unless_specific`` ones ("military", "technology") only when it raises
  no topic of an unconditioned entry. "Dialogue on the Peninsula" is about North
  Korea; "military drills around Taiwan" about Taiwan.

Hyphens and apostrophes inside words are read as spaces before matching
(:func:`matchable`), so a topic word counts inside a compound or a possessive:
"fentanyl-related", "Tibet-related", "Taiwan's".

A sentence may raise several topics: the ``topics`` column lists them joined by
``;`` in the order of their first match, empty when none.

>>> find_topics("Both sides discussed Taiwan, fentanyl and the war in Ukraine.")
['taiwan', 'fentanyl', 'ukraine_russia']
>>> find_topics("The political climate was tense; they ate potato chips.")
[]
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.errors import CorpusError, Problem, display_path
from analysis.frames import require_columns
from analysis.measure.lexicon import KINDS, Entry, Lexicon, _check_entry_kind, _lexicon_path
from analysis.measure.matching import Match, entry_key, find_spans
from analysis.text.tokens import token_spans

#: The topics, in the order tables and figures list them (the validation sentences use these names).
TOPICS = ("taiwan", "trade_economy", "export_controls", "fentanyl", "military_channels", "human_rights",
          "ukraine_russia", "middle_east", "climate", "people_to_people", "south_china_sea", "north_korea",
          "detained_citizens", "ai", "sovereignty", "diplomacy_channels")
#: The topic of a blocking entry: matched so that a shorter entry inside it is not, then dropped.
NOT_A_TOPIC = "none"
TOPIC_COLUMNS = ("entry", "topic", "kind", "source", "note")
#: Between the topics of one sentence in the ``topics`` column.
SEPARATOR = ";"
#: Columns of :func:`topic_matches`.
MATCH_COLUMNS = ("doc_id", "para", "sent", "start", "end", "text", "entry", "topic")


def _upper_case(tokens, i, j, text, entry):
    """Keep a match written in capitals only ("AI", not the surname "Ai")."""
    return entry.category if all(t[3].isupper() for t in tokens[i:j + 1]) else None


def _capitalised(tokens, i, j, text, entry):
    """Keep a match whose first letter is a capital ("the Peninsula", not "a peninsula")."""
    return entry.category if tokens[i][3][:1].isupper() else None


#: Conditions on the match's own words (same signature as :mod:`analysis.measure.conditions`).
TOPIC_CONDITIONS = {"upper_case": _upper_case, "capitalised": _capitalised}
#: Conditions on the rest of the clause: the rank of the entry's topic there. A ``general`` match
#: (a channel or relationship word) counts only when no other topic is raised in its clause; an
#: ``unless_specific`` one ("military", "technology") only when no topic of an entry without a
#: clause condition is. README rule T of the validation sentences: a channel devoted to one subject
#: takes that subject's topic; military activity around Taiwan is Taiwan's.
CLAUSE_CONDITIONS = {"general": 0, "unless_specific": 1}
#: Rank of a match with no clause condition: it is never dropped for another topic.
SPECIFIC = 2
#: Where one clause ends and the next begins (quotation marks do not: a quoted phrase is inside its clause).
CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")
#: A hyphen or apostrophe inside a word: read as a space, so that a topic word counts inside a compound
#: or a possessive ("fentanyl-related", "Tibet-related", "Taiwan's") as it does alone.
_WORD_JOINER = re.compile(r"(?<=[^\W_])[-'\u2019\u2018](?=[^\W_])")


def matchable(text: str) -> str:
    """``text`` with hyphens and apostrophes inside words read as spaces (same length: offsets stay valid).

    >>> matchable("Taiwan's fentanyl-related U.S.-China")
    'Taiwan s fentanyl related U.S.-China'
    """
    return _WORD_JOINER.sub(" ", text)


class TopicLexicon(Lexicon):
    """A topic list: a :class:`~analysis.measure.lexicon.Lexicon` whose ``category`` is the topic,
    plus each entry's condition (kept apart: the stance conditions do not know these names)."""

    def __init__(self, name: str, entries: list[Entry], path: Path | None, conditions: dict):
        super().__init__(name, entries, path)
        self.conditions = conditions


def load_topics(path: str | Path | None = None) -> TopicLexicon:
    """Read a topic list (default: the bundled ``topics.csv``); parsed once per content.

    A bad row raises :class:`~analysis.errors.CorpusError` naming the file and line.

    >>> lex = load_topics()
    >>> len(lex) > 100, sorted({e.category for e in lex.entries} - {NOT_A_TOPIC}) == sorted(TOPICS)
    (True, True)
    """
    p = _lexicon_path(path or "topics")
    try:
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        digest = None  # _read_topics reports the missing file
    return _read_topics(str(p), digest)


def _row_problem(row: dict, seen_topics=TOPICS) -> tuple[str, str] | None:
    """What is wrong with one row (message, fix), or None."""
    if not row["entry"]:
        return "empty entry", "write the word or phrase, or delete the row"
    if row["topic"] not in (*seen_topics, NOT_A_TOPIC):
        return f"unknown topic {row['topic']!r}", f"use one of {', '.join(TOPICS)} (or {NOT_A_TOPIC} to block a phrase)"
    if row["kind"] not in KINDS:
        return f"kind {row['kind']!r} is not 'word' or 'phrase'", "write word or phrase"
    condition = row.get("condition", "")
    if condition and condition not in (*TOPIC_CONDITIONS, *CLAUSE_CONDITIONS):
        return (f"unknown condition {condition!r}",
                f"use one of {', '.join((*TOPIC_CONDITIONS, *CLAUSE_CONDITIONS))} or leave it empty")
    if not row["source"]:
        return f"entry {row['entry']!r} has no source", "cite the readout, or write 'project definition'"
    bad = _check_entry_kind(row["entry"], row["kind"])
    return (bad, "fix the kind column") if bad else None


@lru_cache(maxsize=16)
def _read_topics(path_str: str, digest: str | None) -> TopicLexicon:
    from analysis.text.csvfile import read_csv_rows

    path = Path(path_str)
    shown = display_path(path)
    rows, problems = read_csv_rows(path, TOPIC_COLUMNS)
    entries, conditions, seen = [], {}, {}
    for line, row in rows:
        bad = _row_problem(row)
        if bad:
            problems.append(Problem(shown, bad[0], bad[1], line=line))
            continue
        # Matched as the text is (matchable: "people-to-people" as "people to people"); the condition stays
        # out of the Entry, as find_spans knows only the stance conditions.
        e = Entry(matchable(row["entry"]), row["topic"], row["kind"], row["source"], row["note"], path.stem, line)
        if e.tokens in seen:
            problems.append(Problem(shown, f"entry {e.entry!r} is listed twice (also line {seen[e.tokens]})",
                                    "keep one row", line=line))
            continue
        seen[e.tokens] = line
        entries.append(e)
        if row.get("condition"):
            conditions[e.tokens] = row["condition"]
    if problems:
        raise CorpusError(problems)
    return TopicLexicon(path.stem, entries, path, conditions)


def _lexicon(lexicon) -> TopicLexicon:
    return lexicon if isinstance(lexicon, TopicLexicon) else load_topics(lexicon)


def topic_spans(text: str, lexicon=None) -> list[Match]:
    """The topic matches of ``text`` in order (``category`` is the topic), blocking entries and
    failed conditions dropped.

    >>> [(m.text, m.category) for m in topic_spans("The AI talks with Ai Weiwei's lawyer.")]
    [('AI', 'ai')]
    >>> [m.category for m in topic_spans("They spoke of dialogue, and of dialogue on Gaza.")]
    ['diplomacy_channels', 'middle_east']
    """
    lex = _lexicon(lexicon)
    seen = matchable(text)
    kept, tokens = [], None
    for m in find_spans(seen, [lex]):
        if m.category == NOT_A_TOPIC:
            continue
        entry = lex.by_tokens[entry_key(m.entry)]
        condition = lex.conditions.get(entry.tokens, "")
        if condition in TOPIC_CONDITIONS:
            tokens = token_spans(seen) if tokens is None else tokens
            i = bisect_left([t[0] for t in tokens], m.start)
            if TOPIC_CONDITIONS[condition](tokens, i, i + len(entry.tokens) - 1, seen, entry) is None:
                continue
        kept.append((m._replace(text=text[m.start:m.end]), CLAUSE_CONDITIONS.get(condition, SPECIFIC)))
    return _by_clause(text, kept)


def _by_clause(text: str, kept: list[tuple[Match, int]]) -> list[Match]:
    """Drop each match whose clause holds a match of another topic of a higher rank (CLAUSE_CONDITIONS)."""
    if all(rank == SPECIFIC for _, rank in kept):
        return [m for m, _ in kept]
    breaks = [b.start() for b in CLAUSE_BREAK.finditer(text)]
    clause = [bisect_left(breaks, m.start) for m, _ in kept]
    return [m for k, (m, rank) in enumerate(kept)
            if not any(clause[o] == clause[k] and other.category != m.category and r > rank
                       for o, (other, r) in enumerate(kept))]


def find_topics(text: str, lexicon=None) -> list[str]:
    """The topics ``text`` raises, each once, in the order of its first match.

    >>> find_topics("Chips, export controls and the Taiwan Strait; Taiwan again.")
    ['export_controls', 'taiwan']
    """
    return list(dict.fromkeys(m.category for m in topic_spans(str(text), lexicon)))


def split_topics(cell) -> list[str]:
    """A ``topics`` cell as a list (empty for an empty or missing cell).

    >>> split_topics("taiwan; fentanyl"), split_topics(None), split_topics("")
    (['taiwan', 'fentanyl'], [], [])
    """
    if cell is None or (isinstance(cell, float) and cell != cell):
        return []
    return [t.strip() for t in str(cell).split(SEPARATOR) if t.strip()]


def sentence_topics(sentences: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """A copy of ``sentences`` (needs ``text``) with a ``topics`` column: ``;``-joined, in order of first match.

    >>> out = sentence_topics(pd.DataFrame({"text": ["Xi raised Taiwan and trade.", "They met."]}))
    >>> out["topics"].tolist()
    ['taiwan;trade_economy', '']
    """
    require_columns(sentences, ["text"], "sentences", hint="pass e.g. analyse().sentences")
    lex = _lexicon(lexicon)
    out = sentences.copy()
    out["topics"] = [SEPARATOR.join(find_topics(t, lex)) for t in out["text"].fillna("").astype(str)]
    return out


def topic_matches(sentences: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """One row per topic match, so each ``topics`` cell can be checked: ``doc_id, para, sent, start,
    end, text, entry, topic`` (``start``/``end``: offsets in the sentence's text).

    >>> m = topic_matches(pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [1],
    ...                                 "text": ["Fentanyl precursors and AI."]}))
    >>> m[["start", "end", "text", "topic"]].values.tolist()
    [[0, 8, 'Fentanyl', 'fentanyl'], [9, 19, 'precursors', 'fentanyl'], [24, 26, 'AI', 'ai']]
    """
    require_columns(sentences, ["text"], "sentences", hint="pass e.g. analyse().sentences")
    lex = _lexicon(lexicon)
    rows = []
    for rec in sentences.to_dict("records"):
        for m in topic_spans(str(rec["text"]), lex):
            rows.append({"doc_id": rec.get("doc_id"), "para": rec.get("para"), "sent": rec.get("sent"),
                         "start": m.start, "end": m.end, "text": m.text, "entry": m.entry, "topic": m.category})
    return pd.DataFrame(rows, columns=list(MATCH_COLUMNS))


def _aligned(frame: pd.DataFrame, labels: pd.DataFrame, lexicon) -> tuple[list[list[str]], list[list[str]], list]:
    """(predicted topics, gold topics, ids) per sentence: on ``id`` when both frames have it, else row by row."""
    require_columns(labels, ["topics"], "labels", hint="pass the labelled sentences (a 'topics' column)")
    if "topics" not in frame.columns:
        frame = sentence_topics(frame, lexicon)
    if "id" in frame.columns and "id" in labels.columns:
        both = labels[["id", "topics"]].merge(frame[["id", "topics"]], on="id", how="left",
                                              suffixes=("_gold", ""), validate="one_to_one")
        missing = both["topics"].isna() & ~both["id"].isin(frame["id"])
        if missing.any():
            raise ValueError(f"{int(missing.sum())} labelled sentence(s) are not in the frame, e.g. id "
                             f"{both.loc[missing, 'id'].iloc[0]!r}: pass the frame the labels were made on")
        gold, pred, ids = both["topics_gold"], both["topics"], both["id"].tolist()
    elif len(frame) == len(labels):
        gold, pred, ids = labels["topics"], frame["topics"], list(range(1, len(frame) + 1))
    else:
        raise ValueError(f"the frame has {len(frame)} rows and the labels {len(labels)}, and not both have an "
                         "'id' column: give both an id, or the same rows in the same order")
    return [split_topics(p) for p in pred], [split_topics(g) for g in gold], ids


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def evaluate_topics(frame: pd.DataFrame, labels: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """Topic precision and recall against hand labels, counted over (sentence, topic) pairs.

    ``frame`` holds the sentences (``text``; its ``topics`` column is used when
    present, else the topics are found here); ``labels`` holds the gold
    ``topics`` (``;``-joined). They are matched on ``id`` when both have one,
    else row by row. One row per measure (``measure, n, value``):
    ``topic_precision`` (n: topics found), ``topic_recall`` (n: topics in the
    labels), ``topic_f1`` and ``topic_exact`` (share of sentences whose topics
    are exactly the labelled ones; n: sentences), then ``precision:<topic>``
    and ``recall:<topic>`` for every topic found or labelled.

    >>> frame = pd.DataFrame({"id": [1, 2], "text": ["Taiwan and trade.", "Fentanyl."]})
    >>> labels = pd.DataFrame({"id": [1, 2], "topics": ["taiwan", "fentanyl;climate"]})
    >>> evaluate_topics(frame, labels).head(4).values.tolist()
    [['topic_precision', 3, 0.6666666666666666], ['topic_recall', 3, 0.6666666666666666], ['topic_f1', 2, 0.6666666666666666], ['topic_exact', 2, 0.0]]
    """
    pred, gold, _ = _aligned(frame, labels, lexicon)
    pairs_p = {(i, t) for i, ts in enumerate(pred) for t in ts}
    pairs_g = {(i, t) for i, ts in enumerate(gold) for t in ts}
    tp = len(pairs_p & pairs_g)
    prec, rec = _ratio(tp, len(pairs_p)), _ratio(tp, len(pairs_g))
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else float("nan")
    exact = sum(set(p) == set(g) for p, g in zip(pred, gold))
    rows = [("topic_precision", len(pairs_p), prec), ("topic_recall", len(pairs_g), rec),
            ("topic_f1", len(pred), f1), ("topic_exact", len(pred), _ratio(exact, len(pred)))]
    present = {t for _, t in pairs_p | pairs_g}
    for topic in [*TOPICS, *sorted(present - set(TOPICS))]:
        if topic not in present:
            continue
        p_t = {x for x in pairs_p if x[1] == topic}
        g_t = {x for x in pairs_g if x[1] == topic}
        rows += [(f"precision:{topic}", len(p_t), _ratio(len(p_t & g_t), len(p_t))),
                 (f"recall:{topic}", len(g_t), _ratio(len(p_t & g_t), len(g_t)))]
    return pd.DataFrame(rows, columns=["measure", "n", "value"])


def topic_disagreements(frame: pd.DataFrame, labels: pd.DataFrame, lexicon=None) -> pd.DataFrame:
    """The sentences where the found topics differ from the labels: ``id, found, labelled, missed, extra``
    (and ``text`` when the frame has it), to read while tuning the list.

    >>> frame = pd.DataFrame({"id": [1, 2], "text": ["Taiwan.", "Fentanyl."]})
    >>> topic_disagreements(frame, pd.DataFrame({"id": [1, 2], "topics": ["taiwan", "climate"]}))[["id", "missed", "extra"]].values.tolist()
    [[2, 'climate', 'fentanyl']]
    """
    pred, gold, ids = _aligned(frame, labels, lexicon)
    has_text = "text" in frame.columns
    keyed = "id" in frame.columns and "id" in labels.columns
    texts = dict(zip(frame["id"] if keyed else ids, frame["text"])) if has_text else {}
    rows = [{"id": i, "found": SEPARATOR.join(p), "labelled": SEPARATOR.join(g),
             "missed": SEPARATOR.join(t for t in g if t not in p), "extra": SEPARATOR.join(t for t in p if t not in g),
             "text": texts.get(i, "")} for i, p, g in zip(ids, pred, gold) if set(p) != set(g)]
    return pd.DataFrame(rows, columns=["id", "found", "labelled", "missed", "extra", "text"])
