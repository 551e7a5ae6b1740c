"""Statements: the sentences one side speaks, and ways to read them.

A *statement* is a sentence whose ``side`` (from
:func:`~analysis.measure.attribution.attribute_sentences`) is ``us`` or ``china``:
mostly inside a quotation of a US or Chinese speaker, or opening with one.
Journalists' paraphrases ("Wang blamed Washington's ...") are the press's words
about a side, not the side's own; they count only with ``include_reported=True``
(their side is then the reported speaker's side). A sentence whose ``lang`` (when
the frame has that column) is not English is no statement: the English tools do
not score it (:mod:`analysis.measure.scoring`), so it would only add empty rows.

* :func:`select_statements`: the statements, one row each, with ``statement_kind``;
* :func:`add_meeting_columns`: each sentence's meeting date and place;
* :func:`side_by_side`: both sides' statements about one meeting, to read together;
* :func:`statement_sources`: how many statements each side has and how concentrated.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.frames import require_columns
from analysis.text.language import is_english

#: The two sides compared, in the order rows appear.
SIDES = ("us", "china")
_ATTRIBUTED = "pass attributed sentences (analyse(corpus).sentences or attribute_sentences(corpus))"


def select_statements(scored: pd.DataFrame, sides=SIDES, include_reported: bool = False) -> pd.DataFrame:
    """The rows of ``scored`` that are statements by one of ``sides``, with a ``statement_kind`` column.

    ``statement_kind`` is ``direct`` (the side's own quoted words) or, with
    ``include_reported=True``, ``reported`` (narration reporting a speaker of that
    side; ``side`` is set to the reported speaker's side).

    >>> df = pd.DataFrame({"side": ["us", "press", "china"], "reported_side": ["", "china", ""]})
    >>> select_statements(df)["side"].tolist()
    ['us', 'china']
    >>> select_statements(df, include_reported=True)["statement_kind"].tolist()
    ['direct', 'reported', 'direct']
    >>> select_statements(df.assign(lang=["en", "en", "zh"]))["side"].tolist()
    ['us']
    """
    require_columns(scored, ["side"], "the frame", hint=_ATTRIBUTED)
    english = scored["lang"].map(is_english).astype(bool) if "lang" in scored.columns else True
    direct = scored["side"].isin(sides) & english
    kind = pd.Series(np.where(direct, "direct", ""), index=scored.index)
    side = scored["side"].copy()
    if include_reported:
        if "reported_side" not in scored.columns:
            raise ValueError("include_reported=True needs a 'reported_side' column (from attribute_sentences)")
        reported = ~direct & scored["reported_side"].isin(sides) & english
        kind[reported] = "reported"
        side[reported] = scored.loc[reported, "reported_side"]
    keep = kind != ""
    return scored[keep].assign(side=side[keep], statement_kind=kind[keep])


def add_meeting_columns(scored: pd.DataFrame, meetings: pd.DataFrame) -> pd.DataFrame:
    """Add ``meeting_date`` and ``meeting_place`` from a meetings table (``corpus.tables['meetings']``).

    Lets :func:`compare_sides` group by day (``by="meeting_date"``): all that each
    side said about 19 June, whichever event it was said at.

    >>> s = pd.DataFrame({"meeting_id": ["a", "b", ""]})
    >>> m = pd.DataFrame({"meeting_id": ["a", "b"], "date": ["2023-06-19", ""], "place": ["Beijing", ""]})
    >>> add_meeting_columns(s, m)["meeting_date"].tolist()
    ['2023-06-19', '', '']
    """
    require_columns(scored, ["meeting_id"], "the frame", hint=_ATTRIBUTED)
    table = meetings.set_index("meeting_id")
    out = scored.copy()
    for col in ("date", "place"):
        values = table[col] if col in table.columns else pd.Series(dtype=str)
        out[f"meeting_{col}"] = scored["meeting_id"].map(values).fillna("").astype(str)
    return out


def statement_groups(scored, by, sides, include_reported) -> list[tuple[object, pd.DataFrame]]:
    """The statements, as (group value, frame) pairs; one ``(None, all)`` pair when ``by`` is None.

    Statements with an empty ``by`` value (placed at no meeting) are left out of a grouped view.
    """
    stm = select_statements(scored, sides, include_reported)
    if by is None:
        return [(None, stm)]
    stm = stm[stm[by].fillna("").astype(str) != ""]
    return list(stm.groupby(by, sort=True))


#: Columns :func:`side_by_side` keeps, when present, in this order.
SIDE_BY_SIDE_COLUMNS = ("side", "statement_kind", "speaker", "meeting_id", "doc_id", "para", "sent",
                        "compound", "compound_diplomatic", "hedges", "boosters", "directives", "text")


def side_by_side(
    scored: pd.DataFrame,
    value: str,
    by: str = "meeting_id",
    sides=SIDES,
    include_reported: bool = False,
) -> pd.DataFrame:
    """The statements of each side about one meeting (or any value of ``by``), to read next to each other.

    One row per statement whose ``by`` column equals ``value`` (a meeting id, or
    a date with ``by="meeting_date"``): ``by``,
    then ``side, statement_kind, speaker, meeting_id, doc_id, para, sent,
    compound, compound_diplomatic, hedges, boosters, directives, text`` (those
    present in ``scored``). Rows come in the order of ``sides``, then in the
    articles' reading order (``doc_id, para, sent``). A side that says nothing
    has no rows (an empty frame when neither speaks). With ``by="meeting_date"``
    (after :func:`add_meeting_columns`) it gives everything each side said about
    one day. A value that ``by`` never takes raises ``ValueError`` listing the
    values it does take, so a typo is not mistaken for silence.

    >>> df = pd.DataFrame({"meeting_id": ["m", "m", "m", "n"], "side": ["china", "us", "press", "us"],
    ...                    "doc_id": ["a", "a", "a", "a"], "para": [1, 2, 3, 4], "sent": [1, 1, 1, 1],
    ...                    "text": ["Respect.", "Candid talks.", "They met.", "Elsewhere."]})
    >>> side_by_side(df, "m")[["side", "text"]].values.tolist()
    [['us', 'Candid talks.'], ['china', 'Respect.']]
    """
    if by not in scored.columns:
        hint = (" Add it with add_meeting_columns(scored, corpus.tables['meetings'])."
                if by == "meeting_date" else "")
        raise ValueError(f"the frame has no column {by!r}.{hint}")
    values = scored[by].fillna("").astype(str)
    key = str(value)
    if not (values == key).any():
        known = sorted(v for v in values.unique() if v)
        raise ValueError(f"no sentence has {by} == {key!r}; values present: {known}")
    stm = select_statements(scored[values == key], sides, include_reported)
    order = {s: i for i, s in enumerate(sides)}
    sort = ["_side_order"] + [c for c in ("doc_id", "para", "sent") if c in stm.columns]
    stm = stm.assign(_side_order=stm["side"].map(order)).sort_values(sort, kind="stable")
    keep = [by] + [c for c in SIDE_BY_SIDE_COLUMNS if c in stm.columns and c != by]
    return stm[keep].reset_index(drop=True)


def statement_sources(scored: pd.DataFrame, sides=SIDES, include_reported: bool = False) -> pd.DataFrame:
    """How many statements each side has, and how concentrated they are: the n behind every comparison.

    One row per side: ``side, n_statements, n_words, n_placed`` (statements
    placed at a meeting), ``n_meetings`` (meetings with at least one), ``n_articles``,
    ``n_speakers``, ``top_meeting`` (the meeting with most of the side's
    statements), ``top_meeting_n`` and ``top_meeting_share`` (its share of all
    the side's statements). Statements said at one event (an interview, a press
    conference) are not independent of each other, so a large share means the
    side's figures describe that event more than the side.

    >>> df = pd.DataFrame({"side": ["us", "us", "us", "china"], "meeting_id": ["i", "i", "", "x"],
    ...     "doc_id": ["a", "a", "b", "a"], "speaker": ["B", "B", "B", "W"], "n_words": [5, 5, 5, 5]})
    >>> statement_sources(df)[["side", "n_statements", "n_placed", "top_meeting", "top_meeting_n"]].values.tolist()
    [['us', 3, 2, 'i', 2], ['china', 1, 1, 'x', 1]]
    """
    require_columns(scored, ["side", "meeting_id"], "the frame", hint=_ATTRIBUTED)
    stm = select_statements(scored, sides, include_reported)
    rows = []
    for side in sides:
        s = stm[stm["side"] == side]
        placed = s[s["meeting_id"].fillna("").astype(str) != ""]
        counts = placed["meeting_id"].astype(str).value_counts()
        counts = counts.sort_index().sort_values(ascending=False, kind="stable")
        top = counts.index[0] if len(counts) else ""
        top_n = int(counts.iloc[0]) if len(counts) else 0
        rows.append({
            "side": side, "n_statements": len(s),
            "n_words": int(s["n_words"].sum()) if "n_words" in s.columns else 0,
            "n_placed": len(placed), "n_meetings": int(counts.size),
            "n_articles": int(s["doc_id"].nunique()) if "doc_id" in s.columns else 0,
            "n_speakers": int(s["speaker"].replace("", np.nan).nunique()) if "speaker" in s.columns else 0,
            "top_meeting": top, "top_meeting_n": top_n,
            "top_meeting_share": top_n / len(s) if len(s) else float("nan"),
        })
    return pd.DataFrame(rows)
