"""Which topics each side's account of a meeting raises, in what order, with what share of its words,
and which topics one side raises that the other's account leaves out.

:func:`compare_topics` reads the statements (:func:`~analysis.compare.statements.select_statements`:
sentences whose ``side`` is ``us`` or ``china``) grouped by meeting (or by
``meeting_date``, after :func:`~analysis.compare.statements.add_meeting_columns`),
and gives one row per group × side × topic:

* ``mentioned``: at least one of that side's statements there raises the topic;
* ``first_position``: 1 for the first topic that side's account raises, 2 for
  the next new one ... (empty when not mentioned). The order is the reading
  order of each document (paragraph, sentence; within a sentence, the order of
  the topics in its ``topics`` cell). When a side's statements there come from
  several documents (a readout and a briefing), each topic is placed by its
  earliest place in any of them: the k-th statement of that side in a
  document, then its place in that sentence, then the documents in the order
  the frame lists them. So a topic one document opens with ranks before one no
  document raises until its third statement;
* ``share_of_words``: words of that side's statements there that raise the
  topic / words of all that side's statements there;
* ``only_this_side``: mentioned here, and the other side's statements at that
  meeting never raise it; empty when the other side has no statement there (an
  account that is missing leaves nothing out);
* ``n_statements``, ``n_words``: that side's statements there and their words;
  ``n_statements_topic``: those that raise the topic; ``n_statements_other``:
  the other side's statements there.

Topics are found by a word list (:mod:`analysis.measure.topics`); a frame that
already has a ``topics`` column (hand labels, say) is used as it is.

>>> df = pd.DataFrame({"meeting_id": "m", "doc_id": "d", "para": [1, 2, 1], "sent": 1,
...                    "side": ["us", "us", "china"],
...                    "text": ["We discussed fentanyl.", "Taiwan came up.", "Taiwan is core."]})
>>> t = compare_topics(df)
>>> t[t.mentioned][["side", "topic", "first_position", "only_this_side"]].values.tolist()
[['us', 'taiwan', 2, False], ['us', 'fentanyl', 1, True], ['china', 'taiwan', 1, False]]
"""
from __future__ import annotations

import pandas as pd

from analysis.compare.statements import SIDES, statement_groups
from analysis.frames import require_columns
from analysis.measure.topics import TOPICS, sentence_topics, split_topics
from analysis.text.tokens import count_words

#: The columns of :func:`compare_topics` after the group column (the first seven are the contract of
#: ``python -m analysis topics``).
TOPIC_TABLE_COLUMNS = ("side", "topic", "mentioned", "first_position", "share_of_words", "only_this_side",
                       "n_statements", "n_words", "n_statements_topic", "n_statements_other")
_HINT = "pass attributed sentences (analyse(corpus).sentences)"


def _reading_order(frame: pd.DataFrame, doc_rank: dict) -> pd.DataFrame:
    """``frame`` in reading order: documents as the whole input lists them, then paragraph, sentence."""
    keys = [c for c in ("para", "sent") if c in frame.columns]
    doc = frame["doc_id"].map(doc_rank) if "doc_id" in frame.columns else pd.Series(0, index=frame.index)
    return frame.assign(_doc=doc.fillna(len(doc_rank)), _row=range(len(frame))).sort_values(
        ["_doc", *keys, "_row"], kind="stable")


def _first_places(side_rows: pd.DataFrame) -> dict[str, tuple]:
    """Each topic's earliest place: (k-th statement in its document, place in the sentence, document)."""
    places: dict[str, tuple] = {}
    for doc, rows in side_rows.groupby("_doc", sort=True):
        for k, cell in enumerate(rows["topics"], 1):
            for j, topic in enumerate(split_topics(cell)):
                key = (k, j, doc)
                if topic not in places or key < places[topic]:
                    places[topic] = key
    return places


def _side_summary(side_rows: pd.DataFrame) -> dict:
    """Statements, words, first places, and words and statements per topic of one side at one group."""
    words = side_rows["_words"]
    per_topic: dict[str, list[int]] = {}
    for cell, n in zip(side_rows["topics"], words):
        for topic in dict.fromkeys(split_topics(cell)):
            per_topic.setdefault(topic, [0, 0])
            per_topic[topic][0] += 1
            per_topic[topic][1] += int(n)
    places = _first_places(side_rows)
    ranked = sorted(places, key=places.get)
    return {"n": len(side_rows), "words": int(words.sum()), "rank": {t: i for i, t in enumerate(ranked, 1)},
            "per_topic": per_topic}


def _rows(key, by, summaries: dict, topics: list[str], sides) -> list[dict]:
    rows = []
    for side in sides:
        mine = summaries[side]
        others = [summaries[s] for s in sides if s != side]
        n_other = sum(o["n"] for o in others)
        for topic in topics:
            n_topic, words_topic = mine["per_topic"].get(topic, (0, 0))
            mentioned = topic in mine["rank"]
            other_has = any(topic in o["rank"] for o in others)
            rows.append({**({by: key} if by else {}), "side": side, "topic": topic, "mentioned": mentioned,
                         "first_position": mine["rank"].get(topic),
                         "share_of_words": words_topic / mine["words"] if mine["words"] else float("nan"),
                         "only_this_side": (mentioned and not other_has) if n_other else None,
                         "n_statements": mine["n"], "n_words": mine["words"], "n_statements_topic": n_topic,
                         "n_statements_other": n_other})
    return rows


def compare_topics(sentences: pd.DataFrame, by: str | None = "meeting_id", lexicon=None, sides=SIDES,
                   include_reported: bool = False) -> pd.DataFrame:
    """One row per ``by`` group × side × topic (see the module docstring); groups sorted, sides in
    ``sides`` order, topics in :data:`~analysis.measure.topics.TOPICS` order (then any other topic name
    the ``topics`` column holds). ``by=None`` pools all statements (no group column). Statements placed
    at no meeting (an empty ``by``) are left out of a grouped table. ``lexicon``: another topic list
    (a CSV path), used when ``sentences`` has no ``topics`` column.
    """
    require_columns(sentences, ["side", "text", *([by] if by else [])], "the sentences",
                    hint=_HINT + (" and add_meeting_columns(...) for meeting_date" if by == "meeting_date" else ""))
    frame = sentences if "topics" in sentences.columns else sentence_topics(sentences, lexicon)
    words = frame["n_words"] if "n_words" in frame.columns else frame["text"].fillna("").astype(str).map(count_words)
    frame = frame.assign(_words=words.fillna(0).astype(int))
    doc_rank = ({d: i for i, d in enumerate(dict.fromkeys(frame["doc_id"]))} if "doc_id" in frame.columns else {})
    named = {t for cell in frame["topics"] for t in split_topics(cell)}
    topics = [*TOPICS, *sorted(named - set(TOPICS))]
    rows = []
    for key, group in statement_groups(frame, by, tuple(sides), include_reported):
        ordered = _reading_order(group, doc_rank)
        summaries = {s: _side_summary(ordered[ordered["side"] == s]) for s in sides}
        rows += _rows(key, by, summaries, topics, sides)
    columns = [*([by] if by else []), *TOPIC_TABLE_COLUMNS]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"mentioned": bool, "first_position": "Int64", "share_of_words": float,
                         "only_this_side": "boolean", "n_statements": int, "n_words": int,
                         "n_statements_topic": int, "n_statements_other": int})
