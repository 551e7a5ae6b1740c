"""Matched spans shown in their text, as HTML (for the notebooks).

The scoring stage keeps every lexicon match as a span (``matches`` from
:func:`analysis.score_corpus`, with ``start``/``end`` offsets in the sentence
and ``para_start``/``para_end`` in the paragraph). This module marks those
spans in the text so a reader can check each one by eye:

* :func:`highlight_text`: one text and its spans -> an HTML fragment;
* :func:`highlight_paragraphs` / :func:`highlight_sentences`: a frame of
  paragraphs or sentences and the ``matches`` frame -> one HTML block, each
  unit under a small heading (its ids, and any columns you name);
* :func:`legend_html`: the key to the colours.

In a notebook, show the result with ``IPython.display.HTML(...)``.

Each category has a light background colour (Okabe–Ito hues, safe for the
common kinds of colour-blind vision), its own underline style and a short
superscript tag, so the marks still read in grayscale. Spans may overlap or
nest ("very clear" the booster contains "clear" the overlay term): the text is
cut at every span boundary, each piece is marked once with the category that
comes first in :data:`CATEGORY_STYLE`, and its tooltip lists every span that
covers it. The text itself is HTML-escaped, so it is shown exactly as it is.

>>> html = highlight_text("We may act.", [{"start": 3, "end": 6, "category": "hedge", "entry": "may"}])
>>> marked_words(html)
['may']
>>> html.startswith("We <mark") and html.endswith("</sup> act.")
True
"""
from __future__ import annotations

import html as _html
import re
from typing import Iterable, Mapping

import pandas as pd

from analysis.frames import require_columns

#: category -> background colour, underline (CSS border-bottom), superscript tag, legend label.
#: The order is the priority when spans overlap: stance first, then framing, then the sentiment overlay.
CATEGORY_STYLE: dict[str, dict[str, str]] = {
    "hedge": {"background": "#CCE6F7", "border": "2px dotted #0072B2", "tag": "H", "label": "hedge"},
    "approximator": {"background": "#E3F1FB", "border": "2px dotted #56B4E9", "tag": "A",
                     "label": "approximator (a hedge on a quantity)"},
    "booster": {"background": "#FBE3B0", "border": "2px solid #E69F00", "tag": "B", "label": "booster"},
    "directive": {"background": "#F2D1E3", "border": "3px double #CC79A7", "tag": "D", "label": "directive"},
    "self_obligation": {"background": "#E6E6E6", "border": "2px dashed #555555", "tag": "S",
                        "label": "self-obligation (I/we must ...)"},
    "cooperation_stability": {"background": "#CDEBE0", "border": "2px solid #009E73", "tag": "coop",
                              "label": "framing: cooperation / stability"},
    "conflict_confrontation": {"background": "#F8D6C2", "border": "2px solid #D55E00", "tag": "conf",
                               "label": "framing: conflict / confrontation"},
    "responsibility_blame": {"background": "#F3ECA6", "border": "2px dashed #8C7B00", "tag": "blame",
                             "label": "framing: responsibility / blame"},
    "sovereignty_core_interests": {"background": "#DAD3EE", "border": "2px dotted #5E4FA2", "tag": "sov",
                                   "label": "framing: sovereignty / core interests"},
    "human_rights_values": {"background": "#D9E8D0", "border": "2px dashed #3B7D23", "tag": "hr",
                            "label": "framing: human rights / values"},
    "diplomatic": {"background": "#EDEDED", "border": "1px solid #000000", "tag": "dv",
                   "label": "diplomatic sentiment overlay term"},
}
_FALLBACK = {"background": "#EEEEEE", "border": "1px solid #777777"}

#: The stance categories of notebook 03: hedges, boosters and directives (and first-person obligation).
STANCE_CATEGORIES = ("hedge", "approximator", "booster", "directive", "self_obligation")

_MARK = re.compile(r"<mark\b[^>]*>(.*?)</mark>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _style(category: str) -> dict[str, str]:
    return CATEGORY_STYLE.get(category) or {**_FALLBACK, "tag": category, "label": category}


def _priority(category: str) -> int:
    order = list(CATEGORY_STYLE)
    return order.index(category) if category in order else len(order)


def _spans(spans, start: str, end: str, categories) -> list[dict]:
    """Spans as a list of dicts with start, end, category (+ entry, note when known), filtered."""
    if isinstance(spans, pd.DataFrame):
        require_columns(spans, [start, end, "category"], "the spans frame")
        records = spans.to_dict("records")
    else:
        records = [dict(s) for s in spans]
    wanted = None if categories is None else set(categories)
    out = []
    for rec in records:
        if start not in rec or end not in rec or "category" not in rec:
            raise ValueError(f"each span needs {start!r}, {end!r} and 'category'; got {sorted(rec)}")
        if wanted is not None and rec["category"] not in wanted:
            continue
        out.append({**rec, "_start": int(rec[start]), "_end": int(rec[end])})
    return out


def highlight_text(text: str, spans: Iterable[Mapping] | pd.DataFrame, categories: Iterable[str] | None = None,
                   start: str = "start", end: str = "end", tags: bool = True) -> str:
    """``text`` as HTML with each span wrapped in a coloured ``<mark>`` (tooltip: category, entry, note).

    ``spans`` are mappings (or a DataFrame) with ``start``, ``end`` (character
    offsets into ``text``; other column names with ``start=``/``end=``) and
    ``category``; ``entry`` and ``note`` go into the tooltip when present.
    ``categories`` keeps only those categories. With ``tags`` a superscript
    tag (``H``, ``B``, ``D`` ...) follows each span, so the marks survive a
    grayscale print. Offsets outside the text raise ``ValueError``.

    >>> text = "It is clear who is responsible."
    >>> spans = [{"start": 0, "end": 11, "category": "booster"}, {"start": 6, "end": 11, "category": "diplomatic"}]
    >>> marked_words(highlight_text(text, spans))
    ['It is ', 'clear']
    >>> marked_words(highlight_text(text, spans, categories=["diplomatic"]))
    ['clear']
    >>> marked_words(highlight_text("a < b", [{"start": 2, "end": 3, "category": "hedge"}]))
    ['&lt;']
    """
    text = "" if text is None else str(text)
    found = _spans(spans, start, end, categories)
    for s in found:
        if not 0 <= s["_start"] < s["_end"] <= len(text):
            raise ValueError(f"span [{s['_start']}:{s['_end']}] ({s['category']}) does not fit in a text of "
                             f"{len(text)} characters; are the offsets for this text (sentence offsets "
                             "'start'/'end', paragraph offsets 'para_start'/'para_end')?")
    cuts = sorted({0, len(text), *(s["_start"] for s in found), *(s["_end"] for s in found)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        piece = _html.escape(text[a:b], quote=False)
        covering = [s for s in found if s["_start"] <= a and s["_end"] >= b]
        if not covering:
            pieces.append(piece)
            continue
        first = min(covering, key=lambda s: (_priority(s["category"]), s["_end"] - s["_start"]))
        st = _style(first["category"])
        tip = "; ".join(_tooltip(s) for s in sorted(covering, key=lambda s: _priority(s["category"])))
        pieces.append(f'<mark style="background:{st["background"]};border-bottom:{st["border"]};'
                      f'padding:0;color:inherit" title="{_html.escape(tip, quote=True)}">{piece}</mark>')
        if tags:
            ending = sorted((s for s in covering if s["_end"] == b), key=lambda s: _priority(s["category"]))
            for s in ending:
                pieces.append(f'<sup style="font-size:70%;color:#444">{_html.escape(_style(s["category"])["tag"])}</sup>')
    return "".join(pieces)


def _tooltip(span: Mapping) -> str:
    parts = [str(span["category"])]
    if span.get("entry"):
        parts.append(f"entry '{span['entry']}'")
    if span.get("note"):
        parts.append(str(span["note"]))
    return ": ".join(parts[:2]) + (f" ({parts[2]})" if len(parts) > 2 else "")


def legend_html(categories: Iterable[str] | None = None) -> str:
    """A one-line key: each category's mark, tag and label.

    >>> marked_words(legend_html(["hedge", "booster"]))
    ['hedge', 'booster']
    """
    cats = list(CATEGORY_STYLE) if categories is None else list(dict.fromkeys(categories))
    items = []
    for c in cats:
        st = _style(c)
        items.append(f'<mark style="background:{st["background"]};border-bottom:{st["border"]};padding:0;'
                     f'color:inherit">{_html.escape(st["label"])}</mark>'
                     f'<sup style="font-size:70%;color:#444">{_html.escape(st["tag"])}</sup>')
    return '<div style="margin:0.3em 0 0.6em 0;line-height:1.9">Key: ' + " &nbsp; ".join(items) + "</div>"


def _highlight_units(units: pd.DataFrame, matches: pd.DataFrame, keys: list[str], start: str, end: str,
                     categories, heading, only_matched: bool, legend: bool, max_units: int | None,
                     what: str) -> str:
    needed = [*keys, "text"]
    require_columns(units, needed, what)
    require_columns(matches, [*keys, start, end, "category"], "matches", hint="pass analyse(corpus).matches")
    heading = [c for c in (heading or []) if c not in keys]
    require_columns(units, heading, what, hint="heading names columns to show above each unit")
    m = matches if categories is None else matches[matches["category"].isin(list(categories))]
    groups = {k if isinstance(k, tuple) else (k,): g for k, g in m.groupby(keys, sort=False)}
    blocks, shown = [], 0
    for rec in units.to_dict("records"):
        key = tuple(rec[k] for k in keys)
        spans = groups.get(key)
        if only_matched and spans is None:
            continue
        if max_units is not None and shown >= max_units:
            break
        text = str(rec["text"])
        if spans is not None:
            for s in spans.to_dict("records"):
                if "text" in s and text[int(s[start]):int(s[end])] != s["text"]:
                    raise ValueError(f"match {s['text']!r} at {key} [{s[start]}:{s[end]}] is not in the "
                                     f"{what[:-1]}'s text there (found {text[int(s[start]):int(s[end])]!r}); "
                                     "were the matches computed on another corpus, or with the other offsets?")
        body = highlight_text(text, spans if spans is not None else [], start=start, end=end)
        label = " · ".join([f"{rec['doc_id']}" if "doc_id" in keys else "",
                            *(f"{k} {rec[k]}" for k in keys if k != "doc_id"),
                            *(f"{c}: {rec[c]}" for c in heading if str(rec[c]))])
        label = label.strip(" ·")
        blocks.append(f'<div style="margin:0 0 0.7em 0;line-height:1.7">'
                      f'<div style="font-size:80%;color:#666">{_html.escape(label)}</div>{body}</div>')
        shown += 1
    if not blocks:
        blocks.append('<div style="color:#666">no matches to show</div>')
    key_html = legend_html(categories if categories is not None else
                           sorted(set(m["category"]), key=_priority)) if legend else ""
    return f'<div class="framing-highlight">{key_html}{"".join(blocks)}</div>'


def highlight_paragraphs(paragraphs: pd.DataFrame, matches: pd.DataFrame, categories: Iterable[str] | None = None,
                         heading: Iterable[str] | None = None, only_matched: bool = True, legend: bool = True,
                         max_units: int | None = None) -> str:
    """Paragraphs with their matched spans marked, as one HTML block (paragraph offsets ``para_start``/``para_end``).

    ``paragraphs`` needs ``doc_id, para, text`` (``load_corpus().paragraphs``);
    ``matches`` is ``score_corpus(corpus).matches``. ``categories`` keeps only
    those match categories (e.g. :data:`STANCE_CATEGORIES`); ``heading`` names
    extra columns shown above each paragraph; with ``only_matched`` only
    paragraphs with a kept match are shown; ``max_units`` caps how many.
    Every match is checked against the paragraph text, so matches from another
    corpus raise ``ValueError`` instead of marking the wrong words.

    >>> paras = pd.DataFrame({"doc_id": ["d", "d"], "para": [1, 2], "text": ["Hi.", "We may go."]})
    >>> m = pd.DataFrame({"doc_id": ["d"], "para": [2], "para_start": [3], "para_end": [6],
    ...                   "text": ["may"], "category": ["hedge"]})
    >>> out = highlight_paragraphs(paras, m, legend=False)
    >>> marked_words(out), "d · para 2" in out, "Hi." in out
    (['may'], True, False)
    """
    return _highlight_units(paragraphs, matches, ["doc_id", "para"], "para_start", "para_end", categories,
                            heading, only_matched, legend, max_units, "paragraphs")


def highlight_sentences(sentences: pd.DataFrame, matches: pd.DataFrame, categories: Iterable[str] | None = None,
                        heading: Iterable[str] | None = None, only_matched: bool = True, legend: bool = True,
                        max_units: int | None = None) -> str:
    """Sentences with their matched spans marked (sentence offsets ``start``/``end``); as :func:`highlight_paragraphs`.

    ``sentences`` needs ``doc_id, para, sent, text``; any extra column named in
    ``heading`` (``side``, ``speaker``, ``meeting_id`` ...) is shown above each.

    >>> s = pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [1], "side": ["us"], "text": ["We may go."]})
    >>> m = pd.DataFrame({"doc_id": ["d"], "para": [1], "sent": [1], "start": [3], "end": [6],
    ...                   "category": ["hedge"]})
    >>> out = highlight_sentences(s, m, heading=["side"], legend=False)
    >>> marked_words(out), "side: us" in out
    (['may'], True)
    """
    return _highlight_units(sentences, matches, ["doc_id", "para", "sent"], "start", "end", categories,
                            heading, only_matched, legend, max_units, "sentences")


def marked_words(html: str) -> list[str]:
    """The text inside each ``<mark>`` of an HTML fragment, in order (to check a highlight in tests).

    >>> marked_words('a <mark style="x">b</mark> c')
    ['b']
    """
    return [_TAG.sub("", m) for m in _MARK.findall(html)]
